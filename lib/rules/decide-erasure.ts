// Erasure (AVG art. 17, R-RET-ON-END, R-RET-SUPPRESSION-HASH, R-PENDING-EXPIRY): what a whole-subscriber
// erasure keeps. lib/subscribers/erase-subscriber carries the answer out; it decides nothing itself.
// - On request (the person, or an admin on their behalf): everything goes except the suppression entry, and
//   no consent proof is kept (catalogue §4.9).
// - By the purge: as retentionAction decided. A never-confirmed signup keeps nothing, not even a suppression
//   entry (the address may be someone else's); otherwise the suppression entry stays, and the consent
//   record only for the proof period the person was told about (R-RET-PROOF-AFTER-WITHDRAWAL).
// A delivery still queued for the person is skipped with the send gate's own code: DENY_SUPPRESSED where a
// suppression entry now blocks them, DENY_NO_BASIS for a signup that never became a consent.
import type { ErasureRequestReason, RetentionReason, SendReason } from "./reasons";
import type { RetentionDecision } from "./retention-action";

export type ErasureRequest =
  | { kind: "subject-request" }
  | { kind: "admin-request" }
  | ({ kind: "purge" } & Pick<RetentionDecision, "action" | "reason" | "keepProofUntil" | "deleteSubscriber">);

export type ErasureDecision = {
  /** Recorded in the `erase` ledger event: the request, or the purge's RET_* reason. */
  reason: ErasureRequestReason | RetentionReason;
  ruleId: string;
  /** Add (or re-activate) the suppression entry for all newsletters. */
  suppress: boolean;
  /** Keep the consent record (a tombstone without address or name) until then (ISO); null: keep nothing. */
  keepProofUntil: string | null;
  /** The reason a still-queued delivery to this person is skipped with. */
  skipQueuedAs: Extract<SendReason, "DENY_SUPPRESSED" | "DENY_NO_BASIS">;
};

export function decideErasure(request: ErasureRequest): ErasureDecision {
  if (request.kind !== "purge")
    return { reason: request.kind, ruleId: "R-RET-SUPPRESSION-HASH", suppress: true, keepProofUntil: null, skipQueuedAs: "DENY_SUPPRESSED" };
  if (request.action === "keep") throw new RangeError("decideErasure: the purge decided to keep this person");
  // Expired signups of someone who stays subscribed elsewhere are deleted alone, not by an erasure.
  if (request.action === "delete-pending" && !request.deleteSubscriber) throw new RangeError("decideErasure: only the expired signups go, not the person");
  if (request.action === "delete-pending")
    return { reason: request.reason, ruleId: "R-PENDING-EXPIRY", suppress: false, keepProofUntil: null, skipQueuedAs: "DENY_NO_BASIS" };
  return {
    reason: request.reason,
    ruleId: request.action === "erase-proof" ? "R-RET-PROOF-AFTER-WITHDRAWAL" : "R-RET-SUPPRESSION-HASH",
    suppress: true,
    keepProofUntil: request.action === "erase" ? request.keepProofUntil : null,
    skipQueuedAs: "DENY_SUPPRESSED",
  };
}
