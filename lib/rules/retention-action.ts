// What the purge job does with ONE subscriber (R-PENDING-EXPIRY, R-RET-ON-END, R-RET-SUPPRESSION-HASH,
// R-RET-PROOF-AFTER-WITHDRAWAL). Pure: the job loads the facts, asks, and re-checks inside its transaction.
// Suppression entries are never touched here: they are keyed hashes outside the profile and are kept on
// every path (R-RET-SUPPRESSION-HASH). Bad dates throw instead of deciding: a purge must not guess.
import { addMonths, cutoff, requireMillis } from "./dates";
import { resolveRetentionPolicy, type RetentionPolicyInput } from "./retention-policy";
import type { RetentionReason } from "./reasons";

export { cutoff } from "./dates";
export { deliveryLogAction } from "./delivery-log-action";
export { retentionStatement } from "./retention-statement";
export {
  DEFAULT_RETENTION_POLICY, resolveRetentionPolicy, retentionPolicySchema,
  type RetentionPolicy, type RetentionPolicyInput,
} from "./retention-policy";

export type RetentionSubscription = {
  status: "pending" | "confirmed" | "unsubscribed";
  createdAt: string;
  unsubscribedAt: string | null;
  basis: "consent" | "existing-customer";
};

export type RetentionFacts = {
  subscriptions: RetentionSubscription[];
  /** Another processing basis remains, e.g. an active customer contract (R-TWO-LAYERS). */
  hasOtherBasis: boolean;
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
};

function decision(
  action: RetentionDecision["action"], reason: RetentionReason, ruleId: string,
  extra: Partial<Omit<RetentionDecision, "action" | "reason" | "ruleId">> = {},
): RetentionDecision {
  return { action, reason, ruleId, deleteSubscriptions: [], deleteSubscriber: false, deleteProof: false, keepProofUntil: null, ...extra };
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
  const policy = resolveRetentionPolicy(policyInput);
  const now = requireMillis(nowInput, "now");

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
  // R-RET-ON-END: another processing basis keeps the record; only the marketing flag changed.
  if (facts.hasOtherBasis) {
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
