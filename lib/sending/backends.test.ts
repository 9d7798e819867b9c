// Several sending backends (issue 14 D4) against real SMTP servers: a send over every backend uses each
// within its own per-second limit (measured where the mail arrives); a send that names a backend uses that
// one only; a backend whose server is gone is left for another only with failover, else the send waits; a
// per-hour limit stops a backend at its count; the configuration names every bad field.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { db } from "../db/index.ts";
import { config, parseSmtpBackends, type SmtpBackend } from "../config/index.ts";
import { useSmtpSink, type UsedSmtpSink } from "../testing/use-smtp-sink.ts";
import { startSmtpSink, type SmtpSink } from "../testing/smtp-sink.ts";
import { startSend } from "./start-send.ts";
import { deliverBatch } from "./deliver-batch.ts";
import { controlSend } from "./control-send.ts";
import { drainSend, seedFormVersion, seedIssue, seedManyConfirmed, seedNewsletter, seedOrganisation } from "./testing/fixtures.ts";

const g = globalThis as { __proofmailBackendPools?: Map<string, { close(): void }> };
const arrivals = { default: [] as number[], bulk: [] as number[] };
let main: UsedSmtpSink;
let bulk: SmtpSink;
let goneUrl: string;

const backend = (b: Partial<SmtpBackend> & { name: string; url: string }): SmtpBackend => ({ perSecond: null, perHour: null, maxConnections: 5, ...b });

beforeAll(async () => {
  main = await useSmtpSink({ parse: false, onMessage: () => arrivals.default.push(Date.now()) });
  bulk = await startSmtpSink({ parse: false, onMessage: () => arrivals.bulk.push(Date.now()) });
  const gone = await startSmtpSink();
  goneUrl = gone.url;
  await gone.close(); // nothing listens there any more
  await seedOrganisation();
});
afterAll(async () => {
  for (const pool of g.__proofmailBackendPools?.values() ?? []) pool.close();
  g.__proofmailBackendPools = undefined;
  Object.assign(config(), { smtpBackends: [], smtpLimits: { perSecond: null, perHour: null } });
  await main?.stop();
  await bulk?.close();
});

/** The most messages that arrived within any one second. */
function peakPerSecond(times: number[]) {
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

async function sendTo(n: number, routing: { backend?: string | null; failover?: boolean }) {
  const nl = await seedNewsletter();
  const fv = await seedFormVersion([nl.id]);
  await seedManyConfirmed({ newsletterId: nl.id, formVersionId: fv.id, n });
  const issue = await seedIssue(nl.id);
  const started = await startSend({ issueId: issue.id, actor: "system", ...routing });
  if (!started.ok) throw new Error(started.error);
  return { sendId: started.sendId, newsletterId: nl.id };
}

const byBackend = async (sendId: string) =>
  Object.fromEntries((await db.delivery.groupBy({ by: ["backend", "status"], where: { sendId }, _count: { _all: true } })).map((r) => [`${r.backend}:${r.status}`, r._count._all]));

describe("sending backends", () => {
  it("a send over every backend uses both, each within its own per-second limit, everyone exactly once", async () => {
    Object.assign(config(), { smtpLimits: { perSecond: 50, perHour: null }, smtpBackends: [backend({ name: "bulk", url: bulk.url, perSecond: 100 })] });
    arrivals.default.length = arrivals.bulk.length = 0;
    const { sendId } = await sendTo(3000, { backend: null });
    const send = await drainSend(sendId, { limitMs: 90_000 });
    expect(send?.status).toBe("done");
    const counts = await byBackend(sendId);
    expect(counts).toEqual({ "default:sent": arrivals.default.length, "bulk:sent": arrivals.bulk.length });
    expect(arrivals.default.length + arrivals.bulk.length).toBe(3000);
    expect(await db.delivery.count({ where: { sendId, status: "sent" } })).toBe(3000);
    // Both carried part of it, and neither went past its limit in any one second. The sender spaces the
    // starts of the SMTP transactions; arrivals can bunch by the variation of a transaction's length, hence +3.
    expect(arrivals.default.length).toBeGreaterThan(300);
    expect(arrivals.bulk.length).toBeGreaterThan(300);
    expect(peakPerSecond(arrivals.default)).toBeLessThanOrEqual(53);
    expect(peakPerSecond(arrivals.bulk)).toBeLessThanOrEqual(103);
  }, 120_000);

  it("a send that names a backend goes through that one only; the newsletter's default applies when the editor names none", async () => {
    Object.assign(config(), { smtpLimits: { perSecond: null, perHour: null }, smtpBackends: [backend({ name: "bulk", url: bulk.url })] });
    arrivals.default.length = arrivals.bulk.length = 0;
    const named = await sendTo(40, { backend: "bulk" });
    await drainSend(named.sendId);
    expect(await byBackend(named.sendId)).toEqual({ "bulk:sent": 40 });
    expect(arrivals.default).toHaveLength(0);

    const nl = await seedNewsletter();
    await db.newsletter.update({ where: { id: nl.id }, data: { sendingBackend: "bulk" } });
    const fv = await seedFormVersion([nl.id]);
    await seedManyConfirmed({ newsletterId: nl.id, formVersionId: fv.id, n: 5 });
    const issue = await seedIssue(nl.id);
    const byDefault = await startSend({ issueId: issue.id, actor: "system" });
    if (!byDefault.ok) throw new Error(byDefault.error);
    expect(await db.send.findUnique({ where: { id: byDefault.sendId }, select: { backend: true } })).toEqual({ backend: "bulk" });
    await drainSend(byDefault.sendId);
    expect(await byBackend(byDefault.sendId)).toEqual({ "bulk:sent": 5 });

    const unknown = await startSend({ issueId: (await seedIssue(nl.id, "Zomer")).id, actor: "system", backend: "nope" });
    expect(unknown).toEqual({ ok: false, error: expect.stringContaining('no sending backend "nope"') });
  }, 60_000);

  it("a backend whose server is gone: with failover the send goes on through another; without, it waits and nothing is lost", async () => {
    Object.assign(config(), { smtpLimits: { perSecond: null, perHour: null }, smtpBackends: [backend({ name: "bulk", url: bulk.url }), backend({ name: "gone", url: goneUrl })] });
    arrivals.default.length = arrivals.bulk.length = 0;
    const withFailover = await sendTo(30, { backend: "gone", failover: true });
    await drainSend(withFailover.sendId);
    const counts = await byBackend(withFailover.sendId);
    expect((counts["default:sent"] ?? 0) + (counts["bulk:sent"] ?? 0)).toBe(30);
    expect(arrivals.default.length + arrivals.bulk.length).toBe(30);

    const without = await sendTo(10, { backend: "gone", failover: false });
    for (let i = 0; i < 5; i++) await deliverBatch({ workerId: "backends-test", options: { lockMs: 10_000, retryBaseMs: 50, maxAttempts: 3, outageBaseMs: 60_000 } });
    // Its backend already waits for its server (the failed tries above): nothing is claimed or counted.
    const waiting = await db.delivery.findMany({ where: { sendId: without.sendId }, select: { status: true, attempts: true, backend: true } });
    expect(waiting).toHaveLength(10);
    expect(waiting.every((d) => d.status === "queued" && d.attempts === 0 && d.backend === null)).toBe(true);
    expect(arrivals.default.length + arrivals.bulk.length).toBe(30);
    await controlSend({ sendId: without.sendId, action: "cancel", actor: "system" });
  }, 60_000);

  it("a per-hour limit stops a backend at its count; the rest wait in the queue", async () => {
    // A backend of its own: the hour's count is of every send through it.
    Object.assign(config(), { smtpLimits: { perSecond: null, perHour: null }, smtpBackends: [backend({ name: "hourly", url: bulk.url, perHour: 20 })] });
    arrivals.bulk.length = 0;
    const { sendId } = await sendTo(30, { backend: "hourly" });
    for (let i = 0; i < 6; i++) await deliverBatch({ workerId: "backends-test", options: { lockMs: 10_000, retryBaseMs: 50, maxAttempts: 3 } });
    const counts = await byBackend(sendId);
    expect(counts).toEqual({ "hourly:sent": 20, "null:queued": 10 });
    expect(arrivals.bulk).toHaveLength(20);
    await controlSend({ sendId, action: "cancel", actor: "system" });
  }, 60_000);

  it("SMTP_BACKENDS: every bad entry is refused naming its field", () => {
    const url = "smtp://127.0.0.1:2525";
    expect(parseSmtpBackends('[{"name":"bulk","url":"smtp://relay.example:587","perSecond":50,"perHour":1000}]', url)).toEqual([
      { name: "bulk", url: "smtp://relay.example:587", perSecond: 50, perHour: 1000, maxConnections: 5 },
    ]);
    expect(parseSmtpBackends(undefined, null)).toEqual([]);
    expect(() => parseSmtpBackends('[{"name":"a","url":"smtp://x:1"}]', null)).toThrow(/SMTP_BACKENDS: needs SMTP_URL/);
    expect(() => parseSmtpBackends("{nope", url)).toThrow(/SMTP_BACKENDS: is not valid JSON/);
    expect(() => parseSmtpBackends('{"name":"a"}', url)).toThrow(/SMTP_BACKENDS: expected a JSON array/);
    expect(() => parseSmtpBackends('[{"name":"Bulk!","url":"smtp://x:1"}]', url)).toThrow(/SMTP_BACKENDS\[0\]\.name: expected lower-case/);
    expect(() => parseSmtpBackends('[{"name":"default","url":"smtp://x:1"}]', url)).toThrow(/SMTP_BACKENDS\[0\]\.name: "default" is used twice/);
    expect(() => parseSmtpBackends('[{"name":"a","url":"http://x"}]', url)).toThrow(/SMTP_BACKENDS\[0\]\.url: expected smtp:\/\//);
    expect(() => parseSmtpBackends('[{"name":"a","url":"smtp://x:1"},{"name":"b"}]', url)).toThrow(/SMTP_BACKENDS\[1\]\.url: is required/);
    expect(() => parseSmtpBackends('[{"name":"a","url":"smtp://x:1","perSecond":0}]', url)).toThrow(/SMTP_BACKENDS\[0\]\.perSecond: expected a whole number/);
  });
});
