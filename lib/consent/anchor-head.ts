// Anchoring signed ledger heads outside the organisation's control (issue 12, deliver 5). A head signed with our
// own key shows what we said, not when: whoever holds the key could sign a head over a rewritten chain and date
// it back. Two anchors fix a head in time with someone else, each optional and off unless configured:
// - LEDGER_TSA_URL: an RFC 3161 timestamp authority stamps SHA-256 of the statement (tsa-client.ts); the token
//   is kept on the head (tsaToken, tsaAt) and travels with exports and the well-known page;
// - LEDGER_ANCHOR_EMAIL: the signed head is mailed to an address the organisation does not control (an
//   auditor, a notary's inbox); anchoredEmailAt records it, so a head is mailed once and a failure is retried.
// The worker anchors at most once a day per channel, and only a head that is new since the last anchor
// (ledger-anchor-job.ts); an admin (or `npm run ledger:anchor`) signs and anchors now. A failing anchor never
// throws: it is logged, recorded as a LedgerAnchorAttempt (the admin sees the reason) and retried next run.
import "server-only";
import { config } from "../config/index.ts";
import type { Db } from "../db/index.ts";
import { getLogger } from "../log/logger.ts";
import { maskEmailsIn } from "../log/mask-email.ts";
import { ledgerAnchorMail } from "../mail/system-mails.ts";
import { sendStaffMail } from "../mail/send-staff-mail.ts";
import { statementBytes } from "./head-statement.ts";
import { signedHeadOf, signHead, signHeadIfGrown, statementOf } from "./ledger-heads.ts";
import { requestTimestamp } from "./tsa-client.ts";

export const ANCHOR_CHANNELS = ["tsa", "email"] as const;
export type AnchorChannel = (typeof ANCHOR_CHANNELS)[number];
export type AnchorTrigger = "schedule" | "manual";
export type AnchorOutcome = { channel: AnchorChannel; seq: number; ok: boolean; detail: string };

/** The worker anchors a channel again only this long after its last successful anchor. */
export const ANCHOR_EVERY_MS = 24 * 60 * 60 * 1000;

const log = getLogger("ledger");

type Head = NonNullable<Awaited<ReturnType<Db["ledgerHead"]["findFirst"]>>>;

/** The channels this install has configured, in the order they run (the mail then carries the timestamp too). */
export function configuredChannels(): AnchorChannel[] {
  const { ledgerTsaUrl, ledgerAnchorEmail } = config();
  return ANCHOR_CHANNELS.filter((c) => (c === "tsa" ? !!ledgerTsaUrl : !!ledgerAnchorEmail));
}

const isAnchored = (h: Head, channel: AnchorChannel) => (channel === "tsa" ? !!h.tsaToken : !!h.anchoredEmailAt);

async function lastSuccess(client: Db, channel: AnchorChannel) {
  return client.ledgerAnchorAttempt.findFirst({ where: { channel, ok: true }, orderBy: { at: "desc" } });
}

async function anchorBy(client: Db, channel: AnchorChannel, head: Head, trigger: AnchorTrigger, now: Date): Promise<AnchorOutcome> {
  const { ledgerTsaUrl, ledgerAnchorEmail } = config();
  let ok = false;
  let detail: string;
  try {
    if (channel === "tsa") {
      const r = await requestTimestamp(ledgerTsaUrl!, statementBytes(statementOf(head)));
      if (r.ok) {
        await client.ledgerHead.update({ where: { id: head.id }, data: { tsaToken: r.token.toString("base64"), tsaAt: r.check.genTime } });
        head.tsaToken = r.token.toString("base64");
        head.tsaAt = r.check.genTime;
        ok = true;
        detail = `${ledgerTsaUrl} at ${r.check.genTime.toISOString()}${r.check.tsa?.name ? ` (${r.check.tsa.name})` : ""}`;
      } else detail = r.problem;
    } else {
      await sendStaffMail(ledgerAnchorMail({ to: ledgerAnchorEmail!, signed: signedHeadOf(head) }));
      await client.ledgerHead.update({ where: { id: head.id }, data: { anchoredEmailAt: now } });
      head.anchoredEmailAt = now;
      ok = true;
      detail = ledgerAnchorEmail!;
    }
  } catch (err) {
    detail = (err as Error).message || String(err);
  }
  detail = detail.slice(0, 500);
  await client.ledgerAnchorAttempt.create({ data: { headId: head.id, seq: head.seq, channel, trigger, at: now, ok, detail } });
  if (ok) log.info({ channel, seq: head.seq, headId: head.id, trigger }, `ledger: anchored head ${head.seq} by ${channel}`);
  else log.warn({ channel, seq: head.seq, headId: head.id, trigger, problem: maskEmailsIn(detail) }, `ledger: anchoring head ${head.seq} by ${channel} failed (retried on the next run)`);
  return { channel, seq: head.seq, ok, detail };
}

/**
 * `schedule`: signs a head if the ledger grew, then, per configured channel, anchors the newest head when it is not
 * anchored by that channel yet and the channel's last successful anchor is at least a day old (or there is none).
 * `manual`: signs a new head now and anchors it by every configured channel. Never throws for a failed anchor.
 */
export async function anchorLedgerHead(client: Db, { trigger, now = new Date() }: { trigger: AnchorTrigger; now?: Date }) {
  const channels = configuredChannels();
  let head: Head | null;
  if (trigger === "manual") head = (await signHead(client, { reason: "manual", now })).row;
  else {
    if (channels.length === 0) return { head: null, outcomes: [] as AnchorOutcome[] };
    head = (await signHeadIfGrown(client, { now }))?.row ?? (await client.ledgerHead.findFirst({ orderBy: [{ signedAt: "desc" }, { seq: "desc" }] }));
  }
  const outcomes: AnchorOutcome[] = [];
  if (!head) return { head, outcomes };
  for (const channel of channels) {
    if (trigger === "schedule") {
      if (isAnchored(head, channel)) continue;
      const last = await lastSuccess(client, channel);
      if (last && now.getTime() - last.at.getTime() < ANCHOR_EVERY_MS) continue;
    }
    outcomes.push(await anchorBy(client, channel, head, trigger, now));
  }
  return { head, outcomes };
}

export type AnchorStatus = {
  channels: AnchorChannel[];
  /** Per channel, the last attempt and the last success (they differ after a failure). */
  last: { channel: AnchorChannel; attempt: { at: Date; ok: boolean; detail: string; seq: number } | null; success: { at: Date; seq: number } | null }[];
};

/** What the admin page shows next to the button: the configured channels and each one's last result. */
export async function getAnchorStatus(client: Db): Promise<AnchorStatus> {
  const last = await Promise.all(ANCHOR_CHANNELS.map(async (channel) => {
    const [attempt, success] = await Promise.all([
      client.ledgerAnchorAttempt.findFirst({ where: { channel }, orderBy: { at: "desc" } }),
      lastSuccess(client, channel),
    ]);
    return { channel, attempt, success };
  }));
  return { channels: configuredChannels(), last };
}
