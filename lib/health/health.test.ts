// The health endpoints against the real database (SQLite and PostgreSQL) and a real SMTP server: /api/health
// and the probes open no SMTP connection, readiness follows the migrations this code ships, and a worker
// waiting for the mail server shows as degraded (not as "not ready").
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { db } from "../db/index.ts";
import { config } from "../config/index.ts";
import { sendMail } from "../mail/transport.ts";
import { startSmtpSink, type SmtpSink } from "../testing/smtp-sink.ts";
import { startSend } from "../sending/start-send.ts";
import { seedFormVersion, seedIssue, seedManyConfirmed, seedNewsletter, seedOrganisation } from "../sending/testing/fixtures.ts";
import { readMigrations } from "../db/migrate.ts";
import { GET as getHealth } from "../../app/api/health/route.ts";
import { GET as getLive } from "../../app/api/health/live/route.ts";
import { GET as getReady } from "../../app/api/health/ready/route.ts";

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink({ parse: false });
  Object.assign(config(), { smtpUrl: sink.url, smtpTimeoutMs: 5_000 });
  (globalThis as { __proofmailTransport?: unknown }).__proofmailTransport = undefined;
});
afterAll(async () => {
  await sink.close();
});

describe("/api/health", () => {
  it("answers as before (200, status ok, database and mailer ok) without opening an SMTP connection, however often it is polled", async () => {
    for (let i = 0; i < 25; i++) {
      const res = await getHealth(new Request("http://localhost/api/health"));
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "ok", database: { ok: true }, mailer: { ok: true, kind: "smtp", checkedAt: null }, migrations: { ok: true, pending: [] } });
    }
    await (await getLive(new Request("http://localhost/api/health/live"))).json();
    await (await getReady(new Request("http://localhost/api/health/ready"))).json();
    expect(sink.connections()).toBe(0);
  });

  it("reports what the last send learnt about the mail server", async () => {
    await sendMail({ from: "a@example.org", to: "b@example.org", subject: "x", text: "x" });
    const opened = sink.connections();
    expect(opened).toBe(1);
    const body = await (await getHealth(new Request("http://localhost/api/health"))).json();
    expect(body.mailer).toMatchObject({ ok: true, kind: "smtp" });
    expect(Date.parse(body.mailer.checkedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(sink.connections()).toBe(opened);
  });

  it("is degraded while a worker waits for the mail server; readiness does not depend on it", async () => {
    await seedOrganisation();
    const nl = await seedNewsletter();
    const fv = await seedFormVersion([nl.id]);
    await seedManyConfirmed({ newsletterId: nl.id, formVersionId: fv.id, n: 3 });
    const issue = await seedIssue(nl.id);
    const started = await startSend({ issueId: issue.id, actor: "system" });
    if (!started.ok) throw new Error(started.error);
    await db.send.update({ where: { id: started.sendId }, data: { status: "running" } });
    const one = await db.delivery.findFirstOrThrow({ where: { sendId: started.sendId } });
    await db.delivery.update({ where: { id: one.id }, data: { status: "queued", reason: "SMTP_UNAVAILABLE" } });

    const res = await getHealth(new Request("http://localhost/api/health"));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "degraded", database: { ok: true }, mailer: { ok: false, workerWaiting: true } });
    expect((await getReady(new Request("http://localhost/api/health/ready"))).status).toBe(200);
    await db.send.update({ where: { id: started.sendId }, data: { status: "cancelled" } });
    expect((await getHealth(new Request("http://localhost/api/health"))).status).toBe(200);
  });
});

describe("/api/health/live and /api/health/ready", () => {
  it("live answers without touching anything", async () => {
    const res = await getLive(new Request("http://localhost/api/health/live"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("ready: the database answers and every shipped migration is applied", async () => {
    const res = await getReady(new Request("http://localhost/api/health/ready"));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ready", database: { ok: true }, migrations: { ok: true, pending: [], modified: [], failed: [] } });
  });

  it("not ready (503) when the database lacks a migration this code ships", async () => {
    const last = readMigrations(config().dbProvider).at(-1)!.name;
    const [row] = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "_prisma_migrations" WHERE migration_name = '${last}'`);
    await db.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET migration_name = 'renamed_for_test' WHERE id = '${row.id}'`);
    try {
      const res = await getReady(new Request("http://localhost/api/health/ready"));
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: "not ready", database: { ok: true }, migrations: { ok: false, pending: [last] } });
      const h = await getHealth(new Request("http://localhost/api/health"));
      expect(h.status).toBe(503);
      expect((await h.json()).status).toBe("degraded");
    } finally {
      await db.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET migration_name = '${last}' WHERE id = '${row.id}'`);
    }
    expect((await getReady(new Request("http://localhost/api/health/ready"))).status).toBe(200);
  });
});
