// Housekeeping: rows that have served their purpose and only add weight (and, for tokens and sessions,
// risk). Each rule deletes by a date only; nothing here decides on personal data retention (lib/retention).
// No Token row is referenced by a proof or ledger entry (proofs copy what they need), so old tokens go whole.
import { db } from "../db/index.ts";
import { pruneSessions } from "../auth/sessions.ts";
import { pruneRateLimits } from "./prune-rate-limits.ts";

const DAY = 24 * 60 * 60 * 1000;
/** Finished jobs are kept this long for debugging, then deleted. */
export const JOB_KEEP_DAYS = 14;
/** Tokens are kept this long after expiry or use (a late click still gets "link already used"). */
export const TOKEN_KEEP_DAYS = 30;

export type PruneCounts = { rateLimits: number; jobs: number; tokens: number; verificationTokens: number; sessions: number };

/** Runs every pruning rule once; returns how many rows each deleted. */
export async function pruneAll({ now = new Date() }: { now?: Date } = {}): Promise<PruneCounts> {
  const jobBefore = new Date(now.getTime() - JOB_KEEP_DAYS * DAY);
  const tokenBefore = new Date(now.getTime() - TOKEN_KEEP_DAYS * DAY);
  const rateLimits = await pruneRateLimits({ now });
  const jobs = (
    await db.job.deleteMany({
      where: { status: { in: ["done", "failed"] }, OR: [{ finishedAt: { lt: jobBefore } }, { finishedAt: null, createdAt: { lt: jobBefore } }] },
    })
  ).count;
  const tokens = (await db.token.deleteMany({ where: { OR: [{ expiresAt: { lt: tokenBefore } }, { usedAt: { lt: tokenBefore } }] } })).count;
  const verificationTokens = (await db.verificationToken.deleteMany({ where: { expires: { lt: now } } })).count;
  const sessions = await pruneSessions({ now });
  return { rateLimits, jobs, tokens, verificationTokens, sessions };
}
