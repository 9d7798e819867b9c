// Inbound processing end to end, with real SMTP at both ends and the real database: newsletters go out
// through the send pipeline to an SMTP sink; their bounces, complaints and unsubscribe replies come back
// through the inbound SMTP listener (the worker's door) → suppressions, ledger events, and the next send
// skips those people with the gate's reason. Forged or unmatched reports change nothing and are kept.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import nodemailer from "nodemailer";
import { db } from "../db/index.ts";
import { config } from "../config/index.ts";
import { useSmtpSink, type UsedSmtpSink } from "../testing/use-smtp-sink.ts";
import { preSendReport } from "../sending/pre-send-report.ts";
import { seedFormVersion, seedIssue, seedNewsletter, seedOrganisation, seedSubscriber } from "../sending/testing/fixtures.ts";
import { suppressionsFor } from "../subscribers/suppression.ts";
import { verifyDeliveryToken } from "../mail/delivery-id.ts";
import { startInboundSmtp, type InboundListener } from "./smtp-listener.ts";
import { applyInbound } from "./apply-inbound.ts";
import { fixture, tamper, useBounceAddress, TEST_BOUNCE } from "./testing.ts";
import { sendIssue as sendIssueThroughPipeline, received as receivedBy } from "./testing-send.ts";

let sink: UsedSmtpSink;
let inbound: InboundListener;
let reporter: nodemailer.Transporter; // the remote mail server that sends us its reports

beforeAll(async () => {
  sink = await useSmtpSink();
  Object.assign(config(), { softBounceLimit: 3, softBounceDays: 30, unsubscribeMailto: "afmelden@fietsen.example" });
  useBounceAddress();
  await seedOrganisation();
  inbound = await startInboundSmtp({ port: 0, host: "127.0.0.1" });
  reporter = nodemailer.createTransport({ host: "127.0.0.1", port: inbound.port, secure: false, ignoreTLS: true });
});
afterAll(async () => {
  reporter?.close();
  await inbound?.close();
  await sink.stop();
});

const sendIssue = sendIssueThroughPipeline;
const received = (issueId: string, email: string) => receivedBy(sink, issueId, email);

/** A remote server's report, to the inbound listener: null sender, RCPT TO the address it is for. */
async function report(raw: string, to: string) {
  const before = await db.inboundMessage.count();
  await reporter.sendMail({ envelope: { from: "", to: [to] }, raw });
  expect(await db.inboundMessage.count()).toBe(before + 1);
  return db.inboundMessage.findFirstOrThrow({ orderBy: { receivedAt: "desc" }, where: {}, take: 1 });
}

const activeAll = async (email: string) => (await suppressionsFor(db, email)).filter((s) => s.scope === "all" && !s.liftedAt);
const eventsOf = (subscriberId: string, type: string) => db.consentEvent.findMany({ where: { subscriberId, type }, orderBy: { seq: "asc" } });

describe("inbound processing", () => {
  it("every newsletter message carries a signed delivery id and a VERP envelope sender naming its delivery", async () => {
    const n = await seedNewsletter();
    const fv = await seedFormVersion([n.id]);
    const s = await seedSubscriber({ newsletterId: n.id, formVersionId: fv.id });
    const issue = await sendIssue(n.id);
    const { delivery, mail } = await received(issue.id, s.email);
    const token = mail.parsed.headers.get("x-proofmail-delivery") as string;
    expect(verifyDeliveryToken(token)).toBe(delivery.id);
    expect(mail.envelopeFrom).toBe(`${TEST_BOUNCE.local}+${token}@${TEST_BOUNCE.domain}`);
  });

  it("a hard bounce (DSN to the listener) suppresses the address with reason bounce, one ledger event, and the next send skips them", async () => {
    const n = await seedNewsletter();
    const fv = await seedFormVersion([n.id]);
    const gone = await seedSubscriber({ newsletterId: n.id, formVersionId: fv.id });
    const stays = await seedSubscriber({ newsletterId: n.id, formVersionId: fv.id });
    const issue = await sendIssue(n.id);
    const { delivery, mail } = await received(issue.id, gone.email);

    const row = await report(fixture("postfix-hard-user-unknown.eml", { deliveryId: delivery.id }), mail.envelopeFrom);
    expect(row).toMatchObject({ kind: "hard-bounce", deliveryId: delivery.id, subscriberId: gone.subscriber.id, action: "INBOUND_HARD_BOUNCE", source: "smtp", excerpt: null });
    expect((await activeAll(gone.email)).map((s) => s.reason)).toEqual(["bounce"]);
    expect(await activeAll(stays.email)).toEqual([]);
    const events = await eventsOf(gone.subscriber.id, "bounce");
    expect(events).toHaveLength(1);
    expect(events[0].details).toMatchObject({ via: "inbound-smtp", scope: "all", status: "5.1.1", deliveryId: delivery.id });
    // No address in the ledger or the record (the diagnostic quoted one): only the keyed suppression hash names them.
    expect((events[0].details as { diagnostic: string }).diagnostic).toBe("550 5.1.1 <<address>>: Recipient address rejected: User unknown in virtual mailbox table");
    expect(JSON.stringify([events[0], row])).not.toMatch(/@ontvanger\.example|@example\.nl/);

    // The same report again (a relay's retry) is processed once.
    await reporter.sendMail({ envelope: { from: "", to: [mail.envelopeFrom] }, raw: fixture("postfix-hard-user-unknown.eml", { deliveryId: delivery.id }) });
    expect(await db.inboundMessage.count({ where: { deliveryId: delivery.id } })).toBe(1);
    expect(await eventsOf(gone.subscriber.id, "bounce")).toHaveLength(1);

    const report2 = await preSendReport({ issueId: (await seedIssue(n.id)).id });
    expect(report2).toMatchObject({ candidates: 2, recipients: 1, excluded: { DENY_SUPPRESSED: 1 } });
    const next = await sendIssue(n.id);
    const skipped = await db.delivery.findFirstOrThrow({ where: { issueId: next.id, subscriberId: gone.subscriber.id } });
    expect(skipped).toMatchObject({ status: "skipped", reason: "DENY_SUPPRESSED" });
    expect(await db.delivery.findFirstOrThrow({ where: { issueId: next.id, subscriberId: stays.subscriber.id } })).toMatchObject({ status: "sent" });
  });

  it("a forged delivery id matches nothing: the report is kept for staff, nobody is suppressed, no ledger event", async () => {
    const n = await seedNewsletter();
    const fv = await seedFormVersion([n.id]);
    const s = await seedSubscriber({ newsletterId: n.id, formVersionId: fv.id });
    const issue = await sendIssue(n.id);
    const { delivery, mail } = await received(issue.id, s.email);
    const eventsBefore = await db.consentEvent.count();
    const suppressionsBefore = await db.suppression.count();

    // Forged id in the VERP address and the returned headers; the report even names the real address.
    const forged = tamper(fixture("postfix-hard-user-unknown.eml", { deliveryId: delivery.id })).replaceAll("lezer.weg@ontvanger.example", s.email);
    const row = await report(forged, tamper(mail.envelopeFrom));
    expect(row).toMatchObject({ kind: "hard-bounce", deliveryId: null, subscriberId: null, action: "INBOUND_UNMATCHED" });
    expect(row.excerpt).toContain("Undelivered Mail Returned to Sender");
    expect(row.rawHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.summary).toMatchObject({ reportedRecipient: s.email, status: "5.1.1" });
    expect(await db.suppression.count()).toBe(suppressionsBefore);
    expect(await db.consentEvent.count()).toBe(eventsBefore);
    expect(await activeAll(s.email)).toEqual([]);
    // Staff see it among the unmatched messages, with what the report says.
    const { inboundOverview } = await import("./inbound-overview.ts");
    const overview = await inboundOverview();
    expect(overview.unmatched.find((m) => m.id === row.id)).toMatchObject({ source: "smtp", kind: "hard-bounce", status: "5.1.1", reportedRecipient: s.email, subject: "Undelivered Mail Returned to Sender" });
    expect(overview.byOutcome.find((o) => o.code === "INBOUND_UNMATCHED")).toMatchObject({ label: "no valid delivery id: kept for staff" });
    // A well-formed id of a delivery that does not exist is unmatched too.
    const none = await applyInbound(fixture("gmail-hard-address-not-found.eml", { deliveryId: "cmnosuchdelivery000000001" }), { source: "test" });
    expect(none.decision?.code).toBe("INBOUND_UNMATCHED");
    expect(await db.suppression.count()).toBe(suppressionsBefore);
  });

  it("an ARF complaint is an objection to everything: suppression complaint scope all, subscriptions end, one objection event with the provider as channel", async () => {
    const a = await seedNewsletter();
    const b = await seedNewsletter();
    const fv = await seedFormVersion([a.id, b.id]);
    const s = await seedSubscriber({ newsletterId: a.id, formVersionId: fv.id });
    await db.subscription.create({ data: { subscriberId: s.subscriber.id, newsletterId: b.id, status: "confirmed", method: "double_opt_in", formVersionId: fv.id, givenAt: new Date("2025-01-10T09:00:00Z"), confirmedAt: new Date("2025-01-10T09:05:00Z") } });
    const issue = await sendIssue(a.id);
    const { delivery } = await received(issue.id, s.email);

    // Feedback loops send to the FBL address, not to the VERP one: the id is in the returned message.
    const row = await report(fixture("yahoo-arf-abuse.eml", { deliveryId: delivery.id }), "fbl@fietsen.example");
    expect(row).toMatchObject({ kind: "complaint", deliveryId: delivery.id, action: "INBOUND_COMPLAINT" });
    expect((await activeAll(s.email)).map((x) => x.reason)).toEqual(["complaint"]);
    const subs = await db.subscription.findMany({ where: { subscriberId: s.subscriber.id } });
    expect(subs.map((x) => x.status)).toEqual(["unsubscribed", "unsubscribed"]);
    const events = await eventsOf(s.subscriber.id, "objection");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: "subject", subscriptionId: delivery.subscriptionId });
    expect(events[0].details).toMatchObject({ via: "feedback-loop", scope: "all", channel: "arf.mail.yahoo.com", feedbackType: "abuse" });
    expect([...(events[0].newsletterIds as string[])].sort()).toEqual([a.id, b.id].sort());

    // A second complaint (another provider's format) adds nothing.
    const again = await applyInbound(fixture("arf-rfc5965-generic.eml", { deliveryId: delivery.id }), { source: "test" });
    expect(again.decision?.code).toBe("INBOUND_ALREADY_SUPPRESSED");
    expect(await eventsOf(s.subscriber.id, "objection")).toHaveLength(1);

    const next = await sendIssue(b.id);
    expect(await db.delivery.findFirstOrThrow({ where: { issueId: next.id, subscriberId: s.subscriber.id } })).toMatchObject({ status: "skipped", reason: "DENY_SUPPRESSED" });
    expect(await preSendReport({ issueId: (await seedIssue(a.id)).id })).toMatchObject({ candidates: 1, recipients: 0, excluded: { DENY_SUPPRESSED: 1 } });
  });

  it("soft bounces are counted per delivery and suppress at the limit within the window", async () => {
    const n = await seedNewsletter();
    const fv = await seedFormVersion([n.id]);
    const s = await seedSubscriber({ newsletterId: n.id, formVersionId: fv.id });
    const deliveries = [];
    for (let i = 0; i < 3; i++) deliveries.push((await received((await sendIssue(n.id)).id, s.email)).delivery);

    const r1 = await report(fixture("postfix-delayed.eml", { deliveryId: deliveries[0].id }), "bounces@bounce.fietsen.example");
    expect(r1.action).toBe("INBOUND_SOFT_BOUNCE_COUNTED");
    // The same delivery delayed again (another notice, other bytes) still counts once.
    const r1b = await report(fixture("gmail-delay-over-quota.eml", { deliveryId: deliveries[0].id }), "bounces@bounce.fietsen.example");
    expect(r1b.action).toBe("INBOUND_SOFT_BOUNCE_COUNTED");
    const r2 = await report(fixture("exchange-ndr-mailbox-full.eml", { deliveryId: deliveries[1].id }), "bounces@bounce.fietsen.example");
    expect(r2.action).toBe("INBOUND_SOFT_BOUNCE_COUNTED");
    expect(await activeAll(s.email)).toEqual([]);
    expect(await eventsOf(s.subscriber.id, "bounce")).toHaveLength(0);

    const r3 = await report(fixture("exim-delay-text.eml", { deliveryId: deliveries[2].id }), "bounces@bounce.fietsen.example");
    expect(r3.action).toBe("INBOUND_SOFT_BOUNCE_LIMIT");
    expect((await activeAll(s.email)).map((x) => x.reason)).toEqual(["bounce"]);
    const events = await eventsOf(s.subscriber.id, "bounce");
    expect(events).toHaveLength(1);
    expect(events[0].details).toMatchObject({ kind: "soft-bounce", status: "4.7.1" });

    const next = await sendIssue(n.id);
    expect(await db.delivery.findFirstOrThrow({ where: { issueId: next.id, subscriberId: s.subscriber.id } })).toMatchObject({ status: "skipped", reason: "DENY_SUPPRESSED" });
  });

  it("soft bounces older than SOFT_BOUNCE_DAYS do not count", async () => {
    const n = await seedNewsletter();
    const fv = await seedFormVersion([n.id]);
    const s = await seedSubscriber({ newsletterId: n.id, formVersionId: fv.id });
    const ds = [];
    for (let i = 0; i < 3; i++) ds.push((await received((await sendIssue(n.id)).id, s.email)).delivery);
    const old = new Date(Date.now() - 40 * 86_400_000);
    await applyInbound(fixture("postfix-delayed.eml", { deliveryId: ds[0].id }), { source: "test", now: old });
    await applyInbound(fixture("postfix-delayed.eml", { deliveryId: ds[1].id }), { source: "test" });
    const third = await applyInbound(fixture("postfix-delayed.eml", { deliveryId: ds[2].id }), { source: "test" });
    expect(third.decision?.code).toBe("INBOUND_SOFT_BOUNCE_COUNTED");
    expect(await activeAll(s.email)).toEqual([]);
  });

  it("a reply to the List-Unsubscribe mailto address withdraws that newsletter (channel reply-mail), and only that one", async () => {
    const a = await seedNewsletter();
    const b = await seedNewsletter();
    const fv = await seedFormVersion([a.id, b.id]);
    const s = await seedSubscriber({ newsletterId: a.id, formVersionId: fv.id });
    await db.subscription.create({ data: { subscriberId: s.subscriber.id, newsletterId: b.id, status: "confirmed", method: "double_opt_in", formVersionId: fv.id, givenAt: new Date("2025-01-10T09:00:00Z"), confirmedAt: new Date("2025-01-10T09:05:00Z") } });
    const issue = await sendIssue(a.id);
    const { mail } = await received(issue.id, s.email);
    // What the person's mail client sends for the mailto entry of the message's List-Unsubscribe header.
    const mailto = (mail.parsed.headers.get("list-unsubscribe") as { mail?: string } | undefined)?.mail ?? mail.raw.match(/<mailto:([^>]+)>/)![1];
    const [address, query] = mailto.replace(/^mailto:/, "").split("?");
    const subject = decodeURIComponent(query.replace(/^subject=/, ""));
    expect(address).toBe("afmelden@fietsen.example");
    const raw = fixture("unsubscribe-reply.eml").replace(/^Subject: .*$/m, `Subject: ${subject}`).replace(/lezer@ontvanger\.example/g, s.email);
    const row = await report(raw, address);
    expect(row).toMatchObject({ kind: "unsubscribe-reply", action: "INBOUND_REPLY_UNSUBSCRIBE", subscriberId: s.subscriber.id });
    const subs = await db.subscription.findMany({ where: { subscriberId: s.subscriber.id } });
    expect(Object.fromEntries(subs.map((x) => [x.newsletterId, x.status]))).toEqual({ [a.id]: "unsubscribed", [b.id]: "confirmed" });
    const events = await eventsOf(s.subscriber.id, "withdraw");
    expect(events).toHaveLength(1);
    expect(events[0].details).toMatchObject({ via: "mailto-reply", channel: "reply-mail", scope: a.id });
    expect((await suppressionsFor(db, s.email)).map((x) => [x.scope, x.reason])).toEqual([[a.id, "withdrawal"]]);
    // The confirmation that it took effect: to the address we hold, marked automatic (RFC 3834).
    const confirmation = await sink.waitFor((m) => m.envelopeTo.includes(s.email) && /afgemeld/.test(m.parsed.subject ?? ""));
    expect(confirmation.parsed.subject).toBe(`Je bent afgemeld voor ${a.name}`);
    expect(confirmation.parsed.headers.get("auto-submitted")).toBe("auto-replied");
    expect(confirmation.parsed.text).toContain("Fietsen & Co");
    // The same request again changes nothing and sends nothing more.
    await reporter.sendMail({ envelope: { from: s.email, to: [address] }, raw: raw.replace("Message-ID: <reply-20261203@", "Message-ID: <reply-again@") });
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.received.filter((m) => m.envelopeTo.includes(s.email) && /afgemeld/.test(m.parsed.subject ?? ""))).toHaveLength(1);
    expect(await eventsOf(s.subscriber.id, "withdraw")).toHaveLength(1);
  });
});
