// E2 (R-OBJECTION-ABSOLUTE, R-UNSUBSCRIBED-STAYS, R-CUSTOMER-OBJECTION-FINAL, R-UNSUB-SCOPE).
import type { Facts } from "./facts";
import { toMillis } from "./dates";

type Suppression = Facts["suppressions"][number];

// R-UNSUBSCRIBED-STAYS: only a new consent the person started and confirmed by DOI AFTER the suppression,
// covering this newsletter, lifts it. Unparseable dates never lift (NaN comparisons are false).
function liftedByNewConsent(facts: Facts, entry: Suppression): boolean {
  const c = facts.consent;
  return (
    c !== null &&
    c.status === "confirmed" &&
    c.method === "double-opt-in" &&
    c.confirmedAt !== null &&
    toMillis(c.confirmedAt) > toMillis(entry.at) &&
    c.newsletterIds.includes(facts.message.newsletterId)
  );
}

/** True when a suppression entry blocks this message (catalogue §2.2 E2). */
export function isSuppressed(facts: Facts): boolean {
  if (facts.basis !== "consent") {
    // Customer (and every other) basis: any objection or withdrawal is final (R-CUSTOMER-OBJECTION-FINAL).
    return facts.suppressions.length > 0;
  }
  return facts.suppressions.some(
    (entry) =>
      (entry.scope === "all" || entry.scope === facts.message.newsletterId) &&
      !liftedByNewConsent(facts, entry),
  );
}
