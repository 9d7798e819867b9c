// Housekeeping: rows that have served their purpose and only add weight (and, for tokens and sessions,
// risk). Each rule deletes by a date only; nothing here decides on personal data retention (lib/retention).
// No Token row is referenced by a proof or ledger entry (proofs copy what they need), so old tokens go whole.
import { db } from "../db/index.ts";
import { pruneSessions } from "../auth/sessions.ts";
import { pruneRateLimits } from "./prune-rate-limits.ts";
import { config } from "../config/index.ts";

const DAY = 24 * 60 * 60 * 1000;
/** Finished jobs are kept this long for debugging, then deleted. */
export const JOB_KEEP_DAYS = 14;
/** Tokens are kept this long after expiry or use (a late click still gets "link already used"). */
export const TOKEN_KEEP_DAYS = 30;

/** Inbound messages (bounces, complaints, replies; lib/inbound) are kept this long, and at least SOFT_BOUNCE_DAYS. */
export const INBOUND_KEEP_DAYS = 90;

export type PruneCounts = { rateLimits: number; jobs: number; tokens: number; verificationTokens: number; sessions: number; inboundMessages: number };

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
  // Their actions are in the ledger and the suppression list; the record (and an unmatched one's excerpt) goes.
  const inboundBefore = new Date(now.getTime() - Math.max(INBOUND_KEEP_DAYS, config().softBounceDays) * DAY);
  const inboundMessages = (await db.inboundMessage.deleteMany({ where: { receivedAt: { lt: inboundBefore } } })).count;
  return { rateLimits, jobs, tokens, verificationTokens, sessions, inboundMessages };
}
