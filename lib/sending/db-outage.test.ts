// The database goes away in the middle of a send and comes back: the workers wait, keep every message they
// sent on record, and finish by themselves, everyone exactly once (issue 15, Deliver 6).
// PostgreSQL: three `npm run worker` processes reach the database through a TCP relay that cuts every
// connection and closes its port for 15 s, as a restart does. SQLite: the embedded worker, while another
// process holds the database's write lock for 12 s (longer than the driver's 10 s busy timeout), as a
// long maintenance transaction does.
import { describe, it, expect } from "vitest";
import { spawn } from "node:child_process";
import { db, dbProvider, sqlitePathOf } from "../db/index.ts";
import { startSmtpSink } from "../testing/smtp-sink.ts";
import { startTcpProxy } from "../testing/tcp-proxy.ts";
import { sendProgress } from "./send-progress.ts";
import { startBulkSend } from "./testing/fixtures.ts";
import { exited, signalGroup, sleep, startEmbeddedWorker, startWorkerProcess, waitFor } from "./testing/workers.ts";

const N = 3000;
const FAULT_AT = 1000;
// A lease long enough to outlast the fault: the workers hold their rows and wait instead of giving them up.
const ENV = { SEND_LOCK_MS: "60000", SMTP_TIMEOUT_MS: "30000", SEND_BATCH: "100", SEND_CONCURRENCY: "8", WORKER_IDLE_MS: "50" };

/** Another process takes SQLite's write lock and holds it for `ms` (it exits when done). */
function holdSqliteWriteLock(file: string, ms: number) {
  const js = `const D = require("better-sqlite3"); const d = new D(process.argv[1]); d.exec("BEGIN EXCLUSIVE"); process.stdout.write("locked\\n"); setTimeout(() => { d.exec("COMMIT"); d.close(); }, ${ms});`;
  const child = spawn(process.execPath, ["-e", js, file], { stdio: ["ignore", "pipe", "inherit"] });
  return { locked: new Promise<void>((r) => child.stdout.once("data", () => r())), done: exited(child) };
}

describe("database outage during a send", () => {
  it(`the database goes away in the middle of a ${N}-recipient send: all delivered and recorded, exactly once, no manual step`, async () => {
    const { sendId, prefix } = await startBulkSend(N);

    const pg = dbProvider() === "postgres";
    const perRecipient = new Map<string, number>();
    let accepted = 0;
    let fault: (() => Promise<void>) | null = null;
    let faultDone: Promise<void> | null = null;
    const sink = await startSmtpSink({
      parse: false,
      onMessage: (_raw, to) => {
        for (const t of to) perRecipient.set(t, (perRecipient.get(t) ?? 0) + 1);
        if (++accepted === FAULT_AT && fault) faultDone = fault();
      },
    });

    const url = new URL(process.env.DATABASE_URL!);
    const proxy = pg ? await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) }) : null;
    const procs = proxy
      ? [1, 2, 3].map(() => {
          const viaProxy = new URL(url);
          viaProxy.port = String(proxy.port);
          return startWorkerProcess({ ...ENV, SMTP_URL: sink.url, DATABASE_URL: viaProxy.toString() });
        })
      : [];
    const embedded = pg ? null : startEmbeddedWorker({ ...ENV, SMTP_URL: sink.url });
    let faultLasted = 0;
    fault = async () => {
      const t0 = Date.now();
      if (proxy) {
        await proxy.drop();
        await sleep(15_000);
        await proxy.restore();
      } else {
        const lock = holdSqliteWriteLock(sqlitePathOf(process.env.DATABASE_URL!), 12_000);
        await lock.locked;
        await lock.done;
      }
      faultLasted = Date.now() - t0;
    };
    try {
      await waitFor("the fault to begin", 120_000, async () => faultDone !== null);
      await faultDone;
      expect(faultLasted).toBeGreaterThanOrEqual(12_000);
      expect(procs.map((p) => p.exitCode)).toEqual(procs.map(() => null)); // nobody died of it

      await waitFor("the send to finish", 180_000, async () => (await db.send.findUnique({ where: { id: sendId } }))?.status === "done");
      const counts = [...perRecipient.entries()].filter(([to]) => to.startsWith(prefix));
      expect(counts.length).toBe(N);
      expect(counts.filter(([, c]) => c !== 1)).toEqual([]); // no one twice: every accepted message was recorded
      expect((await sendProgress(sendId))?.counts).toEqual({ queued: 0, sending: 0, sent: N, skipped: 0, failed: 0 });
      expect(await db.delivery.count({ where: { sendId, attempts: { gt: 1 } } })).toBe(0);
      expect(procs.map((p) => p.exitCode)).toEqual(procs.map(() => null));
    } finally {
      await embedded?.stop();
      for (const p of procs) signalGroup(p, "SIGTERM");
      await Promise.all(procs.map(exited));
      await proxy?.close();
      await sink.close();
    }
  }, 400_000);
});
