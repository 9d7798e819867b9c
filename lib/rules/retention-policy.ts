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

/** The terms a form version promised for one newsletter (FormVersion.retentionPolicies[newsletterId]). */
export type PromisedRetentionTerms = RetentionPolicy & { version: number };

const TERM_FIELDS = ["pendingDays", "withdrawnGraceDays", "keepProofMonths", "deliveryLogDays"] as const;

/** Field by field the shortest of several terms (a person with subscriptions under different policies). */
export function shortestTerms(policies: RetentionPolicyInput[]): RetentionPolicy {
  if (policies.length === 0) throw new RangeError("shortestTerms: expected at least one policy");
  const ps = policies.map((p) => resolveRetentionPolicy(p));
  if (ps.every((p) => p === ps[0])) return ps[0];
  return resolveRetentionPolicy(Object.fromEntries(TERM_FIELDS.map((f) => [f, Math.min(...ps.map((p) => p[f]))])));
}

/**
 * R-RET-* with R-CONSENT-INFORMED (catalogue §3.2 item 5): the terms that apply to a consent are those the
 * person was shown, unless the policy is shorter now: field by field min(promised, current). A longer new
 * policy therefore only reaches people who consented after the change. No promise (an import, a customer
 * without a form, a form version from before promises were recorded) → the current policy.
 */
export function effectiveRetentionTerms(promised: RetentionPolicyInput | null | undefined, current: RetentionPolicyInput): RetentionPolicy {
  if (promised === null || promised === undefined) return resolveRetentionPolicy(current);
  // Only the terms (the stored promise also names its policy version), and all of them: a promise with a
  // term missing is a broken record, and filling in a default would be a guess.
  const missing = TERM_FIELDS.find((f) => typeof promised[f] !== "number");
  if (missing) throw new RangeError(`promised.${missing}: expected a whole number, got ${JSON.stringify(promised[missing])}`);
  const c = resolveRetentionPolicy(current);
  const p = resolveRetentionPolicy({ pendingDays: promised.pendingDays, withdrawnGraceDays: promised.withdrawnGraceDays, keepProofMonths: promised.keepProofMonths, deliveryLogDays: promised.deliveryLogDays });
  return p === c ? c : resolveRetentionPolicy({
    pendingDays: Math.min(p.pendingDays, c.pendingDays), withdrawnGraceDays: Math.min(p.withdrawnGraceDays, c.withdrawnGraceDays),
    keepProofMonths: Math.min(p.keepProofMonths, c.keepProofMonths), deliveryLogDays: Math.min(p.deliveryLogDays, c.deliveryLogDays),
  });
}
