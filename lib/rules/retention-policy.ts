// The organisation's retention terms (R-RET-NO-FIXED-TERM: the AVG sets none, so the org states its own).
// One policy object drives both the purge job and the sentence on signup forms, so they cannot drift.
import { z } from "zod";
import { formatIssue } from "./format-issue";

export type RetentionPolicy = {
  /** Unconfirmed signups are deleted after this many days (R-PENDING-EXPIRY, O-CONFIRMATION-MAIL). */
  pendingDays: number;
  /** Days between withdrawal/objection and erasure of the profile (R-RET-ON-END). */
  withdrawnGraceDays: number;
  /** Months consent proof is kept after withdrawal; 0 = deleted with the profile (R-RET-PROOF-AFTER-WITHDRAWAL). */
  keepProofMonths: number;
  /** Days after which delivery logs lose their personal data. */
  deliveryLogDays: number;
};
export type RetentionPolicyInput = Partial<RetentionPolicy>;

export const DEFAULT_RETENTION_POLICY: RetentionPolicy = Object.freeze({
  pendingDays: 7,
  withdrawnGraceDays: 30,
  keepProofMonths: 12,
  deliveryLogDays: 90,
});

const wholeNumber = z.number().int().nonnegative();
export const retentionPolicySchema = z.object({
  pendingDays: wholeNumber.min(1), // 0 would delete a signup before its confirmation mail could arrive
  withdrawnGraceDays: wholeNumber,
  keepProofMonths: wholeNumber,
  deliveryLogDays: wholeNumber,
});

// The purge decides hundreds of thousands of people under one or two policies: validating each time was ~5 %
// of a 1M-subscriber purge. Keyed by the input's content (not its identity), so a changed object is re-checked.
const resolved = new Map<string, RetentionPolicy>();

/** Fills in defaults and validates; throws RangeError naming the field, because a bad term must stop a purge. */
export function resolveRetentionPolicy(input: RetentionPolicyInput = {}): RetentionPolicy {
  // Only plain numbers make a key (JSON would write NaN and Infinity as null, which is a different input).
  const key = Object.values(input).every((v) => v === undefined || Number.isFinite(v)) ? JSON.stringify(input) : null;
  const hit = key === null ? undefined : resolved.get(key);
  if (hit) return hit;
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const parsed = retentionPolicySchema.safeParse({ ...DEFAULT_RETENTION_POLICY, ...defined }, { reportInput: true });
  if (!parsed.success) throw new RangeError(formatIssue(parsed.error, "policy"));
  if (resolved.size >= 64) resolved.clear();
  const policy = Object.freeze(parsed.data);
  if (key !== null) resolved.set(key, policy);
  return policy;
}
