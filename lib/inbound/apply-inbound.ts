// The one pipeline every door hands a raw message to (issue 14 D1/D3): parse (parse-inbound.ts), find the
// delivery or subscription its verified id names, let lib/rules' decideInbound say what it does, carry that
// out with the existing helpers (suppress, appendEvent, withdraw), and keep a record of the message
// (InboundMessage: kind, matched delivery, summary, hash of the raw message, an excerpt only when nobody
// was matched, for staff). Each action is one ledger event, in the same transaction as its suppression.
// A message delivered twice (same bytes) is processed once. Nothing is ever applied to an address read
// from the report: without a valid id the message is only stored.
import { db, Prisma, type Tx } from "../db/index.ts";
import { config } from "../config/index.ts";
import { appendEvent } from "../consent/ledger.ts";
import { suppress, suppressionsFor } from "../subscribers/suppression.ts";
import { withdraw } from "../subscribers/withdraw.ts";
import { decideInbound, type InboundAction, type InboundFacts } from "../rules/index.ts";
import { sha256 } from "../util/hash.ts";
import { getLogger } from "../log/logger.ts";
import { parseInbound, type ParsedInbound } from "./parse-inbound.ts";
import { sendReplyConfirmation } from "./reply-confirmation.ts";
import { endForComplaint } from "./end-for-complaint.ts";

const log = getLogger("inbound");

/** Characters of an unmatched message kept for staff (the rest is dropped; its hash covers all of it). */
export const INBOUND_EXCERPT_MAX = 16 * 1024;
/** Messages larger than this are refused by the doors (smtp-server `size`). */
export const INBOUND_MAX_BYTES = 10 * 1024 * 1024;

/** The door a message came in by: a mail door, or a provider's webhook (lib/inbound/webhooks). */
export type InboundSource = "smtp" | "imap" | "test" | `webhook-${string}`;

export type ApplyInboundResult = {
  id: string;
  duplicate: boolean;
  parsed: ParsedInbound;
  decision: InboundAction | null;
};

type Target = {
  subscriberId: string;
  email: string;
  subscriptionId: string | null;
  newsletterId: string | null;
  deliveryId: string | null;
};

async function resolveTarget(parsed: ParsedInbound): Promise<Target | null> {
  if (parsed.deliveryId) {
    const d = await db.delivery.findUnique({
      where: { id: parsed.deliveryId },
      select: { id: true, subscriptionId: true, issue: { select: { newsletterId: true } }, subscriber: { select: { id: true, email: true } } },
    });
    if (!d?.subscriber) return null; // no such delivery, or its subscriber was erased
    return { subscriberId: d.subscriber.id, email: d.subscriber.email, subscriptionId: d.subscriptionId, newsletterId: d.issue.newsletterId, deliveryId: d.id };
  }
  if (parsed.subscriptionId) {
    const s = await db.subscription.findUnique({ where: { id: parsed.subscriptionId }, select: { id: true, newsletterId: true, subscriber: { select: { id: true, email: true } } } });
    if (!s) return null;
    return { subscriberId: s.subscriber.id, email: s.subscriber.email, subscriptionId: s.id, newsletterId: s.newsletterId, deliveryId: null };
  }
  return null;
}

async function gatherFacts(client: Tx | typeof db, parsed: ParsedInbound, target: Target | null, now: Date): Promise<InboundFacts> {
  const { softBounceLimit: limit, softBounceDays: days } = config();
  let activeAllScopeReasons: string[] = [];
  let softBouncedDeliveries = 0;
  if (target) {
    const entries = await suppressionsFor(client as Tx, target.email);
    activeAllScopeReasons = entries.filter((e) => e.scope === "all" && !e.liftedAt).map((e) => e.reason);
    const since = new Date(now.getTime() - days * 86_400_000);
    const earlier = await client.inboundMessage.findMany({
      where: { subscriberId: target.subscriberId, kind: "soft-bounce", receivedAt: { gte: since }, deliveryId: { not: null } },
      select: { deliveryId: true },
    });
    // Distinct deliveries: a server's repeated "still delayed" notices for one message count once.
    softBouncedDeliveries = new Set([...earlier.map((e) => e.deliveryId), parsed.kind === "soft-bounce" ? target.deliveryId : null].filter(Boolean)).size;
  }
  return { kind: parsed.kind, matched: !!target, activeAllScopeReasons, softBouncedDeliveries, softBounce: { limit, days } };
}

function summaryOf(parsed: ParsedInbound, decision: InboundAction, matched: boolean) {
  return {
    format: parsed.format, status: parsed.status, diagnostic: matched ? maskAddresses(parsed.diagnostic) : parsed.diagnostic, provider: parsed.provider, feedbackType: parsed.feedbackType,
    matchedBy: parsed.matchedBy, code: decision.code, ruleId: decision.ruleId,
    // The address a report names is kept only for staff to look at when nothing was matched; never acted on.
    ...(matched ? {} : { subject: parsed.subject, reportedRecipient: parsed.recipient }),
  };
}

// A diagnostic often quotes the address ("550 5.1.1 <jan@example.nl>: user unknown"). The ledger and the
// record of a matched message keep no address (R-RET-SUPPRESSION-HASH: after an erasure only the keyed hash
// may remain), so every address in the text becomes "<address>".
const ADDRESS = /[^\s<>"'(),;:[\]]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
export const maskAddresses = (s: string | null) => (s ? s.replace(ADDRESS, "<address>") : s);

const isUniqueViolation = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";

/** Processes one raw inbound message. Idempotent per message bytes. */
export async function applyInbound(raw: string | Buffer, opts: { source: InboundSource; envelopeTo?: string[]; now?: Date }): Promise<ApplyInboundResult> {
  const text = typeof raw === "string" ? raw : raw.toString("utf8");
  const parsed = await parseInbound(text, { to: opts.envelopeTo });
  return applyParsedInbound(parsed, { source: opts.source, rawHash: sha256(text), original: text, now: opts.now });
}

/**
 * The decide/apply half of the pipeline, for an event already normalised to what the parser produces (the
 * webhook doors turn a provider's event into a ParsedInbound). `rawHash` identifies the event (the same one
 * delivered twice is processed once); `original` is what an unmatched record keeps for staff.
 */
export async function applyParsedInbound(parsed: ParsedInbound, opts: { source: InboundSource; rawHash: string; original: string; now?: Date }): Promise<ApplyInboundResult> {
  const { rawHash, original: text } = opts;
  const now = opts.now ?? new Date();
  const seen = await db.inboundMessage.findUnique({ where: { rawHash }, select: { id: true } });
  if (seen) return { id: seen.id, duplicate: true, parsed, decision: null };

  const target = await resolveTarget(parsed);
  const record = (tx: Tx | typeof db, decision: InboundAction) =>
    tx.inboundMessage.create({
      data: {
        receivedAt: now, source: opts.source, kind: parsed.kind, rawHash, action: decision.code,
        deliveryId: target?.deliveryId ?? null,
        subscriberId: target?.subscriberId ?? null,
        summary: summaryOf(parsed, decision, !!target),
        excerpt: target ? null : text.slice(0, INBOUND_EXCERPT_MAX),
      },
      select: { id: true },
    });

  try {
    const first = decideInbound(await gatherFacts(db, parsed, target, now));
    if (first.action === "withdraw" && target?.newsletterId) {
      // The same path as the unsubscribe link (one ledger event per subscription it ends, in its own transaction).
      const { withdrawn } = await withdraw({
        subscriberId: target.subscriberId, scope: { newsletterId: target.newsletterId }, actor: "subject", via: "mailto-reply", at: now,
        recorded: { channel: "reply-mail", note: "" },
      });
      const row = await record(db, first);
      if (withdrawn.length > 0) {
        const newsletter = await db.newsletter.findUnique({ where: { id: target.newsletterId }, select: { name: true, fromName: true, fromEmail: true, language: true } });
        const org = await db.organisation.findUnique({ where: { id: 1 }, select: { name: true } });
        if (newsletter) await sendReplyConfirmation({ to: target.email, newsletter, orgName: org?.name ?? "" });
      }
      return { id: row.id, duplicate: false, parsed, decision: first };
    }

    return await db.$transaction(async (tx) => {
      // Decided again inside the transaction: the soft-bounce count and the suppressions are read where they are written.
      const decision = decideInbound(await gatherFacts(tx, parsed, target, now));
      if (target) await carryOut(tx, decision, parsed, target, opts.source, now);
      const row = await record(tx, decision);
      return { id: row.id, duplicate: false, parsed, decision };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      const row = await db.inboundMessage.findUnique({ where: { rawHash }, select: { id: true } });
      if (row) return { id: row.id, duplicate: true, parsed, decision: null };
    }
    throw err;
  }
}

async function carryOut(tx: Tx, decision: InboundAction, parsed: ParsedInbound, target: Target, source: InboundSource, now: Date) {
  const report = { deliveryId: target.deliveryId, status: parsed.status, diagnostic: maskAddresses(parsed.diagnostic), provider: parsed.provider, code: decision.code };
  switch (decision.action) {
    case "store":
    case "withdraw": // handled before the transaction
      return;
    case "suppress": {
      await suppress(tx, target.email, decision.scope, decision.reason, now);
      await appendEvent(tx, {
        type: decision.event, at: now, subscriberId: target.subscriberId, subscriptionId: target.subscriptionId,
        newsletterIds: target.newsletterId ? [target.newsletterId] : null, actor: "system",
        details: { via: `inbound-${source}`, scope: decision.scope, kind: parsed.kind, ...report },
      });
      log.info({ code: decision.code, deliveryId: target.deliveryId }, "inbound bounce suppressed an address");
      return;
    }
    case "object": {
      const ended = await endForComplaint(tx, { email: target.email, subscriberId: target.subscriberId, at: now });
      await appendEvent(tx, {
        type: decision.event, at: now, subscriberId: target.subscriberId, subscriptionId: target.subscriptionId,
        newsletterIds: ended.length ? ended : target.newsletterId ? [target.newsletterId] : null, actor: "subject",
        details: { via: "feedback-loop", scope: decision.scope, channel: parsed.provider ?? "feedback-loop", feedbackType: parsed.feedbackType, ...report },
      });
      log.info({ code: decision.code, deliveryId: target.deliveryId }, "inbound complaint recorded as an objection");
      return;
    }
  }
}
