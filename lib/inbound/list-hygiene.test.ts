// List hygiene you can see (issue 14 D3, D6), on the real database with a real SMTP server: a send with a
// refused message, a hard and a soft bounce, a complaint and an unsubscribe; the delivery view counts each,
// the next send's pre-send report lists the suppressions under their causes and the send skips them; the
// newsletter's weekly chart and the subscriber's history show the same. Then staff act on unmatched messages:
// dismiss, and suppress an address they type, as lib/rules decides per kind.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { db } from "../db/index.ts";
import { config } from "../config/index.ts";
import { startSmtpSink, type SmtpSink } from "../testing/smtp-sink.ts";
import { startSend } from "../sending/start-send.ts";
import { deliverBatch } from "../sending/deliver-batch.ts";
import { preSendReport } from "../sending/pre-send-report.ts";
import { sendDeliveryView } from "../sending/send-delivery-view.ts";
import { newsletterDeliveryChart, weekOf } from "../sending/newsletter-delivery-chart.ts";
import { subscriberDeliveryHistory } from "../sending/subscriber-delivery-history.ts";
import { seedFormVersion, seedIssue, seedNewsletter, seedOrganisation, seedSubscriber } from "../sending/testing/fixtures.ts";
import { suppressionsFor } from "../subscribers/suppression.ts";
import { withdraw } from "../subscribers/withdraw.ts";
import { unsubscribeToken } from "../subscribers/links.ts";
import { applyInbound } from "./apply-inbound.ts";
import { listUnmatchedInbound } from "./unmatched-inbound.ts";
import { dismissInbound, suppressFromInbound, STAFF_INBOUND_CHANNEL } from "./act-on-unmatched.ts";
import { fixture, tamper, useBounceAddress } from "./testing.ts";

const g = globalThis as { __proofmailTransport?: { close(): void } | null };
let sink: SmtpSink;
// What the receiving server answers message n (0-based, in arrival order); the test changes it as it goes.
let fault: (n: number) => null | { code: number; message: string } = () => null;

beforeAll(async () => {
  sink = await startSmtpSink({ fault: (n) => fault(n) });
  process.env.SMTP_URL = sink.url;
  g.__proofmailTransport = undefined;
  const { loadConfig } = await import("../config/index.ts");
  Object.assign(config(), { smtpUrl: loadConfig().smtpUrl, softBounceLimit: 3, softBounceDays: 30, unsubscribeMailto: "unsubscribe@example.org" });
  useBounceAddress();
  await seedOrganisation();
});
afterAll(async () => {
  g.__proofmailTransport?.close();
  await sink.close();
});

const actor = { id: null, email: "editor@example.org" };

/** Starts a send of a new issue and works it until nothing is left to do now (retries may still be due later). */
async function sendIssue(newsletterId: string, retryBaseMs = 50) {
  const issue = await seedIssue(newsletterId);
  const started = await startSend({ issueId: issue.id, actor });
  if (!started.ok) throw new Error("send did not start");
  for (let idle = 0, i = 0; idle < 3 && i < 400; i++) {
    const worked = await deliverBatch({ workerId: "hygiene-test", options: { lockMs: 10_000, retryBaseMs, maxAttempts: 8 } });
    const send = await db.send.findUnique({ where: { id: started.sendId } });
    if (send?.status !== "running") break;
    if (!worked) { idle++; await new Promise((r) => setTimeout(r, 30)); }
  }
  return { issue, sendId: started.sendId };
}

describe("the delivery view and the pre-send report by cause", () => {
  it("counts a send's outcomes and what came back, lists bounce and complaint suppressions as their own lines, and the next send excludes them", async () => {
    const n = await seedNewsletter();
    const fv = await seedFormVersion([n.id]);
    const people = [];
    for (let i = 0; i < 6; i++) people.push(await seedSubscriber({ newsletterId: n.id, formVersionId: fv.id }));
    fault = (i) => (i === 0 ? { code: 550, message: "5.1.1 <someone@example.net>: Recipient address rejected: User unknown" } : null);
    const first = await sendIssue(n.id);
    fault = () => null;

    const deliveries = await db.delivery.findMany({ where: { sendId: first.sendId }, orderBy: { id: "asc" } });
    expect(deliveries.filter((d) => d.status === "failed")).toHaveLength(1);
    const sent = deliveries.filter((d) => d.status === "sent");
    expect(sent).toHaveLength(5);
    const [hard, soft, complaint, unsub] = sent;
    expect((await applyInbound(fixture("outlook-ndr-access-denied-5.4.1.eml", { deliveryId: hard.id }), { source: "test" })).decision?.code).toBe("INBOUND_HARD_BOUNCE");
    expect((await applyInbound(fixture("postfix-delayed-yahoo-tss04.eml", { deliveryId: soft.id }), { source: "test" })).decision?.code).toBe("INBOUND_SOFT_BOUNCE_COUNTED");
    expect((await applyInbound(fixture("yahoo-arf-abuse.eml", { deliveryId: complaint.id }), { source: "test" })).decision?.code).toBe("INBOUND_COMPLAINT");
    // A second notice for the same hard-bounced delivery counts once.
    await applyInbound(fixture("exchange-2016-ndr-headers-only.eml", { deliveryId: hard.id }), { source: "test" });
    await withdraw({ subscriberId: unsub.subscriberId!, scope: { newsletterId: n.id }, actor: "subject", via: "unsubscribe-page" });

    const view = (await sendDeliveryView(first.sendId))!;
    expect(view.counts).toEqual({ total: 6, delivered: 5, deferred: 0, inFlight: 0, refused: 1, skipped: 0, bouncedHard: 1, bouncedSoft: 1, complained: 1, unsubscribed: 1 });
    // The refusal's SMTP reply, its address masked.
    expect(view.replies).toEqual([{ status: "failed", reason: "SMTP_REJECTED", reply: expect.stringContaining("550 5.1.1 <<address>>: Recipient address rejected"), count: 1 }]);

    // The next send's report: the three suppressions by cause (the earlier refusal and the soft bounce suppress nobody).
    const next = await seedIssue(n.id);
    const report = (await preSendReport({ issueId: next.id }))!;
    expect(report).toMatchObject({ candidates: 6, recipients: 3, excluded: { DENY_SUPPRESSED: 3 } });
    expect(report.causes).toEqual({ DENY_SUPPRESSED: { SUPPRESSED_BOUNCE: 1, SUPPRESSED_COMPLAINT: 1, SUPPRESSED_WITHDRAWAL: 1 } });
    const started = await startSend({ issueId: next.id, actor });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect((await db.send.findUniqueOrThrow({ where: { id: started.sendId } })).report).toMatchObject({ causes: { DENY_SUPPRESSED: { SUPPRESSED_BOUNCE: 1, SUPPRESSED_COMPLAINT: 1 } } });
    for (let i = 0; i < 50 && (await db.send.findUniqueOrThrow({ where: { id: started.sendId } })).status === "running"; i++) {
      await deliverBatch({ workerId: "hygiene-test", options: { lockMs: 10_000, retryBaseMs: 50, maxAttempts: 8 } });
    }
    const second = await db.delivery.findMany({ where: { sendId: started.sendId } });
    for (const d of [hard, complaint, unsub]) {
      expect(second.find((x) => x.subscriberId === d.subscriberId)).toMatchObject({ status: "skipped", reason: "DENY_SUPPRESSED" });
    }
    expect((await sendDeliveryView(started.sendId))!.counts).toMatchObject({ total: 6, delivered: 3, skipped: 3, bouncedHard: 0, complained: 0 });

    // The newsletter's weekly chart: both sends in this week, delivered 5 + 3, one hard bounce, one complaint.
    const chart = await newsletterDeliveryChart({ newsletterId: n.id, weeks: 4 });
    expect(chart).toHaveLength(4);
    expect(chart[3]).toEqual({ week: weekOf(new Date()), sends: 2, delivered: 8, bounced: 1, complained: 1 });
    expect(chart.slice(0, 3).every((p) => p.sends === 0)).toBe(true);

    // The hard-bounced subscriber's page: both deliveries and the two reports about them.
    const history = await subscriberDeliveryHistory({ subscriberId: hard.subscriberId! });
    expect(history.deliveryCount).toBe(2);
    expect(history.deliveries.map((d) => d.status).sort()).toEqual(["sent", "skipped"]);
    expect(history.inbound.map((m) => m.kind)).toEqual(["hard-bounce", "hard-bounce"]);
    expect(history.inbound.map((m) => m.action).sort()).toEqual(["INBOUND_ALREADY_SUPPRESSED", "INBOUND_HARD_BOUNCE"]);
  });

  it("a 4xx answer leaves the delivery deferred, with the server's reply", async () => {
    const n = await seedNewsletter();
    const fv = await seedFormVersion([n.id]);
    await seedSubscriber({ newsletterId: n.id, formVersionId: fv.id });
    await seedSubscriber({ newsletterId: n.id, formVersionId: fv.id });
    let answered = 0;
    fault = () => (answered++ === 0 ? { code: 451, message: "4.3.0 Temporary local problem, please try again later" } : null);
    const { sendId } = await sendIssue(n.id, 600_000);
    fault = () => null;
    const view = (await sendDeliveryView(sendId))!;
    expect(view.counts).toMatchObject({ total: 2, delivered: 1, deferred: 1, refused: 0 });
    expect(view.replies).toEqual([{ status: "queued", reason: "SMTP_TEMPORARY", reply: expect.stringContaining("451 4.3.0 Temporary local problem"), count: 1 }]);
  });
});

describe("staff act on unmatched inbound messages", () => {
  let staff: { id: string; email: string };
  beforeAll(async () => {
    staff = await db.user.create({ data: { email: "admin@example.org", role: "admin" }, select: { id: true, email: true } });
  });

  it("lists them with why they were not matched, masks addresses for editors, dismisses once (audited)", async () => {
    const forged = await applyInbound(tamper(fixture("exchange-2016-ndr-headers-only.eml", { deliveryId: "cmlisteddelivery000000001" })), { source: "test" });
    const gone = await applyInbound(fixture("gmail-hard-address-not-found.eml", { deliveryId: "cmnosuchdelivery000000002" }), { source: "test" });
    const plain = await applyInbound(fixture("exim-headers-only-no-verp.eml").replace(/^X-Proofmail-Delivery:.*\n/m, ""), { source: "test" });
    const ooo = await applyInbound(fixture("gmail-vacation-auto-reply.eml"), { source: "test" });
    const list = await listUnmatchedInbound({ showAddresses: true });
    const byId = new Map(list.map((m) => [m.id, m]));
    expect(byId.get(forged.id)).toMatchObject({ kind: "hard-bounce", why: "id-not-verified", status: "5.1.1", reportedRecipient: "vertrokken@corp.example.net", from: "<postmaster@corp.example.net>", subject: "Undeliverable: Spring: the new models", suppressible: true, handled: null });
    expect(byId.get(gone.id)).toMatchObject({ why: "delivery-gone", suppressible: true });
    expect(byId.get(plain.id)).toMatchObject({ why: "no-id", kind: "hard-bounce" });
    expect(byId.get(ooo.id)).toMatchObject({ why: "not-a-report", kind: "unknown", suppressible: false });
    const masked = (await listUnmatchedInbound({ showAddresses: false })).find((m) => m.id === forged.id)!;
    expect(masked).toMatchObject({ reportedRecipient: "<address>", from: "<<address>>" });

    expect(await dismissInbound({ id: ooo.id, staff })).toMatchObject({ ok: true });
    expect(await dismissInbound({ id: ooo.id, staff })).toMatchObject({ ok: false, status: 409 });
    expect(await dismissInbound({ id: "nosuchmessage", staff })).toMatchObject({ ok: false, status: 404 });
    expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: ooo.id } })).toMatchObject({ handledById: staff.id, handledAction: "dismissed" });
    expect(await db.auditLog.count({ where: { action: "inbound.dismiss", target: ooo.id, actorId: staff.id } })).toBe(1);
    expect((await listUnmatchedInbound({ showAddresses: true })).some((m) => m.id === ooo.id)).toBe(false);
    expect((await listUnmatchedInbound({ showAddresses: true, includeHandled: true })).find((m) => m.id === ooo.id)).toMatchObject({ handled: { action: "dismissed", by: "admin@example.org" } });
    // A dismissed message cannot be acted on any more.
    expect(await suppressFromInbound({ id: ooo.id, email: "x@example.net", staff })).toMatchObject({ ok: false, status: 409 });
  });

  it("suppresses a typed address as the message's kind says: bounce with a ledger event for a subscriber, complaint for anyone, an unsubscribe reply from all", async () => {
    const n = await seedNewsletter();
    const fv = await seedFormVersion([n.id]);
    const bounced = await seedSubscriber({ newsletterId: n.id, formVersionId: fv.id });
    const replier = await seedSubscriber({ newsletterId: n.id, formVersionId: fv.id });
    const hard = await applyInbound(tamper(fixture("outlook-ndr-access-denied-5.4.1.eml")), { source: "test" });
    const soft = await applyInbound(tamper(fixture("exchange-ndr-delayed-4.4.7.eml")), { source: "test" });
    const complaint = await applyInbound(tamper(fixture("amazon-ses-complaint-arf.eml")), { source: "test" });
    // A valid token of a subscription that no longer exists: an unsubscribe reply nobody is matched to.
    const reply = await applyInbound(fixture("unsubscribe-reply.eml").replace(/unsubscribe \S+/, `unsubscribe ${unsubscribeToken("cmgonesubscription0000001")}`), { source: "test" });
    expect([hard, soft, complaint, reply].map((r) => [r.parsed.kind, r.decision?.code])).toEqual([
      ["hard-bounce", "INBOUND_UNMATCHED"], ["soft-bounce", "INBOUND_UNMATCHED"], ["complaint", "INBOUND_UNMATCHED"], ["unsubscribe-reply", "INBOUND_UNMATCHED"],
    ]);
    const before = { suppressions: await db.suppression.count(), events: await db.consentEvent.count() };

    // Bad input: a field message, nothing written, the message still open.
    expect(await suppressFromInbound({ id: hard.id, email: "not an address", staff })).toMatchObject({ ok: false, status: 400, field: "email" });
    // A soft bounce never suppresses: refused by lib/rules, nothing written.
    expect(await suppressFromInbound({ id: soft.id, email: bounced.email, staff })).toMatchObject({ ok: false, status: 409, error: expect.stringContaining("only a hard bounce") });
    expect({ suppressions: await db.suppression.count(), events: await db.consentEvent.count() }).toEqual(before);
    expect((await db.inboundMessage.findUniqueOrThrow({ where: { id: soft.id } })).handledAt).toBeNull();
    expect((await db.inboundMessage.findUniqueOrThrow({ where: { id: hard.id } })).handledAt).toBeNull();

    // Hard bounce, a subscriber's address typed in capitals: suppression bounce (channel recorded), one bounce event by the staff member.
    expect(await suppressFromInbound({ id: hard.id, email: bounced.email.toUpperCase(), staff })).toMatchObject({ ok: true });
    expect((await suppressionsFor(db, bounced.email)).map((s) => [s.scope, s.reason, s.channel])).toEqual([["all", "bounce", STAFF_INBOUND_CHANNEL]]);
    const events = await db.consentEvent.findMany({ where: { subscriberId: bounced.subscriber.id, type: "bounce" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: `user:${staff.id}` });
    expect(events[0].details).toMatchObject({ channel: STAFF_INBOUND_CHANNEL, inboundMessageId: hard.id, code: "INBOUND_STAFF_BOUNCE" });
    expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: hard.id } })).toMatchObject({ handledAction: "INBOUND_STAFF_BOUNCE", handledById: staff.id });
    const audited = await db.auditLog.findFirstOrThrow({ where: { action: "inbound.suppress", target: hard.id } });
    expect(JSON.stringify(audited)).not.toContain(bounced.email);
    // Once only.
    expect(await suppressFromInbound({ id: hard.id, email: bounced.email, staff })).toMatchObject({ ok: false, status: 409 });
    expect(await db.consentEvent.count({ where: { subscriberId: bounced.subscriber.id, type: "bounce" } })).toBe(1);

    // Complaint about someone who is no subscriber: the keyed hash only, no ledger event.
    const eventsBefore = await db.consentEvent.count();
    expect(await suppressFromInbound({ id: complaint.id, email: "stranger@example.net", staff })).toMatchObject({ ok: true });
    expect((await suppressionsFor(db, "stranger@example.net")).map((s) => [s.scope, s.reason])).toEqual([["all", "complaint"]]);
    expect(await db.consentEvent.count()).toBe(eventsBefore);

    // The unsubscribe reply names no newsletter: the subscriber is withdrawn from all, through withdraw().
    expect(await suppressFromInbound({ id: reply.id, email: replier.email, staff })).toMatchObject({ ok: true });
    expect((await db.subscription.findUniqueOrThrow({ where: { id: replier.subscription.id } })).status).toBe("unsubscribed");
    expect((await suppressionsFor(db, replier.email)).map((s) => [s.scope, s.reason, s.channel])).toEqual([["all", "withdrawal", STAFF_INBOUND_CHANNEL]]);
    expect(await db.consentEvent.findMany({ where: { subscriberId: replier.subscriber.id, type: "withdraw" } })).toEqual([
      expect.objectContaining({ actor: `user:${staff.id}`, details: expect.objectContaining({ via: STAFF_INBOUND_CHANNEL, scope: "all" }) }),
    ]);

    // The next send skips both subscribers.
    const r = (await preSendReport({ issueId: (await seedIssue(n.id)).id }))!;
    expect(r).toMatchObject({ candidates: 2, recipients: 0, causes: { DENY_SUPPRESSED: { SUPPRESSED_BOUNCE: 1, SUPPRESSED_WITHDRAWAL: 1 } } });
  });
});
