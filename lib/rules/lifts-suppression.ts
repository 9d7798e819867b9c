// R-UNSUBSCRIBED-STAYS, catalogue §2.2 E2: the only thing that lifts a suppression entry is a new consent
// the person started and confirmed by double opt-in AFTER the entry, covering this newsletter, and only for
// mail sent on that consent. Nothing is stored as "lifted": the gate sees every entry and asks this.
// Unparseable dates never lift (NaN comparisons are false).
import type { Facts } from "./facts";
import { toMillis } from "./dates";

export type LiftFacts = {
  entry: { scope: string; at: string };
  newsletterId: string;
  basis: Facts["basis"];
  consent: Pick<NonNullable<Facts["consent"]>, "status" | "method" | "confirmedAt" | "newsletterIds"> | null;
};

export function liftsSuppression(f: LiftFacts): boolean {
  const c = f.consent;
  return (
    f.basis === "consent" &&
    (f.entry.scope === "all" || f.entry.scope === f.newsletterId) &&
    c !== null &&
    c.status === "confirmed" &&
    c.method === "double-opt-in" &&
    c.confirmedAt !== null &&
    toMillis(c.confirmedAt) > toMillis(f.entry.at) &&
    c.newsletterIds.includes(f.newsletterId)
  );
}
