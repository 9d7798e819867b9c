// R-UNSUB-SCOPE, R-CUSTOMER-OBJECTION-FINAL, R-OBJECTION-ABSOLUTE: what one withdrawal or objection
// records: per subscription it ends, the suppression scope, whether it counts as a withdrawal or an
// objection and the ledger event type; and the suppression entries to write. The same answer for the
// unsubscribe link, the RFC 8058 POST, the mailto reply and staff recording a phone call or a letter.
import type { WithdrawalReason } from "./reasons";

export type WithdrawalFacts = {
  /** What the person asked for: one newsletter, or every newsletter of the organisation. */
  requested: { newsletterId: string } | "all";
  /** A withdrawal of consent (art. 7(3)), or an objection to direct marketing (art. 21). */
  kind: "withdrawal" | "objection";
  /** The subscriptions the request ends (their newsletter and basis). */
  subscriptions: { newsletterId: string; basis: "consent" | "existing-customer" }[];
};

type Reason = "withdrawal" | "objection";

export type WithdrawalDecision = {
  perSubscription: { newsletterId: string; scope: string; reason: Reason; eventType: "withdraw" | "objection"; code: WithdrawalReason }[];
  /** One entry per scope; an objection is never written down as a mere withdrawal. */
  suppressions: { scope: string; reason: Reason }[];
  ruleId: "R-UNSUB-SCOPE";
};

export function decideWithdrawal(facts: WithdrawalFacts): WithdrawalDecision {
  const perSubscription = facts.subscriptions.map((s) => {
    // Mail on the customer basis was sent because of a purchase, not a consent to one newsletter: leaving
    // it objects to the use of the contact details for all direct marketing (catalogue §4.6).
    if (s.basis === "existing-customer") {
      return { newsletterId: s.newsletterId, scope: "all", reason: "objection" as const, eventType: "objection" as const, code: "WITHDRAW_CUSTOMER_ALL" as const };
    }
    const scope = facts.requested === "all" ? "all" : s.newsletterId;
    return facts.kind === "objection"
      ? { newsletterId: s.newsletterId, scope, reason: "objection" as const, eventType: "objection" as const, code: "OBJECTION_AS_REQUESTED" as const }
      : { newsletterId: s.newsletterId, scope, reason: "withdrawal" as const, eventType: "withdraw" as const, code: "WITHDRAW_AS_REQUESTED" as const };
  });
  const byScope = new Map<string, Reason>();
  const add = (scope: string, reason: Reason) => byScope.set(scope, byScope.get(scope) === "objection" ? "objection" : reason);
  // "All newsletters" is written even when the person has no subscription left (someone who phoned in).
  if (facts.requested === "all") add("all", facts.kind);
  for (const p of perSubscription) add(p.scope, p.reason);
  return { perSubscription, suppressions: [...byScope].map(([scope, reason]) => ({ scope, reason })), ruleId: "R-UNSUB-SCOPE" };
}
