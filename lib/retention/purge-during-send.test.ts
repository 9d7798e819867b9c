// The purge and the real send pipeline (lib/sending) against a real SMTP sink: erasing people whose
// deliveries are queued, before and while workers deliver, crashes nothing, the erased get no mail after
// their erasure, and the send's rows still add up to its total.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { db } from "../db/index.ts";
import { useSmtpSink, type UsedSmtpSink } from "../testing/use-smtp-sink.ts";
import { withdraw } from "../subscribers/withdraw.ts";
import { verifyLedger } from "../consent/ledger.ts";
import { startSend } from "../sending/start-send.ts";
import { deliverBatch } from "../sending/deliver-batch.ts";
import { seedFormVersion, seedIssue, seedManyConfirmed, seedNewsletter, seedOrganisation } from "../sending/testing/fixtures.ts";
import { runPurge } from "./run-purge.ts";

let sink: UsedSmtpSink;
const DAY = 86_400_000;

beforeAll(async () => {
  sink = await useSmtpSink();
  await seedOrganisation();
});
afterAll(async () => {
  await sink.stop();
});

/** seedManyConfirmed's rows: subscriber `s<key>x<i>`, address `<prefix>-<i>@example.nl`. */
async function seedPeople(newsletterId: string, formVersionId: string, n: number, prefix: string) {
  await seedManyConfirmed({ newsletterId, formVersionId, n, prefix });
  const key = prefix.replace(/[^a-z0-9]/gi, "").slice(0, 20);
  return Array.from({ length: n }, (_, i) => ({ subscriberId: `s${key}x${i}`, email: `${prefix}-${i}@example.nl` }));
}

async function drain(sendId: string, during?: () => Promise<unknown>) {
  const work = (async () => {
    const end = Date.now() + 60_000;
    for (;;) {
      const worked = await deliverBatch({ workerId: "purge-test", options: { lockMs: 10_000, retryBaseMs: 50, maxAttempts: 3, batch: 3 } });
      const send = await db.send.findUnique({ where: { id: sendId } });
      if (send?.status !== "running") return send;
      if (!worked) await new Promise((r) => setTimeout(r, 20));
      if (Date.now() > end) throw new Error("send did not finish");
    }
  })();
  const [send] = await Promise.all([work, during?.()]);
  return send;
}

async function consistent(sendId: string) {
  const send = await db.send.findUniqueOrThrow({ where: { id: sendId } });
  const rows = await db.delivery.groupBy({ by: ["status"], where: { sendId }, _count: true });
  const by = Object.fromEntries(rows.map((r) => [r.status, r._count]));
  expect((by.sent ?? 0) + (by.skipped ?? 0) + (by.failed ?? 0)).toBe(send.total);
  expect(by.queued ?? 0).toBe(0);
  expect(by.sending ?? 0).toBe(0);
  return by;
}

describe("purge during a send", () => {
  it("people erased after the deliveries were created are skipped; the send completes and adds up", async () => {
    const nl = await seedNewsletter({ name: "Purge A" });
    const fv = await seedFormVersion([nl.id]);
    const people = await seedPeople(nl.id, fv.id, 8, "purge-a");
    const issue = await seedIssue(nl.id);
    const started = await startSend({ issueId: issue.id, actor: "system" });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    // Three of them withdrew long ago (a back-dated withdrawal), so the purge erases them now.
    const leaving = people.slice(0, 3);
    for (const p of leaving) await withdraw({ subscriberId: p.subscriberId, scope: "all", actor: "subject", via: "test", at: new Date(Date.now() - 60 * DAY) });
    const r = await runPurge({ trigger: "schedule" });
    expect(r.counts.subscribersErased + r.counts.proofKept).toBe(3);

    const send = await drain(started.sendId);
    expect(send?.status).toBe("done");
    const by = await consistent(started.sendId);
    expect(by).toMatchObject({ sent: 5, skipped: 3 });
    for (const p of leaving) expect(sink.received.filter((m) => m.envelopeTo.includes(p.email))).toEqual([]);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it("a purge running while workers deliver crashes nothing and leaves the send consistent", async () => {
    const nl = await seedNewsletter({ name: "Purge B" });
    const fv = await seedFormVersion([nl.id]);
    const people = await seedPeople(nl.id, fv.id, 30, "purge-b");
    const issue = await seedIssue(nl.id);
    const started = await startSend({ issueId: issue.id, actor: "system" });
    if (!started.ok) throw new Error("start failed");
    for (const p of people.filter((_, i) => i % 3 === 0)) await withdraw({ subscriberId: p.subscriberId, scope: "all", actor: "subject", via: "test", at: new Date(Date.now() - 60 * DAY) });

    let purged = 0;
    const send = await drain(started.sendId, async () => {
      const r = await runPurge({ trigger: "schedule", batchSize: 2 });
      purged = r.counts.subscribersErased + r.counts.proofKept;
    });
    expect(send?.status).toBe("done");
    const by = await consistent(started.sendId);
    expect((by.sent ?? 0) + (by.skipped ?? 0)).toBe(30);
    expect(by.skipped).toBeGreaterThanOrEqual(10); // withdrawn (gate) or erased (purge), never sent
    // Erased (consent record kept as a tombstone under the default policy): no row holds their address.
    expect(purged).toBe(10);
    expect(await db.subscriber.count({ where: { email: { in: people.filter((_, i) => i % 3 === 0).map((p) => p.email) } } })).toBe(0);
    expect((await verifyLedger(db)).ok).toBe(true);
  });
});
