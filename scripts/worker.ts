// `npm run worker`: a standalone worker (PostgreSQL deployments run as many as they like).
import { isEmbedded, loadCliConfig } from "./env.ts";
import { getLogger } from "../lib/log/logger.ts";
import { newWorkerId } from "../lib/worker/worker-id.ts";

const log = getLogger("worker");

const ac = new AbortController();
// Named before anything slow is loaded, so a fault during start-up is logged under the same id.
const workerId = newWorkerId();

// Never a silent exit. A fault nobody caught stops the loop the way SIGTERM does (each batch hands its
// unsent rows back), then the process exits with 1 for its supervisor to restart it; rows it could not hand
// back are claimable again once their lease (SEND_LOCK_MS) ends.
const fatal = (what: string) => (err: unknown) => {
  log.fatal({ workerId, err }, what);
  process.exitCode = 1;
  ac.abort();
  setTimeout(() => process.exit(1), 10_000).unref();
};
process.on("uncaughtException", fatal("uncaught exception"));
process.on("unhandledRejection", fatal("unhandled rejection"));
process.on("exit", (code) => {
  // 13: the event loop ran dry while the loop still awaited something that can never settle.
  if (code === 13) log.fatal({ workerId, code }, "exited with work that could never finish (exit 13)");
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => ac.abort());

const cfg = loadCliConfig({ embeddedSecrets: isEmbedded() });
const { runWorker } = await import("../lib/worker/loop.ts");
log.info({ workerId, database: cfg.dbProvider }, "worker started");
await runWorker({ signal: ac.signal, workerId });
const cpu = process.cpuUsage();
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
const cpuS = Number(((cpu.user + cpu.system) / 1e6).toFixed(1));
log.info({ workerId, peakRssMb, cpuS }, `worker stopped (peak RSS ${peakRssMb} MB, CPU ${cpuS} s)`);
process.exit(process.exitCode ?? 0);
