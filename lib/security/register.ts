// Registers security housekeeping with the worker (imported once from lib/worker/handlers.ts).
import { registerJob, registerSchedule } from "../worker/registry.ts";
import { pruneRateLimits } from "./prune-rate-limits.ts";

export const PRUNE_RATE_LIMITS_JOB = "rate-limits.prune";

registerJob(PRUNE_RATE_LIMITS_JOB, async () => {
  const count = await pruneRateLimits();
  console.log(`[worker] ${PRUNE_RATE_LIMITS_JOB}: deleted ${count} expired rate-limit counter${count === 1 ? "" : "s"}`);
});
registerSchedule({ kind: PRUNE_RATE_LIMITS_JOB, everyMs: 60 * 60 * 1000 });
