// When a person's data will be deleted, as the purge (retentionAction) will decide it: for the complaint
// dossier, which must say which terms apply and until when the data is kept (AVG art. 5(1)(e), 13(2)(a);
// R-PENDING-EXPIRY, R-RET-ON-END, R-RET-PROOF-AFTER-WITHDRAWAL, R-TWO-LAYERS). Pure, no clock: `now` is an input.
// Per subscription with its effective terms (min(promised, current)), and for the person as a whole with
// the shortest of them, anchored on the latest withdrawal exactly as retentionAction anchors it.
import { addMonths, requireMillis } from "./dates";
import { shortestTerms, type RetentionPolicy } from "./retention-policy";

export type OutlookSubscription = {
  status: "pending" | "confirmed" | "unsubscribed";
  createdAt: string;
  unsubscribedAt: string | null;
  /** The effective terms of this consent: effectiveRetentionTerms(promised, current). */
  terms: RetentionPolicy;
};

export type SubscriptionOutlook = {
  /** pending: deleted unconfirmed at `deleteAt`; active: kept while subscribed; ended: erased at `deleteAt`. */
  state: "pending-expiry" | "while-subscribed" | "after-withdrawal";
  deleteAt: string | null;
  /** The consent proof of an ended subscription is kept until then (null: deleted with the profile). */
  proofUntil: string | null;
};

export type RetentionOutlook = {
  perSubscription: SubscriptionOutlook[];
  person: {
    /** active: some subscription is pending or confirmed (the data stays while it lasts); ended: all withdrawn. */
    state: "active" | "ended" | "no-subscriptions";
    /** Earliest moment the purge erases the profile (null while active); the contract basis may push it later. */
    deleteAt: string | null;
    proofUntil: string | null;
    terms: RetentionPolicy;
  };
};

const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 86_400_000;

export function retentionOutlook(
  facts: { subscriptions: OutlookSubscription[]; contractUntil: string | null; defaultTerms: RetentionPolicy },
  nowInput: Date | string,
): RetentionOutlook {
  requireMillis(nowInput, "now");
  const contract = facts.contractUntil === null ? null : requireMillis(facts.contractUntil, "contractUntil");
  const perSubscription = facts.subscriptions.map((s, i): SubscriptionOutlook => {
    if (s.status === "pending")
      return { state: "pending-expiry", deleteAt: iso(requireMillis(s.createdAt, `subscriptions[${i}].createdAt`) + s.terms.pendingDays * DAY), proofUntil: null };
    if (s.status === "confirmed") return { state: "while-subscribed", deleteAt: null, proofUntil: null };
    const at = requireMillis(s.unsubscribedAt ?? s.createdAt, `subscriptions[${i}].unsubscribedAt`);
    return {
      state: "after-withdrawal",
      deleteAt: iso(Math.max(at + s.terms.withdrawnGraceDays * DAY, contract ?? 0)),
      proofUntil: s.terms.keepProofMonths > 0 ? iso(addMonths(at, s.terms.keepProofMonths)) : null,
    };
  });
  if (facts.subscriptions.length === 0)
    return { perSubscription, person: { state: "no-subscriptions", deleteAt: contract === null ? null : iso(contract), proofUntil: null, terms: facts.defaultTerms } };
  const terms = shortestTerms(facts.subscriptions.map((s) => s.terms));
  if (facts.subscriptions.some((s) => s.status !== "unsubscribed"))
    return { perSubscription, person: { state: "active", deleteAt: null, proofUntil: null, terms } };
  const anchor = Math.max(...facts.subscriptions.map((s, i) => requireMillis(s.unsubscribedAt ?? s.createdAt, `subscriptions[${i}].unsubscribedAt`)));
  return {
    perSubscription,
    person: {
      state: "ended",
      deleteAt: iso(Math.max(anchor + terms.withdrawnGraceDays * DAY, contract ?? 0)),
      proofUntil: terms.keepProofMonths > 0 ? iso(addMonths(anchor, terms.keepProofMonths)) : null,
      terms,
    },
  };
}

/**
 * When the person's data was erased, read from what erasure leaves behind (the suppression list keeps the
 * entry with reason "erasure"; lib/subscribers/erase-subscriber): the latest such entry still in force, or null.
 */
export function erasedOn(entries: { reason: string; at: string; liftedAt: string | null }[]): string | null {
  const times = entries.filter((e) => e.reason === "erasure" && e.liftedAt === null).map((e) => requireMillis(e.at, "suppression.at"));
  return times.length ? iso(Math.max(...times)) : null;
}
