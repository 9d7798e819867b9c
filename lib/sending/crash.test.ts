// Crash safety with real worker processes (`scripts/worker.ts`) against this test's database and a real
// SMTP server: SIGKILL a worker in the middle of a 5,000-recipient send, start one again, and every
// recipient has the issue exactly once; also with three workers sharing the send.
import { describe, it, expect, afterEach } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { db } from "../db/index.ts";
import { startHoldSink } from "./testing/hold-sink.ts";
import { startBulkSend } from "./testing/fixtures.ts";

const N = 5000;
const LOCK_MS = 3000;
const workers: ChildProcess[] = [];

function startWorker(smtpUrl: string): ChildProcess {
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/worker.ts"], {
    env: {
      ...process.env, SMTP_URL: smtpUrl, WORKER_IDLE_MS: "50", SEND_LOCK_MS: String(LOCK_MS), SEND_BATCH: "100", SEND_CONCURRENCY: "8",
      PG_POOL_SIZE: "4",
    },
    detached: true, // own process group: tsx runs the script in a child process, and SIGKILL must reach both
    stdio: ["ignore", "ignore", "inherit"],
  });
  workers.push(child);
  return child;
}

const killGroup = (c: ChildProcess, sig: NodeJS.Signals) => {
  try {
    process.kill(-c.pid!, sig);
  } catch {
    /* already gone */
  }
};
const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once("exit", () => r())));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function stopWorkers() {
  for (const c of workers.splice(0)) {
    killGroup(c, "SIGKILL");
    await exited(c);
  }
}
afterEach(stopWorkers);

async function waitForDone(sendId: string, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = await db.send.findUnique({ where: { id: sendId }, select: { status: true } });
    if (s?.status === "done") return;
    if (Date.now() > end) throw new Error(`send not done after ${timeoutMs} ms: ${JSON.stringify(await db.delivery.groupBy({ by: ["status"], where: { sendId }, _count: true }))}`);
    await sleep(200);
  }
}

// Kill at a moment outside the sub-millisecond window between a server's 250 and its outcome write (a kill
// inside it would resend that one message with the same Message-ID; SMTP cannot close it, RFC 1047): the
// sink holds, every accepted message gets recorded, the unanswered ones stay unaccepted.
async function recordedAll(sink: Awaited<ReturnType<typeof startHoldSink>>, sendId: string) {
  const end = Date.now() + 15_000;
  while ((await db.delivery.count({ where: { sendId, status: "sent" } })) !== sink.accepted()) {
    if (Date.now() > end) throw new Error("accepted messages were not recorded as sent");
    await sleep(50);
  }
  await sleep(100);
}

async function prepare() {
  const { sendId, prefix, recipients } = await startBulkSend(N);
  expect(recipients).toBe(N);
  return { sendId, prefix };
}

async function assertExactlyOnce(sink: Awaited<ReturnType<typeof startHoldSink>>, sendId: string, prefix: string) {
  const counts = [...sink.perRecipient.entries()].filter(([to]) => to.startsWith(prefix));
  expect(counts.length).toBe(N);
  const dupes = counts.filter(([, c]) => c !== 1);
  expect(dupes).toEqual([]);
  expect(await db.delivery.count({ where: { sendId, status: "sent" } })).toBe(N);
}

describe("crash safety", () => {
  it(`SIGKILL one worker in the middle of a ${N}-recipient send; a restarted worker finishes: everyone exactly once`, async () => {
    const { sendId, prefix } = await prepare();
    const sink = await startHoldSink({ holdAfter: 1500 });
    try {
      const w = startWorker(sink.url);
      await sink.held();
      await recordedAll(sink, sendId);
      const inFlight = await db.delivery.count({ where: { sendId, status: "sending" } });
      const sentBefore = await db.delivery.count({ where: { sendId, status: "sent" } });
      killGroup(w, "SIGKILL");
      await exited(w);
      await sink.settle();
      sink.release();
      // killed in the middle: some sent, some claimed but unfinished (they wait for their lock to expire)
      expect(sentBefore).toBe(sink.accepted());
      expect(sentBefore).toBeGreaterThanOrEqual(1500);
      expect(sentBefore).toBeLessThan(N);
      expect(inFlight).toBeGreaterThan(0);

      startWorker(sink.url);
      await waitForDone(sendId, 90_000);
      await assertExactlyOnce(sink, sendId, prefix);
    } finally {
      await stopWorkers(); // the sink's close waits for its clients to go
      await sink.close();
    }
  }, 150_000);

  // On both databases: PostgreSQL deployments run many workers, and the SQLite benchmark runs two (SQLite
  // serialises their claims; their SMTP work overlaps).
  it("three workers share one send; one is SIGKILLed mid-send and restarted: everyone exactly once", async () => {
    const { sendId, prefix } = await prepare();
    const sink = await startHoldSink({ holdAfter: 1500 });
    try {
      const [w1] = [startWorker(sink.url), startWorker(sink.url), startWorker(sink.url)];
      await sink.held();
      await recordedAll(sink, sendId);
      const holders = await db.delivery.groupBy({ by: ["lockedBy"], where: { sendId, status: "sending" } });
      expect(holders.length).toBe(3); // all three hold a batch of the same send at the same time
      killGroup(w1, "SIGKILL");
      await exited(w1);
      await sink.settle();
      sink.release();
      startWorker(sink.url);
      await waitForDone(sendId, 90_000);
      await assertExactlyOnce(sink, sendId, prefix);
    } finally {
      await stopWorkers(); // the sink's close waits for its clients to go
      await sink.close();
    }
  }, 150_000);
});
