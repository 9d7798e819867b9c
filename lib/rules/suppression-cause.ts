// Which stored suppression keeps a recipient out (issue 14 D3): the gate answers DENY_SUPPRESSED for all of
// them alike; the pre-send report names the cause, so hard bounces and complaints show as their own lines.
// The same entries block as in E2 (isSuppressed): on the consent basis an entry of this newsletter or "all"
// that no later DOI lifts; on any other basis every entry. Of several, the strongest cause is named.
import type { Decision, Facts } from "./facts";
import type { StoredSuppression } from "./suppression-facts";
import { liftsSuppression } from "./lifts-suppression";

export const SUPPRESSION_CAUSES = [
  "SUPPRESSED_COMPLAINT",
  "SUPPRESSED_BOUNCE",
  "SUPPRESSED_OBJECTION",
  "SUPPRESSED_ERASURE",
  "SUPPRESSED_WITHDRAWAL",
] as const;
export type SuppressionCause = (typeof SUPPRESSION_CAUSES)[number];

const BY_STORED: Record<string, SuppressionCause> = {
  complaint: "SUPPRESSED_COMPLAINT", bounce: "SUPPRESSED_BOUNCE", objection: "SUPPRESSED_OBJECTION",
  erasure: "SUPPRESSED_ERASURE", withdrawal: "SUPPRESSED_WITHDRAWAL",
};

const blocks = (facts: Facts, entry: { scope: string; at: string }) =>
  facts.basis !== "consent" ||
  ((entry.scope === "all" || entry.scope === facts.message.newsletterId) &&
    !liftsSuppression({ entry, newsletterId: facts.message.newsletterId, basis: facts.basis, consent: facts.consent }));

/**
 * For a recipient the gate refused with DENY_SUPPRESSED: the cause, from the stored entries (an unknown stored
 * reason counts as an objection, as in storedSuppressionReason). No stored entry blocking means the block came
 * from the facts alone (an ended subscription, an objection at checkout): named by the facts' own reason.
 * Any other decision: null.
 */
export function suppressionCause(input: { decision: Decision; facts: Facts; stored: StoredSuppression[] }): SuppressionCause | null {
  if (input.decision.reason !== "DENY_SUPPRESSED") return null;
  const causes = new Set(input.stored.filter((e) => blocks(input.facts, e)).map((e) => BY_STORED[e.reason] ?? "SUPPRESSED_OBJECTION"));
  if (causes.size === 0) {
    for (const e of input.facts.suppressions) if (blocks(input.facts, e)) causes.add(e.reason === "withdrawal" ? "SUPPRESSED_WITHDRAWAL" : "SUPPRESSED_OBJECTION");
  }
  return SUPPRESSION_CAUSES.find((c) => causes.has(c)) ?? "SUPPRESSED_OBJECTION";
}
