// A Proofmail server of a test's own (beside the shared e2e server): spawned the way a person starts it,
// on a free port, with its console output collected so the test can read what was printed there.
import net from "node:net";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";

export type OwnServer = {
  port: number;
  /** Everything the server printed so far (stdout and stderr). */
  output: () => string;
  /** Waits until the output matches; returns the match. */
  waitForOutput: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
  stop: () => Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Runs `script` (a tsx entry point such as scripts/start.ts) with exactly `env` (plus PATH, HOME and the build
 *  directory NEXT_DIST_DIR when set: the app under test is the build this run made). */
export async function startOwnServer({ script, env, port }: { script: string; env: Record<string, string>; port: number }): Promise<OwnServer> {
  let out = "";
  const child: ChildProcess = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), path.resolve(script)], {
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/tmp", ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}), PORT: String(port), ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group: stop() ends the web server it starts too
  });
  child.stdout!.on("data", (c) => (out += c));
  child.stderr!.on("data", (c) => (out += c));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const waitForOutput = async (pattern: RegExp, timeoutMs = 60_000) => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const m = out.match(pattern);
      if (m) return m;
      if (child.exitCode !== null || Date.now() > end) throw new Error(`no ${pattern} in the server's output:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
      const killer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 10_000);
      await exited;
      clearTimeout(killer);
    }
  };
  return { port, output: () => out, waitForOutput, stop };
}
