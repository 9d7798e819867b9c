// Decides whether one subscription's row may be in a bulk export (R-SHARE-THIRD-PARTY, R-CONSENT-PROOF).
//  - purpose proof: the organisation's own record to show what was agreed (AVG art. 5(2), 7(1)) → ALLOW_PROOF_EXPORT.
//  - purpose share-with-third-party: giving or selling the data to others needs its own, separate consent that
//    names the recipients or their categories → ALLOW_SHARE_CONSENT, otherwise DENY_SHARE_NO_CONSENT.
//    Newsletter consent, the customer basis or a suppression-list entry never cover sharing.
import type { ExportReason } from "./reasons";

export type ExportPurpose = "proof" | "share-with-third-party";
export const EXPORT_PURPOSES = ["proof", "share-with-third-party"] as const satisfies readonly ExportPurpose[];

export type ExportFacts = {
  purpose: ExportPurpose;
  /** The person's separate consent to sharing with named third parties (none recorded: false). */
  consent: { shareWithThirdParties: boolean };
};
export type ExportDecision = { allowed: boolean; reason: ExportReason; ruleId: string };

export function decideExport(f: ExportFacts): ExportDecision {
  if (f.purpose === "proof") return { allowed: true, reason: "ALLOW_PROOF_EXPORT", ruleId: "R-CONSENT-PROOF" };
  if (f.consent.shareWithThirdParties) return { allowed: true, reason: "ALLOW_SHARE_CONSENT", ruleId: "R-SHARE-THIRD-PARTY" };
  return { allowed: false, reason: "DENY_SHARE_NO_CONSENT", ruleId: "R-SHARE-THIRD-PARTY" };
}
