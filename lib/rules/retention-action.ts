// What the purge job does with ONE subscriber (R-PENDING-EXPIRY, R-RET-ON-END, R-RET-SUPPRESSION-HASH,
// R-RET-PROOF-AFTER-WITHDRAWAL). Pure: the job loads the facts, asks, and re-checks inside its transaction.
// Suppression entries are never touched here: they are keyed hashes outside the profile and are kept on
// every path (R-RET-SUPPRESSION-HASH). Bad dates throw instead of deciding: a purge must not guess.
// The terms are those each consent was given under: min(promised by its form version, current policy),
// field by field (catalogue §3.2 item 5), so shortening a policy reaches everyone and lengthening it only
// those who consent afterwards.
import { addMonths, cutoff, requireMillis } from "./dates";
import {
  effectiveRetentionTerms, resolveRetentionPolicy, shortestTerms, type RetentionPolicy, type RetentionPolicyInput,
} from "./retention-policy";
import type { ProcessingBasis } from "./processing-basis";
import type { RetentionReason } from "./reasons";

export { cutoff } from "./dates";
export { deliveryLogAction } from "./delivery-log-action";
export { retentionStatement } from "./retention-statement";
export {
  DEFAULT_RETENTION_POLICY, effectiveRetentionTerms, resolveRetentionPolicy, retentionPolicySchema, shortestTerms,
  type PromisedRetentionTerms, type RetentionPolicy, type RetentionPolicyInput,
} from "./retention-policy";
export {
  processingBasis, customerRecordMonthsSchema, DEFAULT_CUSTOMER_RECORD_MONTHS,
  type ProcessingBasis, type ProcessingBasisDecision, type ProcessingBasisFacts,
} from "./processing-basis";

export type RetentionSubscription = {
  status: "pending" | "confirmed" | "unsubscribed";
  createdAt: string;
  unsubscribedAt: string | null;
  basis: "consent" | "existing-customer";
  /** The terms the form version the person consented through promised for this newsletter; null or absent:
   *  no promise (an import, a customer without a form) → the current policy. */
  promised?: RetentionPolicyInput | null;
  /** The current policy of this subscription's newsletter; absent → the policy argument. */
  policy?: RetentionPolicyInput;
};

export type RetentionFacts = {
  subscriptions: RetentionSubscription[];
  /** The storage basis apart from consent (R-TWO-LAYERS), from lib/rules processingBasis: "contract" keeps
   *  the record (only the marketing flag changed), "none" lets the purpose's end erase it. */
  processingBasis: ProcessingBasis;
  lastActivityAt: string | null;
  /** Personal data was already erased earlier; only proof (and the suppression hash) may remain. */
  erased?: boolean;
  /** Consent proof is still stored. */
  proofRetained?: boolean;
};

export type RetentionDecision = {
  action: "keep" | "delete-pending" | "erase" | "erase-proof";
  reason: RetentionReason;
  ruleId: string;
  /** Indices into facts.subscriptions of expired pending signups to delete outright. */
  deleteSubscriptions: number[];
  /** Remove the subscriber record entirely: nothing of it is kept (the suppression list is separate). */
  deleteSubscriber: boolean;
  /** Delete the consent proof now. */
  deleteProof: boolean;
  /** Keep the consent proof until this instant (ISO), then ask again: the answer will be 'erase-proof'. */
  keepProofUntil: string | null;
  /** The terms decided with: field by field the shortest effective term over the person's subscriptions. */
  terms: RetentionPolicy;
};

type Extra = Partial<Omit<RetentionDecision, "action" | "reason" | "ruleId" | "terms">>;

// Each subscription: min(promised, current) field by field; over all of them the shortest, so nobody is
// kept longer than any form promised or any policy now allows. Without subscriptions: the policy argument.
function termsFor(facts: RetentionFacts, policy: RetentionPolicyInput): RetentionPolicy {
  const current = resolveRetentionPolicy(policy);
  if (facts.subscriptions.length === 0) return current;
  return shortestTerms(facts.subscriptions.map((s) => effectiveRetentionTerms(s.promised, s.policy ?? current)));
}

// The moment the purpose ended: the latest withdrawal. A withdrawal without a date falls back to the
// last activity, then to the subscription's creation (the latest date known to be before it).
function withdrawnAt(facts: RetentionFacts): number | null {
  const times = facts.subscriptions
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.status === "unsubscribed")
    .map(({ s, i }) =>
      s.unsubscribedAt !== null ? requireMillis(s.unsubscribedAt, `subscriptions[${i}].unsubscribedAt`)
      : facts.lastActivityAt !== null ? requireMillis(facts.lastActivityAt, "lastActivityAt")
      : requireMillis(s.createdAt, `subscriptions[${i}].createdAt`));
  return times.length > 0 ? Math.max(...times) : null;
}

// R-RET-PROOF-AFTER-WITHDRAWAL: proof stays only as long as the privacy statement says.
function proofUntil(anchor: number | null, months: number, now: number): number | null {
  if (anchor === null || months === 0) return null;
  const until = addMonths(anchor, months);
  return until > now ? until : null;
}

export function retentionAction(
  facts: RetentionFacts,
  policyInput: RetentionPolicyInput,
  nowInput: Date | string,
): RetentionDecision {
  const policy = termsFor(facts, policyInput);
  const now = requireMillis(nowInput, "now");
  const decision = (action: RetentionDecision["action"], reason: RetentionReason, ruleId: string, extra: Extra = {}): RetentionDecision =>
    ({ action, reason, ruleId, deleteSubscriptions: [], deleteSubscriber: false, deleteProof: false, keepProofUntil: null, ...extra, terms: policy });

  if (facts.erased) {
    if (facts.proofRetained === false) return decision("keep", "RET_ALREADY_ERASED", "R-RET-ON-END");
    const until = proofUntil(withdrawnAt(facts), policy.keepProofMonths, now);
    return until === null
      ? decision("erase-proof", "RET_PROOF_EXPIRED", "R-RET-PROOF-AFTER-WITHDRAWAL", { deleteProof: true, deleteSubscriber: true })
      : decision("keep", "RET_PROOF_PERIOD", "R-RET-PROOF-AFTER-WITHDRAWAL", { keepProofUntil: new Date(until).toISOString() });
  }

  // R-PENDING-EXPIRY: a signup strictly older than pendingDays that was never confirmed.
  const pendingCutoff = cutoff(now, policy.pendingDays).getTime();
  const expired = facts.subscriptions.flatMap((s, i) =>
    s.status === "pending" && requireMillis(s.createdAt, `subscriptions[${i}].createdAt`) < pendingCutoff ? [i] : []);
  const remaining = facts.subscriptions.filter((_, i) => !expired.includes(i));
  const deletePending = decision("delete-pending", "RET_PENDING_EXPIRED", "R-PENDING-EXPIRY", { deleteSubscriptions: expired });

  if (remaining.some((s) => s.status !== "unsubscribed")) {
    return expired.length > 0 ? deletePending : decision("keep", "RET_ACTIVE_SUBSCRIPTION", "R-RET-ON-END");
  }
  // R-RET-ON-END, R-TWO-LAYERS: the contract still is a basis to store the record; only the marketing flag changed.
  if (facts.processingBasis === "contract") {
    return expired.length > 0 ? deletePending : decision("keep", "RET_OTHER_BASIS", "R-RET-ON-END");
  }
  if (remaining.length === 0 && expired.length > 0) {
    // Never confirmed: the address may be someone else's, so nothing at all is kept.
    return { ...deletePending, deleteSubscriber: true, deleteProof: true };
  }

  // Everything left is withdrawn (or there never was a subscription): erase after the grace period.
  const anchor = remaining.length > 0
    ? withdrawnAt(facts)
    : facts.lastActivityAt === null ? null : requireMillis(facts.lastActivityAt, "lastActivityAt");
  if (anchor !== null && anchor >= cutoff(now, policy.withdrawnGraceDays).getTime()) {
    return expired.length > 0 ? deletePending : decision("keep", "RET_IN_GRACE", "R-RET-ON-END");
  }
  // With no withdrawal there was never consent to prove, so no proof is kept.
  const until = remaining.length > 0 ? proofUntil(anchor, policy.keepProofMonths, now) : null;
  return decision("erase", "RET_PURPOSE_ENDED", "R-RET-SUPPRESSION-HASH", {
    deleteSubscriptions: expired,
    deleteSubscriber: until === null,
    deleteProof: until === null,
    keepProofUntil: until === null ? null : new Date(until).toISOString(),
  });
}
