// Expired rate-limit counters are dead weight (rate-limiter-flexible resets them on the next hit, but never
// deletes them): the worker removes them every hour (lib/housekeeping/register.ts).
import { db } from "../db/index.ts";

/** Deletes the counters whose window ended before `now`; returns how many. */
export async function pruneRateLimits(opts: { now?: Date } = {}): Promise<number> {
  const { count } = await db.rateLimit.deleteMany({ where: { expire: { lt: opts.now ?? new Date() } } });
  return count;
}
