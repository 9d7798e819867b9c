// The database's disk fills up in the middle of a send, while the mail server takes messages: the embedded
// worker (runWorker, as inside the web server) keeps running, records no outcome it did not get, marks
// nothing failed or skipped for it, and once there is space again finishes the send by itself, everyone
// delivered. SQLite: `PRAGMA max_page_count` = the file's page count on the app's connection (writes that need
// a page fail with SQLITE_FULL, as on a full disk). PostgreSQL: a trigger raises the real SQLSTATE 53100
// disk_full on every write of a delivery. The disk fills at the moment the server accepts a message, before
// its 250 reaches the worker: that message's outcome is the first write that finds the disk full.
import { describe, it, expect, afterAll } from "vitest";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";
import type { AddressInfo } from "node:net";
import { db, dbProvider } from "./index.ts";
import { config } from "../config/index.ts";
import { runWorker } from "../worker/loop.ts";
import { startBulkSend } from "../sending/testing/fixtures.ts";

const N = 40;
const FILL_AT = 5; // the disk fills when the server accepts this message
const FULL_MS = 18_000; // three leases
// The SMTP timeout leaves room for the sink to fill the disk before its 250 (a timed-out 250 would be an
// SMTP-level repeat, not what this test is about) and stays within half the lease.
const ENV = { SEND_LOCK_MS: "6000", SEND_BATCH: "10", SEND_CONCURRENCY: "3", WORKER_IDLE_MS: "50", SMTP_TIMEOUT_MS: "3000" };
const UNLIMITED = 1073741823; // SQLite's default max_page_count
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sqlite = dbProvider() === "sqlite";

const pragma = async (sql: string) => Number(Object.values((await db.$queryRawUnsafe<Record<string, bigint>[]>(sql))[0])[0]);
const disk = sqlite
  ? {
      fill: async () => void (await pragma(`PRAGMA max_page_count = ${await pragma("PRAGMA page_count")}`)),
      free: async () => void (await pragma(`PRAGMA max_page_count = ${UNLIMITED}`)),
    }
  : {
      fill: async () => {
        await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'could not extend file "base/16384/2619": No space left on device' USING ERRCODE = 'disk_full'; END $$`);
        await db.$executeRawUnsafe(`CREATE TRIGGER disk_full BEFORE INSERT OR UPDATE ON "Delivery" FOR EACH ROW EXECUTE FUNCTION disk_full()`);
      },
      free: async () => void (await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS disk_full ON "Delivery"`)),
    };
afterAll(() => disk.free());

/** A mail server that accepts everything; the disk fills just before it answers message FILL_AT. */
async function startSink() {
  const received: { to: string; messageId: string }[] = [];
  let full: Promise<void> | null = null;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ["STARTTLS", "AUTH"], disableReverseLookup: true, logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const parsed = await simpleParser(Buffer.concat(chunks));
        received.push({ to: session.envelope.rcptTo[0].address, messageId: parsed.messageId ?? "" });
        if (received.length === FILL_AT) full = disk.fill();
        await full;
        // A long 250 text (a server may send up to 512 characters): recording it needs room the full disk lacks.
        callback(null, `OK: queued as ${"Q".repeat(400)}`);
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  server.on("error", () => {});
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

describe(`${sqlite ? "SQLite" : "PostgreSQL"}: the database's disk fills in the middle of a send`, () => {
  it("no delivery is recorded wrongly, the worker keeps running, and once space is back the send finishes by itself", async () => {
    const { sendId, prefix } = await startBulkSend(N);

    const sink = await startSink();
    Object.assign(process.env, ENV);
    Object.assign(config(), { smtpUrl: sink.url, smtpTimeoutMs: Number(ENV.SMTP_TIMEOUT_MS) });
    (globalThis as { __proofmailTransport?: unknown }).__proofmailTransport = undefined;
    const loopErrors: string[] = [];
    const ac = new AbortController();
    let stopped = false;
    const worker = runWorker({ signal: ac.signal, log: (l) => void loopErrors.push(l) }).finally(() => (stopped = true));

    try {
      /** What the rows say, checked against what the mail server took. */
      const consistent = async () => {
        const rows = await db.delivery.findMany({ where: { sendId }, select: { status: true, messageId: true, sentAt: true, reason: true } });
        expect(rows).toHaveLength(N);
        // Nothing the full disk caused is recorded as an outcome: a row is sent (with what the server took) or still to do.
        expect(rows.filter((r) => !["sent", "queued", "sending"].includes(r.status))).toEqual([]);
        const accepted = new Set(sink.received.map((m) => m.messageId));
        for (const r of rows.filter((x) => x.status === "sent")) {
          expect(r.sentAt).toBeInstanceOf(Date);
          expect(accepted.has(r.messageId!)).toBe(true);
        }
        return rows;
      };

      await waitFor("the disk to fill", 60_000, async () => sink.received.length >= FILL_AT);
      const fullSince = Date.now();
      let sentWhileFull = 0;
      while (Date.now() - fullSince < FULL_MS) {
        const rows = await consistent();
        sentWhileFull = rows.filter((r) => r.status === "sent").length;
        expect(stopped).toBe(false);
        await sleep(500);
      }
      expect(sentWhileFull).toBeLessThan(N); // the full disk really stopped the send
      expect(loopErrors.some((l) => /SQLITE_FULL|53100/.test(l))).toBe(true); // the loop met the full disk, and went on
      const mailsWhileFull = sink.received.length;

      await disk.free();
      await waitFor("the send to finish", 60_000, async () => (await db.send.findUnique({ where: { id: sendId } }))?.status === "done");
      const rows = await consistent();
      expect(rows.every((r) => r.status === "sent")).toBe(true);
      const perRecipient = new Map<string, number>();
      for (const m of sink.received) perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1);
      for (let i = 0; i < N; i++) expect(perRecipient.get(`${prefix}-${i}@example.nl`) ?? 0).toBeGreaterThanOrEqual(1);
      // Nobody twice: a message the server took while its outcome could not be written is held and recorded
      // first, never sent again at the next lease (lib/sending/deliver-batch.ts).
      expect(Math.max(...perRecipient.values())).toBe(1);
      expect(sink.received.length).toBe(N);
      expect(mailsWhileFull).toBeLessThan(N);
      expect(stopped).toBe(false);
    } finally {
      ac.abort();
      await Promise.race([worker, sleep(15_000)]);
      await sink.close();
    }
  });
});
