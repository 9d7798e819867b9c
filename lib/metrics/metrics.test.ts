// /metrics against the real database (SQLite and PostgreSQL): the send, delivery, queue and job figures are
// counted from the database at scrape time (so they hold with any number of worker processes), the
// process's default metrics are there, and only the METRICS_TOKEN bearer may read it.
import { describe, it, expect } from "vitest";
import { db } from "../db/index.ts";
import { config } from "../config/index.ts";
import { z } from "zod";
import { enqueueJob, finishJob } from "../worker/jobs.ts";
import { defineJob } from "../worker/registry.ts";
import { startSend } from "../sending/start-send.ts";
import { seedFormVersion, seedIssue, seedManyConfirmed, seedNewsletter, seedOrganisation } from "../sending/testing/fixtures.ts";
import { GET } from "../../app/metrics/route.ts";

const TOKEN = "metrics-token-0123456789abcdef";
const scrape = (authorization?: string) => GET(new Request("http://localhost/metrics", { headers: authorization ? { authorization } : {} }));

/** `name{labels} value` lines of the exposition → a map. */
function samples(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of text.split("\n")) {
    const r = /^([a-z_:][a-z0-9_:]*(?:\{[^}]*\})?) (\S+)$/i.exec(line);
    if (r) m.set(r[1], Number(r[2]));
  }
  return m;
}

async function seedSend(n: number) {
  const nl = await seedNewsletter();
  const fv = await seedFormVersion([nl.id]);
  await seedManyConfirmed({ newsletterId: nl.id, formVersionId: fv.id, n });
  const issue = await seedIssue(nl.id);
  const started = await startSend({ issueId: issue.id, actor: "system" });
  if (!started.ok) throw new Error(started.error);
  await db.send.update({ where: { id: started.sendId }, data: { status: "running" } });
  return { sendId: started.sendId, ids: (await db.delivery.findMany({ where: { sendId: started.sendId }, select: { id: true }, orderBy: { id: "asc" } })).map((d) => d.id) };
}

const setStatus = (ids: string[], status: "sent" | "failed" | "skipped" | "queued" | "sending", reason: string | null = null) =>
  db.delivery.updateMany({ where: { id: { in: ids } }, data: { status, reason } });

describe("/metrics", () => {
  it("404 while METRICS_TOKEN is unset, 401 without the right bearer token", async () => {
    Object.assign(config(), { metricsToken: null });
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
    Object.assign(config(), { metricsToken: TOKEN });
    for (const auth of [undefined, "Bearer wrong-token-0123456789abcdef", TOKEN, `Basic ${TOKEN}`]) {
      const res = await scrape(auth);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await res.text()).not.toContain("proofmail_");
    }
  });

  it("counts sends, deliveries by outcome, queue depth and job failures from the database", async () => {
    Object.assign(config(), { metricsToken: TOKEN });
    await seedOrganisation();
    const a = await seedSend(6);
    await setStatus(a.ids.slice(0, 2), "sent");
    await setStatus(a.ids.slice(2, 3), "failed", "SMTP_REJECTED");
    await setStatus(a.ids.slice(3, 4), "queued", "SMTP_UNAVAILABLE");
    await setStatus(a.ids.slice(4, 5), "sending");
    // the 6th stays queued
    const job = (kind: string) => defineJob(kind, z.null(), async () => {});
    const due = await enqueueJob(job("test.due"), null);
    await enqueueJob(job("test.later"), null, { runAt: new Date(Date.now() + 3600_000) });
    const failing = await enqueueJob(job("test.failing"), null);
    await finishJob(failing.id, new Error("boom"));
    await db.job.deleteMany({ where: { id: { notIn: [due.id, failing.id] }, kind: { not: "test.later" } } });

    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const s = samples(text);
    expect(s.get('proofmail_sends{status="running"}')).toBe(1);
    expect(s.get('proofmail_deliveries{status="sent"}')).toBe(2);
    expect(s.get('proofmail_deliveries{status="failed"}')).toBe(1);
    expect(s.get('proofmail_deliveries{status="skipped"}')).toBe(0);
    expect(s.get('proofmail_deliveries{status="queued"}')).toBe(2);
    expect(s.get('proofmail_queue_deliveries{state="queued"}')).toBe(1);
    expect(s.get('proofmail_queue_deliveries{state="waiting_for_mail_server"}')).toBe(1);
    expect(s.get('proofmail_queue_deliveries{state="sending"}')).toBe(1);
    expect(s.get('proofmail_queue_jobs{state="due"}')).toBe(1);
    expect(s.get('proofmail_queue_jobs{state="scheduled"}')).toBe(1);
    expect(s.get('proofmail_queue_jobs{state="running"}')).toBe(0);
    expect(s.get('proofmail_job_failures{kind="test.failing"}')).toBe(1);
    // the process's own default metrics
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    expect(text).toContain("# HELP proofmail_deliveries ");

    // What another worker process does shows at the next scrape: the send finishes elsewhere.
    await setStatus(a.ids.slice(3), "sent");
    await db.send.update({ where: { id: a.sendId }, data: { status: "done" } });
    const b = await seedSend(2);
    await setStatus(b.ids, "skipped", "DENY_SUPPRESSED");
    const s2 = samples(await (await scrape(`Bearer ${TOKEN}`)).text());
    expect(s2.get('proofmail_sends{status="running"}')).toBe(1);
    expect(s2.get('proofmail_sends{status="done"}')).toBe(1);
    expect(s2.get('proofmail_deliveries{status="sent"}')).toBe(5);
    expect(s2.get('proofmail_deliveries{status="skipped"}')).toBe(2);
    expect(s2.has('proofmail_deliveries{status="queued"}')).toBe(false);
    expect(s2.get('proofmail_queue_deliveries{state="queued"}')).toBe(0);
    expect(s2.get('proofmail_queue_deliveries{state="waiting_for_mail_server"}')).toBe(0);
    // a finished send's counts are remembered, and still right at the scrape after
    const s3 = samples(await (await scrape(`Bearer ${TOKEN}`)).text());
    expect(s3.get('proofmail_deliveries{status="sent"}')).toBe(5);
  });
});
