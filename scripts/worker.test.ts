// `npm run worker` never dies silently: a rejection nobody handles is logged with the worker's id, the loop
// stops as on SIGTERM, and the process exits 1 for its supervisor.
import { describe, it, expect } from "vitest";
import { spawn } from "node:child_process";
import path from "node:path";

function runWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/worker.ts"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (c) => (out += c));
  child.stderr.on("data", (c) => (out += c));
  return new Promise<{ code: number | null; out: string }>((resolve) => child.once("exit", (code) => resolve({ code, out })));
}

describe("npm run worker", () => {
  it("logs an unhandled rejection and exits 1 instead of vanishing", async () => {
    // A fault from somewhere in the worker's process (not tsx's launcher), after the worker is up.
    // It waits until the worker has installed its handler (however slowly a loaded machine starts it).
    const js = `if (process.argv[1]?.endsWith("worker.ts")) { const t = setInterval(() => { if (process.listenerCount("unhandledRejection") > 0) { clearInterval(t); setTimeout(() => Promise.reject(new Error("boom from a library")), 300); } }, 20); }`;
    const fault = `data:text/javascript,${encodeURIComponent(js)}`;
    const r = await runWorker({ NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${fault}`.trim(), WORKER_IDLE_MS: "50", LOG_LEVEL: "info" });
    // JSON log lines (pino); other output (housekeeping counts) is not JSON
    const lines = r.out.split("\n").flatMap((l) => { try { return [JSON.parse(l) as { level: string | number; msg: string; workerId?: string; err?: { message: string } }]; } catch { return []; } });
    const started = lines.find((l) => l.msg === "worker started");
    expect(started?.workerId).toMatch(/\S+/);
    expect(lines.find((l) => l.msg === "unhandled rejection")).toMatchObject({ workerId: started!.workerId, err: { message: "boom from a library" } });
    expect(lines.find((l) => l.msg.startsWith("worker stopped"))).toBeTruthy(); // the loop ended the SIGTERM way
    expect(r.code).toBe(1);
  }, 60_000);

  it("listens for inbound mail (bounces, complaints, replies) when INBOUND_SMTP_PORT is set, and stops with the worker", async () => {
    const net = await import("node:net");
    const port = await new Promise<number>((resolve) => { const s = net.createServer().listen(0, "127.0.0.1", () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); }); });
    // Straight under node (tsx as a loader, no launcher relaying the signal): SIGTERM reaches the worker itself.
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { env: { ...process.env, INBOUND_SMTP_PORT: String(port), INBOUND_SMTP_HOST: "127.0.0.1", WORKER_IDLE_MS: "50", LOG_LEVEL: "info" }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    const end = Date.now() + 30_000;
    while (!out.includes("inbound SMTP listening") && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    const greeting = await new Promise<string>((resolve, reject) => {
      const sock = net.connect(port, "127.0.0.1");
      sock.once("data", (d) => { resolve(d.toString()); sock.end("QUIT\r\n"); });
      sock.once("error", reject);
    });
    expect(greeting).toMatch(/^220 /);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    // The loop ended the SIGTERM way, and the listener with it.
    expect(out).toContain("worker stopped");
    const refused = await new Promise<boolean>((resolve) => net.connect(port, "127.0.0.1").once("error", () => resolve(true)).once("connect", () => resolve(false)));
    expect(refused).toBe(true);
  }, 60_000);
});
