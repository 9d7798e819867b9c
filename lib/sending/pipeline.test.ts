// The sending pipeline end to end in one process: pre-send report, start, deliver batches to a real SMTP
// server, outcomes, unsubscribe between report and send, pause/cancel, retries on 4xx, no retry on 5xx.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { db } from "../db/index.ts";
import { useSmtpSink, type UsedSmtpSink } from "../testing/use-smtp-sink.ts";
import { withdraw } from "../subscribers/withdraw.ts";
import { verifyUnsubscribeToken } from "../subscribers/links.ts";
import { preSendReport } from "./pre-send-report.ts";
import { startSend } from "./start-send.ts";
import { deliverBatch, finishIfComplete } from "./deliver-batch.ts";
import { controlSend } from "./control-send.ts";
import { sendProgress } from "./send-progress.ts";
import { scheduleIssue, runScheduledSend, SEND_JOB } from "./schedule-issue.ts";
import { parsePayload } from "../worker/registry.ts";
import { seedFormVersion, seedIssue, seedManyConfirmed, seedNewsletter, seedOrganisation, seedSubscriber, drainSend } from "./testing/fixtures.ts";

let sink: UsedSmtpSink;
let fault: (n: number) => null | { code: number; message: string } = () => null;

beforeAll(async () => {
  sink = await useSmtpSink({ fault: (n) => fault(n) });
  await seedOrganisation();
});
afterAll(async () => {
  await sink.stop();
});

const actor = { id: null, email: "editor@fietsen.example" };
const FAST = { lockMs: 10_000, retryBaseMs: 50, maxAttempts: 8 };

const drain = (sendId: string, limitMs = 30_000) => drainSend(sendId, { limitMs, options: FAST });

const to = (email: string) => sink.received.filter((m) => m.envelopeTo.includes(email));

describe("sending pipeline", () => {
  it("reports, sends only to those the gate allows, and records every outcome", async () => {
    const a = await seedNewsletter({ name: "Fietsnieuws A" });
    const b = await seedNewsletter({ name: "Nieuws B" });
    const fv = await seedFormVersion([a.id]);
    const ok = await seedSubscriber({ newsletterId: a.id, formVersionId: fv.id });
    const pending = await seedSubscriber({ newsletterId: a.id, formVersionId: fv.id, state: "pending" });
    const gone = await seedSubscriber({ newsletterId: a.id, formVersionId: fv.id });
    await withdraw({ subscriberId: gone.subscriber.id, scope: { newsletterId: a.id }, actor: "subject", via: "test" });
    const noProof = await seedSubscriber({ newsletterId: a.id, formVersionId: null });
    // consent for A only: a subscription to B on a form that never offered B
    const wrong = await seedSubscriber({ newsletterId: b.id, formVersionId: fv.id });
    const issue = await seedIssue(a.id);

    const report = await preSendReport({ issueId: issue.id });
    const counts = { candidates: 4, recipients: 1, excluded: { DENY_CONSENT_PENDING: 1, DENY_SUPPRESSED: 1, DENY_CONSENT_PROOF_INCOMPLETE: 1 } };
    expect(report).toEqual({ ...counts, byBasis: { consent: counts }, causes: { DENY_SUPPRESSED: { SUPPRESSED_WITHDRAWAL: 1 } } });

    const started = await startSend({ issueId: issue.id, actor });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    // a second start is refused, nothing duplicated
    expect((await startSend({ issueId: issue.id, actor })).ok).toBe(false);
    expect(await db.delivery.count({ where: { issueId: issue.id } })).toBe(4);

    const send = await drain(started.sendId);
    expect(send?.status).toBe("done");
    expect((await db.issue.findUnique({ where: { id: issue.id } }))?.status).toBe("sent");

    const got = await sink.waitFor((m) => m.envelopeTo.includes(ok.email));
    expect(got.parsed.headerLines.find((h) => h.key === "list-unsubscribe-post")?.line).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const lu = got.parsed.headerLines.find((h) => h.key === "list-unsubscribe")!.line;
    const token = lu.match(/\/u\/([^>]+)>/)![1];
    expect(verifyUnsubscribeToken(token)).toBe(ok.subscription.id);
    // RFC 2369's mailto alternative carries the same token
    expect(lu.replace(/\r\n\s+/g, " ")).toMatch(new RegExp(`^List-Unsubscribe: <[^>]+>, <mailto:[^?\\s]+@[^?\\s]+\\?subject=unsubscribe%20${token.replace(/[.]/g, "\\.")}>$`));
    expect(lu).not.toContain(ok.email);
    for (const s of [pending, gone, noProof, wrong]) expect(to(s.email)).toHaveLength(0);

    const rows = await db.delivery.findMany({ where: { issueId: issue.id } });
    const byId = new Map(rows.map((r) => [r.subscriberId, r]));
    expect(byId.get(ok.subscriber.id)).toMatchObject({ status: "sent", messageId: expect.stringMatching(/^<d[0-9a-f]+@fietsen\.example>$/), smtpReply: expect.stringMatching(/^250/) });
    expect(byId.get(pending.subscriber.id)).toMatchObject({ status: "skipped", reason: "DENY_CONSENT_PENDING" });
    expect(byId.get(gone.subscriber.id)).toMatchObject({ status: "skipped", reason: "DENY_SUPPRESSED" });
    expect(byId.get(wrong.subscriber.id)).toBeUndefined();

    const progress = await sendProgress(started.sendId);
    expect(progress?.counts).toMatchObject({ sent: 1, skipped: 3, failed: 0, queued: 0 });
  });

  it("re-runs the gate right before sending: a withdrawal after the report is honoured", async () => {
    const a = await seedNewsletter();
    const fv = await seedFormVersion([a.id]);
    const s1 = await seedSubscriber({ newsletterId: a.id, formVersionId: fv.id });
    const s2 = await seedSubscriber({ newsletterId: a.id, formVersionId: fv.id });
    const issue = await seedIssue(a.id);
    const started = await startSend({ issueId: issue.id, actor });
    if (!started.ok) throw new Error(started.error);
    expect(started.report.recipients).toBe(2);
    await withdraw({ subscriberId: s2.subscriber.id, scope: "all", actor: "subject", via: "test" });
    await drain(started.sendId);
    expect(to(s1.email)).toHaveLength(1);
    expect(to(s2.email)).toHaveLength(0);
    expect(await db.delivery.findFirst({ where: { subscriberId: s2.subscriber.id, issueId: issue.id } })).toMatchObject({ status: "skipped", reason: "DENY_SUPPRESSED" });
  });

  it("a 4xx to 10% of messages: everything is delivered after retries", async () => {
    const a = await seedNewsletter();
    const fv = await seedFormVersion([a.id]);
    const prefix = await seedManyConfirmed({ newsletterId: a.id, formVersionId: fv.id, n: 200 });
    const issue = await seedIssue(a.id);
    const before = sink.count();
    const faulted = new Set<number>();
    fault = (n) => (n % 10 === 3 && faulted.size < 1000 && !faulted.has(n) ? (faulted.add(n), { code: 451, message: "Try again later" }) : null);
    try {
      const started = await startSend({ issueId: issue.id, actor });
      if (!started.ok) throw new Error(started.error);
      const send = await drain(started.sendId);
      expect(send?.status).toBe("done");
      expect(faulted.size).toBeGreaterThanOrEqual(18);
      expect(sink.count() - before).toBe(200);
      const perRecipient = new Map<string, number>();
      for (const m of sink.received) for (const t of m.envelopeTo) if (t.startsWith(prefix)) perRecipient.set(t, (perRecipient.get(t) ?? 0) + 1);
      expect(perRecipient.size).toBe(200);
      expect([...perRecipient.values()].every((c) => c === 1)).toBe(true);
      const retried = await db.delivery.count({ where: { sendId: started.sendId, status: "sent", attempts: { gt: 1 } } });
      expect(retried).toBeGreaterThanOrEqual(18);
    } finally {
      fault = () => null;
    }
  });

  it("a 5xx fails the delivery without a retry, and the reply is kept", async () => {
    const a = await seedNewsletter();
    const fv = await seedFormVersion([a.id]);
    const s = await seedSubscriber({ newsletterId: a.id, formVersionId: fv.id });
    const issue = await seedIssue(a.id);
    fault = () => ({ code: 550, message: "Mailbox unavailable" });
    try {
      const started = await startSend({ issueId: issue.id, actor });
      if (!started.ok) throw new Error(started.error);
      const send = await drain(started.sendId);
      expect(send?.status).toBe("done");
      const d = await db.delivery.findFirst({ where: { subscriberId: s.subscriber.id, issueId: issue.id } });
      expect(d).toMatchObject({ status: "failed", reason: "SMTP_REJECTED", attempts: 1 });
      expect(d?.smtpReply).toMatch(/550.*Mailbox unavailable/);
      expect((await sendProgress(started.sendId))?.reasons).toEqual([{ status: "failed", reason: "SMTP_REJECTED", count: 1 }]);
    } finally {
      fault = () => null;
    }
  });

  it("pause holds the queue, resume continues, cancel skips the rest", async () => {
    const a = await seedNewsletter();
    const fv = await seedFormVersion([a.id]);
    await seedManyConfirmed({ newsletterId: a.id, formVersionId: fv.id, n: 30 });
    const issue = await seedIssue(a.id);
    const started = await startSend({ issueId: issue.id, actor });
    if (!started.ok) throw new Error(started.error);
    expect((await controlSend({ sendId: started.sendId, action: "pause", actor })).ok).toBe(true);
    expect(await deliverBatch({ workerId: "w", options: FAST })).toBe(false);
    expect((await sendProgress(started.sendId))?.counts.sent).toBe(0);
    expect((await controlSend({ sendId: started.sendId, action: "resume", actor })).ok).toBe(true);
    await deliverBatch({ workerId: "w", options: { ...FAST, batch: 10 } });
    expect((await sendProgress(started.sendId))?.counts.sent).toBe(10);
    expect((await controlSend({ sendId: started.sendId, action: "cancel", actor })).ok).toBe(true);
    expect(await deliverBatch({ workerId: "w", options: FAST })).toBe(false);
    const p = await sendProgress(started.sendId);
    expect(p).toMatchObject({ status: "cancelled", counts: { sent: 10, skipped: 20, queued: 0 } });
    expect((await db.issue.findUnique({ where: { id: issue.id } }))?.status).toBe("cancelled");
    expect((await controlSend({ sendId: started.sendId, action: "resume", actor })).ok).toBe(false);
  });

  it("limits throughput per send", async () => {
    const a = await seedNewsletter();
    const fv = await seedFormVersion([a.id]);
    await seedManyConfirmed({ newsletterId: a.id, formVersionId: fv.id, n: 20 });
    const issue = await seedIssue(a.id);
    const started = await startSend({ issueId: issue.id, actor, ratePerSec: 40 });
    if (!started.ok) throw new Error(started.error);
    const t0 = Date.now();
    await drain(started.sendId);
    // 20 messages at 40/s: at least ~0.47 s (the first goes at once)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(450);
    expect((await sendProgress(started.sendId))?.counts.sent).toBe(20);
    expect((await startSend({ issueId: (await seedIssue(a.id)).id, actor, ratePerSec: 0 })).ok).toBe(false);
  });

  it("a scheduled issue starts from its job; an unscheduled one does not", async () => {
    const a = await seedNewsletter();
    const fv = await seedFormVersion([a.id]);
    await seedSubscriber({ newsletterId: a.id, formVersionId: fv.id });
    const issue = await seedIssue(a.id);
    const at = new Date(Date.now() + 60_000);
    expect((await scheduleIssue({ issueId: issue.id, at, actor })).ok).toBe(true);
    expect((await scheduleIssue({ issueId: issue.id, at: new Date(Date.now() - 1000), actor })).ok).toBe(false);
    const job = await db.job.findFirst({ where: { kind: "issue.send" }, orderBy: { createdAt: "desc" } });
    expect(job?.runAt.getTime()).toBe(at.getTime());
    const payload = parsePayload(SEND_JOB, job!.payload);
    await runScheduledSend({ ...payload, at: new Date(at.getTime() + 1).toISOString() }); // stale job: no-op
    expect(await db.send.count({ where: { issueId: issue.id } })).toBe(0);
    await runScheduledSend(payload);
    const send = await db.send.findFirst({ where: { issueId: issue.id } });
    expect(send?.status).toBe("running");
    await drain(send!.id);
    expect(await finishIfComplete(send!.id)).toBe(false); // already done
  });

  it("a message without the sender's postal address is refused for everyone (read from the built message)", async () => {
    const a = await seedNewsletter();
    const fv = await seedFormVersion([a.id]);
    const s = await seedSubscriber({ newsletterId: a.id, formVersionId: fv.id });
    const issue = await seedIssue(a.id);
    await db.organisation.update({ where: { id: 1 }, data: { address: "" } });
    try {
      expect((await preSendReport({ issueId: issue.id }))?.excluded).toEqual({ DENY_MISSING_SENDER_IDENTITY: 1 });
      const started = await startSend({ issueId: issue.id, actor });
      if (!started.ok) throw new Error(started.error);
      await drain(started.sendId);
      expect(to(s.email)).toHaveLength(0);
      expect(await db.delivery.findFirst({ where: { sendId: started.sendId } })).toMatchObject({ status: "skipped", reason: "DENY_MISSING_SENDER_IDENTITY" });
    } finally {
      await seedOrganisation();
    }
  });
});
