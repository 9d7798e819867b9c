// Issue 14's acceptance, end to end: an issue goes to 200 subscribers through a real SMTP server; then
// reports come back through each of the three doors: the inbound SMTP listener and a real IMAP mailbox
// (Dovecot) get 10 RFC 3464 hard bounces, 5 soft bounces, 3 ARF complaints and 2 replies to the mailto
// address each; the Postmark webhook gets 10 hard bounces, 5 soft bounces and 3 spam complaints (a provider's
// webhook carries no replies), plus the same with a wrong secret. Each door also gets a forged report.
// Afterwards exactly the right suppressions and ledger events exist, the next send excludes exactly those
// people with their reason codes, and the forged and unauthenticated reports changed nothing.
import { describe, it, expect, beforeAll, afterAll, vi } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import nodemailer from "nodemailer";
import { ImapFlow } from "imapflow";

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "vitest" }) }));

const { db } = await import("../db/index.ts");
const { config, parseWebhookConfig } = await import("../config/index.ts");
const { useSmtpSink } = await import("../testing/use-smtp-sink.ts");
const { seedFormVersion, seedManyConfirmed, seedNewsletter, seedOrganisation, seedIssue } = await import("../sending/testing/fixtures.ts");
const { preSendReport } = await import("../sending/pre-send-report.ts");
const { suppressionsFor } = await import("../subscribers/suppression.ts");
const { deliveryToken } = await import("../mail/delivery-id.ts");
const { startInboundSmtp } = await import("./smtp-listener.ts");
const { pollImapOnce } = await import("./imap-poll.ts");
const { fixture, tamper, useBounceAddress } = await import("./testing.ts");
const { sendIssue } = await import("./testing-send.ts");
const { DOVECOT, startDovecot } = await import("./testing-dovecot.ts");
const postmark = await import("../../app/api/inbound/postmark/route.ts");

const POSTMARK_AUTH = "postmark:" + randomBytes(12).toString("hex");
const MAILTO = "afmelden@fietsen.example";

let sink: Awaited<ReturnType<typeof useSmtpSink>>;
let listener: Awaited<ReturnType<typeof startInboundSmtp>>;
let reporter: nodemailer.Transporter;
let imap: Awaited<ReturnType<typeof startDovecot>>;

beforeAll(async () => {
  if (!DOVECOT) throw new Error("Dovecot is not installed: apt-get install dovecot-imapd (npm test does this when run as root)");
  sink = await useSmtpSink({ parse: true });
  Object.assign(config(), { softBounceLimit: 3, softBounceDays: 30, unsubscribeMailto: MAILTO, webhooks: parseWebhookConfig({ INBOUND_POSTMARK_AUTH: POSTMARK_AUTH }) });
  useBounceAddress();
  await seedOrganisation();
  listener = await startInboundSmtp({ port: 0, host: "127.0.0.1" });
  reporter = nodemailer.createTransport({ host: "127.0.0.1", port: listener.port, secure: false, ignoreTLS: true });
  imap = await startDovecot();
}, 60_000);
afterAll(async () => {
  reporter?.close();
  await listener?.close();
  await imap?.stop();
  await sink?.stop();
});

type Target = { email: string; subscriberId: string; subscriptionId: string; deliveryId: string; verp: string };

const HARD = ["postfix-hard-user-unknown.eml", "gmail-hard-address-not-found.eml"];
const SOFT = ["postfix-delayed.eml", "gmail-delay-over-quota.eml"];
const COMPLAINT = "arf-rfc5965-generic.eml";
const reply = (t: Target) =>
  fixture("unsubscribe-reply.eml", { subscriptionId: t.subscriptionId }).replace(/lezer@ontvanger\.example/g, t.email).replace("<reply-20261203@", `<reply-${t.deliveryId}@`);

function postmarkEvent(file: string, t: Target, n: number) {
  return fs.readFileSync(path.join(import.meta.dirname, "webhooks", "fixtures", file), "utf8")
    .replaceAll("__EVENT_NO__", String(n)).replaceAll("__TOKEN__", deliveryToken(t.deliveryId)).replaceAll("__EMAIL__", t.email);
}
const postmarkPost = (body: string, auth = POSTMARK_AUTH) =>
  postmark.POST(new Request("http://localhost:3000/api/inbound/postmark", { method: "POST", headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from(auth).toString("base64")}` }, body }));

const reasonsOf = async (email: string) => (await suppressionsFor(db, email)).filter((s) => !s.liftedAt).map((s) => `${s.scope === "all" ? "all" : "newsletter"}:${s.reason}`).sort();

describe("bounces, complaints and replies through all three doors", () => {
  it("200 recipients; 10 hard, 5 soft, 3 complaints (and 2 replies) per door → exactly the right suppressions, ledger events and exclusions", async () => {
    const nl = await seedNewsletter({ name: "Fietsbrief" });
    const fv = await seedFormVersion([nl.id]);
    await seedManyConfirmed({ newsletterId: nl.id, formVersionId: fv.id, n: 200 });
    const issue = await sendIssue(nl.id);
    const rows = await db.delivery.findMany({ where: { issueId: issue.id }, include: { subscriber: { select: { email: true } } }, orderBy: { id: "asc" } });
    expect(rows.filter((d) => d.status === "sent")).toHaveLength(200);
    const targets: Target[] = rows.map((d) => {
      const mail = sink.received.find((m) => m.raw.includes(`<${d.id}@`))!;
      expect(mail.parsed.headers.get("x-proofmail-delivery")).toBe(deliveryToken(d.id));
      return { email: d.subscriber!.email, subscriberId: d.subscriberId!, subscriptionId: d.subscriptionId!, deliveryId: d.id, verp: mail.envelopeFrom };
    });
    const smtpT = targets.slice(0, 20), imapT = targets.slice(20, 40), hookT = targets.slice(40, 58), untouched = targets.slice(58);
    const roles = (t: Target[]) => ({ hard: t.slice(0, 10), soft: t.slice(10, 15), complaint: t.slice(15, 18), reply: t.slice(18, 20) });
    const before = { events: await db.consentEvent.count(), suppressions: await db.suppression.count() };

    // Door (b): the inbound SMTP listener. Bounces to their VERP address, replies to the mailto address.
    const s = roles(smtpT);
    for (const [i, t] of s.hard.entries()) await reporter.sendMail({ envelope: { from: "", to: [t.verp] }, raw: fixture(HARD[i % 2], { deliveryId: t.deliveryId }) });
    for (const [i, t] of s.soft.entries()) await reporter.sendMail({ envelope: { from: "", to: [t.verp] }, raw: fixture(SOFT[i % 2], { deliveryId: t.deliveryId }) });
    for (const t of s.complaint) await reporter.sendMail({ envelope: { from: "fbl@isp.example", to: ["fbl@bounce.fietsen.example"] }, raw: fixture(COMPLAINT, { deliveryId: t.deliveryId }) });
    for (const t of s.reply) await reporter.sendMail({ envelope: { from: t.email, to: [MAILTO] }, raw: reply(t) });
    await reporter.sendMail({ envelope: { from: "", to: ["bounces@bounce.fietsen.example"] }, raw: tamper(fixture(HARD[0], { deliveryId: untouched[0].deliveryId })) });

    // Door (a): the IMAP mailbox, one poll.
    const m = roles(imapT);
    const c = new ImapFlow({ host: "127.0.0.1", port: imap.port, secure: false, auth: { user: imap.user, pass: imap.pass }, logger: false });
    await c.connect();
    const raws = [
      ...m.hard.map((t, i) => fixture(HARD[(i + 1) % 2], { deliveryId: t.deliveryId })),
      ...m.soft.map((t, i) => fixture(SOFT[(i + 1) % 2], { deliveryId: t.deliveryId })),
      ...m.complaint.map((t) => fixture(COMPLAINT, { deliveryId: t.deliveryId })),
      ...m.reply.map(reply),
      tamper(fixture(COMPLAINT, { deliveryId: untouched[1].deliveryId })),
    ];
    for (const raw of raws) await c.append("INBOX", raw.replace(/\r?\n/g, "\r\n"));
    await c.logout();
    expect(await pollImapOnce({ host: "127.0.0.1", port: imap.port, secure: false, user: imap.user, pass: imap.pass, mailbox: "INBOX" })).toEqual({ processed: 21, failed: 0, left: 0 });

    // Door (c): the Postmark webhook; first everything with a wrong secret (401, nothing kept), then rightly.
    const h = roles(hookT);
    const events = [
      ...h.hard.map((t) => ["postmark-hard-bounce.json", t] as const),
      ...h.soft.map((t) => ["postmark-soft-bounce.json", t] as const),
      ...h.complaint.map((t) => ["postmark-spam-complaint.json", t] as const),
    ];
    const inboundBefore = await db.inboundMessage.count();
    for (const [i, [file, t]] of events.entries()) expect((await postmarkPost(postmarkEvent(file, t, 5000 + i), "postmark:wrong-secret")).status).toBe(401);
    expect(await db.inboundMessage.count()).toBe(inboundBefore);
    for (const [i, [file, t]] of events.entries()) expect((await postmarkPost(postmarkEvent(file, t, 6000 + i))).status).toBe(200);
    // a forged id: kept for staff, applied to nobody
    expect((await postmarkPost(postmarkEvent("postmark-hard-bounce.json", untouched[2], 7000).replace(deliveryToken(untouched[2].deliveryId), tamper(deliveryToken(untouched[2].deliveryId))))).status).toBe(200);

    // Every report is on record: 21 per mail door, 19 for the webhook (the forged ones as unmatched).
    await waitForCount(() => db.inboundMessage.count({ where: { source: "smtp" } }), 21);
    const bySource = Object.fromEntries((await db.inboundMessage.groupBy({ by: ["source"], _count: { _all: true } })).map((r) => [r.source, r._count._all]));
    expect(bySource).toMatchObject({ smtp: 21, imap: 21 });
    expect(await db.inboundMessage.count({ where: { action: "INBOUND_UNMATCHED" } })).toBe(3);

    // Exactly the right suppressions…
    const all = [s, m, h];
    for (const r of all) {
      for (const t of r.hard) expect(await reasonsOf(t.email)).toEqual(["all:bounce"]);
      for (const t of r.soft) expect(await reasonsOf(t.email)).toEqual([]);
      for (const t of r.complaint) expect(await reasonsOf(t.email)).toEqual(["all:complaint"]);
    }
    for (const t of [...s.reply, ...m.reply]) expect(await reasonsOf(t.email)).toEqual(["newsletter:withdrawal"]);
    for (const t of untouched) expect(await reasonsOf(t.email)).toEqual([]);
    expect(await db.suppression.count()).toBe(before.suppressions + 30 + 9 + 4);

    // …and exactly one ledger event per action, of the right type.
    const eventTypes = async (list: Target[]) => (await db.consentEvent.findMany({ where: { subscriberId: { in: list.map((t) => t.subscriberId) }, type: { in: ["bounce", "objection", "withdraw"] } } })).map((e) => e.type);
    expect((await eventTypes(all.flatMap((r) => r.hard))).filter((x) => x === "bounce")).toHaveLength(30);
    expect(await eventTypes(all.flatMap((r) => r.soft))).toEqual([]);
    expect((await eventTypes(all.flatMap((r) => r.complaint))).filter((x) => x === "objection")).toHaveLength(9);
    expect((await eventTypes([...s.reply, ...m.reply])).filter((x) => x === "withdraw")).toHaveLength(4);
    expect(await eventTypes(untouched)).toEqual([]);
    expect(await db.consentEvent.count()).toBe(before.events + 30 + 9 + 4);

    // The next send: the report and the send exclude exactly those 43 people, each with a reason code.
    const next = await seedIssue(nl.id, "Volgende");
    const report = (await preSendReport({ issueId: next.id }))!;
    expect(report).toMatchObject({ candidates: 200, recipients: 157 });
    expect(Object.values(report.excluded).reduce((a, b) => a + b, 0)).toBe(43);
    const second = await sendIssue(nl.id);
    const out = await db.delivery.findMany({ where: { issueId: second.id }, select: { subscriberId: true, status: true, reason: true } });
    const excluded = new Set([...all.flatMap((r) => [...r.hard, ...r.complaint]), ...s.reply, ...m.reply].map((t) => t.subscriberId));
    for (const d of out) {
      if (excluded.has(d.subscriberId!)) expect(d).toMatchObject({ status: "skipped", reason: expect.stringMatching(/^DENY_/) });
      else expect(d.status).toBe("sent");
    }
    expect(out.filter((d) => d.status === "sent")).toHaveLength(157);
  }, 240_000);
});

async function waitForCount(count: () => Promise<number>, n: number) {
  const end = Date.now() + 15_000;
  while ((await count()) < n && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
}
