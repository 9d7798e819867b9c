// `npm run worker`: a standalone worker (PostgreSQL deployments run as many as they like).
import { isEmbedded, loadCliConfig } from "./env.ts";

const cfg = loadCliConfig({ embeddedSecrets: isEmbedded() });
const { runWorker, newWorkerId } = await import("../lib/worker/loop.ts");
const ac = new AbortController();
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => ac.abort());
const workerId = newWorkerId();
console.log(`[worker] ${workerId} started (database: ${cfg.dbProvider})`);
await runWorker({ signal: ac.signal, workerId });
const cpu = process.cpuUsage();
console.log(`[worker] ${workerId} stopped (peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`);
process.exit(0);
