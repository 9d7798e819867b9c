// Workers for the fault tests of the send pipeline: `npm run worker` processes (as PostgreSQL deployments
// run them) or the embedded worker in this process (as inside the web server), and a bounded wait.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterEach } from "vitest";
import { config } from "../../config/index.ts";
import { runWorker } from "../../worker/loop.ts";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const children: ChildProcess[] = [];
export const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once("exit", () => r())));
export const signalGroup = (c: ChildProcess, sig: NodeJS.Signals) => {
  try {
    process.kill(-c.pid!, sig); // tsx runs the script in a child of its own
  } catch {
    /* already gone */
  }
};
afterEach(async () => {
  for (const c of children.splice(0)) {
    signalGroup(c, "SIGKILL");
    await exited(c);
  }
});

export function startWorkerProcess(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/worker.ts"], {
    env: { ...process.env, PG_POOL_SIZE: "4", ...env },
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
}

/** The embedded worker, pointed at the sink (config() is read once per process). */
export function startEmbeddedWorker(env: Record<string, string> & { SMTP_URL: string; SMTP_TIMEOUT_MS: string }) {
  Object.assign(process.env, env);
  Object.assign(config(), { smtpUrl: env.SMTP_URL, smtpTimeoutMs: Number(env.SMTP_TIMEOUT_MS) });
  (globalThis as { __proofmailTransport?: unknown }).__proofmailTransport = undefined;
  const ac = new AbortController();
  const done = runWorker({ signal: ac.signal, log: () => {} });
  // bounded: a worker stuck on an await that never settles must fail the test, not hang it
  return { stop: () => (ac.abort(), Promise.race([done, sleep(15_000)])) };
}

export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}
