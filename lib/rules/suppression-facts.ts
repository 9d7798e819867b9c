// The `suppressions` facts of the send gate (catalogue §2.1) from what is stored: every suppression entry
// (never filtered: whether a later DOI lifts one is E2's question, liftsSuppression), an ended
// subscription even when its entry is missing, and an objection given at checkout.
import type { Facts } from "./facts";
import { decideWithdrawal } from "./decide-withdrawal";

type Entry = Facts["suppressions"][number];

export type StoredSuppression = { scope: string; reason: string; at: string };

export type SuppressionFactsInput = {
  entries: StoredSuppression[];
  /** The subscription the message is for, when it has ended (unsubscribedAt, or its last change). */
  ended: { newsletterId: string; basis: "consent" | "existing-customer"; at: string } | null;
  /** Purchases at which the buyer objected to direct marketing (R-CUSTOMER-OPTOUT-AT-COLLECTION). */
  objectedAtCheckout: string[];
};

/**
 * R-OBJECTION-ABSOLUTE, R-RET-SUPPRESSION-HASH: a withdrawal of consent (and a hard bounce: the address
 * asked for nothing but cannot take mail) counts as a withdrawal; an objection, a complaint and an
 * erasure request count as objections. Anything unknown counts as an objection (the stricter one).
 */
export function storedSuppressionReason(stored: string): Entry["reason"] {
  return stored === "withdrawal" || stored === "bounce" ? "withdrawal" : "objection";
}

export function suppressionFacts(input: SuppressionFactsInput): Facts["suppressions"] {
  const out: Entry[] = input.entries.map((e) => ({ scope: e.scope, reason: storedSuppressionReason(e.reason), at: e.at }));
  if (input.ended) {
    const { newsletterId, basis, at } = input.ended;
    const [d] = decideWithdrawal({ requested: { newsletterId }, kind: "withdrawal", subscriptions: [{ newsletterId, basis }] }).perSubscription;
    out.push({ scope: d.scope, reason: d.reason, at });
  }
  for (const at of input.objectedAtCheckout) out.push({ scope: "all", reason: "objection", at });
  return out;
}
