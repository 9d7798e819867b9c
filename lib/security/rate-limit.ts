// Rate limits where strangers can make us send mail (signups, confirmation re-sends, sign-in links).
// Counters live in the database (rate-limiter-flexible's Prisma store), so every web process shares them.
// A counter's key is a keyed hash of what it counts (an IP, an address, a token id), never the value itself:
// the table holds no personal data in the clear, and without SUPPRESSION_KEY the hashes cannot be matched
// against a list of addresses. The worker deletes expired counters (lib/housekeeping/prune-rate-limits.ts).
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "../db/index.ts";
import { config } from "../config/index.ts";
import { hmacSha256 } from "../util/hash.ts";

export type Limit = { points: number; durationSec: number };

const limiters = new Map<string, RateLimiterPrisma>();

function limiter(name: string, l: Limit) {
  const id = `${name}:${l.points}/${l.durationSec}`;
  let r = limiters.get(id);
  if (!r) {
    r = new RateLimiterPrisma({ storeClient: db, tableName: "rateLimit", keyPrefix: name, points: l.points, duration: l.durationSec, clearExpiredByTimeout: false });
    limiters.set(id, r);
  }
  return r;
}

const hashed = (name: string, key: string, secret = config().suppressionKey) => hmacSha256(secret, `rate-limit:${name}:${key}`);

/** The RateLimit row key of `key`'s counter in limiter `name` (`<name>:<hmac>`), for erasure; `secret`: a previous SUPPRESSION_KEY's counters. */
export const rateLimitRowKey = (name: string, key: string, secret?: string) => `${name}:${hashed(name, key, secret)}`;

/** Counts one hit for `key`; `ok: false` once the limit is used up, with the seconds until it frees. */
export async function hit(name: string, key: string, l: Limit): Promise<{ ok: true } | { ok: false; retryAfterSec: number }> {
  try {
    // rate-limiter-flexible stores `<name>:<hashed key>`: the limiter's name stays readable, the value does not.
    await limiter(name, l).consume(hashed(name, key), 1);
    return { ok: true };
  } catch (res) {
    if (res instanceof RateLimiterRes) return { ok: false, retryAfterSec: Math.ceil(res.msBeforeNext / 1000) };
    throw res;
  }
}

/** Gives back the hit `key` took (a token counted as used whose request then failed, so its retry is not refused). */
export async function release(name: string, key: string, l: Limit): Promise<void> {
  await limiter(name, l).delete(hashed(name, key));
}
