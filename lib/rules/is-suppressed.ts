// E2 (R-OBJECTION-ABSOLUTE, R-UNSUBSCRIBED-STAYS, R-CUSTOMER-OBJECTION-FINAL, R-UNSUB-SCOPE).
import type { Facts } from "./facts";
import { liftsSuppression } from "./lifts-suppression";

/** True when a suppression entry blocks this message (catalogue §2.2 E2). */
export function isSuppressed(facts: Facts): boolean {
  if (facts.basis !== "consent") {
    // Customer (and every other) basis: any objection or withdrawal is final (R-CUSTOMER-OBJECTION-FINAL),
    // whatever DOI the person gave later for some newsletter.
    return facts.suppressions.length > 0;
  }
  const newsletterId = facts.message.newsletterId;
  return facts.suppressions.some(
    (entry) =>
      (entry.scope === "all" || entry.scope === newsletterId) &&
      !liftsSuppression({ entry, newsletterId, basis: facts.basis, consent: facts.consent }),
  );
}
