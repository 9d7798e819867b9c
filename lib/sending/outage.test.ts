// The mail server goes away in the middle of a send and comes back on the same port: the workers wait,
// back off, show "waiting for the mail server" and finish by themselves, everyone exactly once. SQLite runs
// the embedded worker (runWorker in this process, as inside the web server); PostgreSQL three
// `npm run worker` processes. The outage is real: the sink stops answering, cuts every open connection
// (some in the middle of a message) and closes its port. The backoff is shortened by configuration.
import { describe, it, expect } from "vitest";
import net from "node:net";
import { db, dbProvider } from "../db/index.ts";
import { startSmtpSink, type SmtpSink } from "../testing/smtp-sink.ts";
import { sendProgress } from "./send-progress.ts";
import { startBulkSend } from "./testing/fixtures.ts";
import { exited, signalGroup, sleep, startEmbeddedWorker, startWorkerProcess, waitFor } from "./testing/workers.ts";

const N = 5000;
const DROP_AT = 1500;
const OUTAGE_MS = 60_000;
const ENV = { SEND_OUTAGE_BASE_MS: "500", SEND_OUTAGE_MAX_MS: "3000", SMTP_TIMEOUT_MS: "5000", SEND_LOCK_MS: "20000", SEND_BATCH: "100", SEND_CONCURRENCY: "8", WORKER_IDLE_MS: "50" };

const portRefuses = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port });
    s.once("connect", () => (s.destroy(), resolve(false)));
    s.once("error", () => resolve(true));
  });

describe("mail server outage", () => {
  it(`the SMTP server dies in the middle of a ${N}-recipient send and returns ${OUTAGE_MS / 1000} s later: all delivered, exactly once, no manual step`, async () => {
    const { sendId, prefix } = await startBulkSend(N);

    // One count per recipient across both lives of the server.
    const perRecipient = new Map<string, number>();
    let accepted = 0;
    let dropped: Promise<void> | null = null;
    let sink: SmtpSink | null = null;
    const onMessage = (_raw: string, to: string[]) => {
      for (const t of to) perRecipient.set(t, (perRecipient.get(t) ?? 0) + 1);
      if (++accepted === DROP_AT) dropped = sink!.drop();
    };
    sink = await startSmtpSink({ parse: false, onMessage });
    const { port, url } = sink;

    const pg = dbProvider() === "postgres";
    const procs = pg ? [1, 2, 3].map(() => startWorkerProcess({ ...ENV, SMTP_URL: url })) : [];
    const embedded = pg ? null : startEmbeddedWorker({ ...ENV, SMTP_URL: url });
    try {
      await waitFor("the server to drop", 120_000, async () => dropped !== null);
      await dropped;
      const downAt = Date.now();
      expect(await portRefuses(port)).toBe(true);

      // While it is down: the send says so, nothing is failed or skipped, the workers live on.
      const waiting = await waitFor("the send to show it waits for the mail server", 10_000, async () => (await sendProgress(sendId))?.waitingForMailServer);
      expect(waiting.count).toBeGreaterThan(0);
      await sleep(OUTAGE_MS - (Date.now() - downAt));
      const during = await sendProgress(sendId);
      expect(during?.status).toBe("running");
      expect(during?.waitingForMailServer).not.toBeNull();
      expect(during?.counts.failed).toBe(0);
      expect(during?.counts.sent).toBeGreaterThanOrEqual(DROP_AT - 1);
      expect(during?.counts.sent).toBeLessThan(N);
      expect(procs.map((p) => p.exitCode)).toEqual(procs.map(() => null));

      // Back on the same port; nobody touches the workers.
      sink = await startSmtpSink({ port, parse: false, onMessage });
      await waitFor("the send to finish", 120_000, async () => (await db.send.findUnique({ where: { id: sendId } }))?.status === "done");

      const counts = [...perRecipient.entries()].filter(([to]) => to.startsWith(prefix));
      expect(counts.length).toBe(N);
      expect(counts.filter(([, c]) => c !== 1)).toEqual([]);
      const after = await sendProgress(sendId);
      expect(after?.counts).toEqual({ queued: 0, sending: 0, sent: N, skipped: 0, failed: 0 });
      expect(after?.waitingForMailServer).toBeNull();
      // The outage cost no attempt: nobody is anywhere near SEND_MAX_ATTEMPTS.
      expect(await db.delivery.count({ where: { sendId, attempts: { gt: 1 } } })).toBe(0);
      expect(procs.map((p) => p.exitCode)).toEqual(procs.map(() => null));
    } finally {
      await embedded?.stop();
      for (const p of procs) signalGroup(p, "SIGTERM");
      await Promise.all(procs.map(exited));
      await sink?.close();
    }
  }, 400_000);
});
