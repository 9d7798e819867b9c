// When a failed delivery is tried again: the Standard Webhooks schedule (5 s, 5 min, 30 min, 2 h, 5 h,
// 10 h after the first attempt), then every 10 hours up to three days. WEBHOOK_RETRY_SCALE shrinks it (tests).
import { webhookTuning } from "../config/tuning.ts";

const H = 3_600_000;
const OFFSETS_MS = [0, 5_000, 300_000, 1_800_000, 2 * H, 5 * H, 10 * H, 20 * H, 30 * H, 40 * H, 50 * H, 60 * H, 72 * H];

/** The time of the next attempt after `attempts` failed ones, or null when the schedule is used up. */
export function nextAttemptAt(firstAttemptAt: Date, attempts: number, now: Date, tuning = webhookTuning()): Date | null {
  if (attempts >= Math.min(OFFSETS_MS.length, tuning.maxAttempts)) return null;
  return new Date(Math.max(now.getTime(), firstAttemptAt.getTime() + OFFSETS_MS[attempts] * tuning.retryScale));
}
