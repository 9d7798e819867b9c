// Tuning knobs of the worker and the database pool, read from the environment on each call (unlike
// config(), which is read once): benchmarks and fault tests set them per run. Not for secrets or anything
// a user must configure; an unset, non-numeric or non-positive value means the default.
const positive = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

export type SendTuning = {
  lockMs: number; batch: number; concurrency: number; retryBaseMs: number; maxAttempts: number; groupCommitMs: number;
  outageBaseMs: number; outageMaxMs: number;
};

/** The send pipeline (lib/sending/deliver-batch.ts): SEND_LOCK_MS, SEND_BATCH, SEND_CONCURRENCY, … */
export function sendTuning(): SendTuning {
  return {
    lockMs: positive("SEND_LOCK_MS", 120_000),
    batch: positive("SEND_BATCH", 500),
    concurrency: positive("SEND_CONCURRENCY", 10),
    retryBaseMs: positive("SEND_RETRY_BASE_MS", 60_000),
    maxAttempts: positive("SEND_MAX_ATTEMPTS", 6),
    groupCommitMs: positive("SEND_GROUP_COMMIT_MS", 5),
    outageBaseMs: positive("SEND_OUTAGE_BASE_MS", 5_000),
    outageMaxMs: positive("SEND_OUTAGE_MAX_MS", 300_000),
  };
}

/** Outgoing webhooks (lib/webhooks): WEBHOOK_RETRY_SCALE multiplies the retry schedule (tests shrink three
 *  days to seconds), WEBHOOK_MAX_ATTEMPTS cuts it short, WEBHOOK_TIMEOUT_MS bounds one request. */
export function webhookTuning() {
  return { retryScale: positive("WEBHOOK_RETRY_SCALE", 1), maxAttempts: positive("WEBHOOK_MAX_ATTEMPTS", Infinity), timeoutMs: positive("WEBHOOK_TIMEOUT_MS", 10_000) };
}

/** How long an idle worker sleeps between turns (WORKER_IDLE_MS). */
export const workerIdleMs = () => positive("WORKER_IDLE_MS", 500);

/** Connections per process to PostgreSQL (PG_POOL_SIZE). */
export const pgPoolSize = () => positive("PG_POOL_SIZE", 10);
