// R-UNSUB-SCOPE, R-CUSTOMER-OBJECTION-FINAL, R-OBJECTION-ABSOLUTE: what one withdrawal or objection
// records for one subscription: the suppression scope, whether it counts as a withdrawal or an objection,
// and the ledger event type. The same answer for the unsubscribe link, the RFC 8058 POST, the mailto
// reply and staff recording a phone call or a letter.
import type { WithdrawalReason } from "./reasons";

export type WithdrawalFacts = {
  /** What the person asked for: one newsletter, or every newsletter of the organisation. */
  requested: { newsletterId: string } | "all";
  /** The basis of the subscription the request ends. */
  basis: "consent" | "existing-customer";
  /** A withdrawal of consent (art. 7(3)), or an objection to direct marketing (art. 21). */
  kind: "withdrawal" | "objection";
  /** The subscription's newsletter. */
  newsletterId: string;
};

export type WithdrawalDecision = {
  scope: "all" | string;
  reason: "withdrawal" | "objection";
  eventType: "withdraw" | "objection";
  code: WithdrawalReason;
  ruleId: "R-UNSUB-SCOPE";
};

export function decideWithdrawal(facts: WithdrawalFacts): WithdrawalDecision {
  // Mail on the customer basis was sent because of a purchase, not a consent to one newsletter: leaving it
  // objects to the use of the contact details for all direct marketing (catalogue §4.6).
  if (facts.basis === "existing-customer") {
    return { scope: "all", reason: "objection", eventType: "objection", code: "WITHDRAW_CUSTOMER_ALL", ruleId: "R-UNSUB-SCOPE" };
  }
  const scope = facts.requested === "all" ? "all" : facts.newsletterId;
  return facts.kind === "objection"
    ? { scope, reason: "objection", eventType: "objection", code: "OBJECTION_AS_REQUESTED", ruleId: "R-UNSUB-SCOPE" }
    : { scope, reason: "withdrawal", eventType: "withdraw", code: "WITHDRAW_AS_REQUESTED", ruleId: "R-UNSUB-SCOPE" };
}
