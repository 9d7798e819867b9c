// Decides what a purchase reported by the shop does (R-CUSTOMER-*, R-UNSUBSCRIBED-STAYS,
// R-CUSTOMER-OBJECTION-FINAL, R-CUSTOMER-OPTOUT-AT-COLLECTION):
//  1. The buyer objected at checkout → an objection, scope all: their customer-basis subscriptions end and
//     nothing is enrolled (R-CUSTOMER-OBJECTION-FINAL).
//  2. Otherwise the candidates are the newsletters the organisation's product map (Newsletter.customerProducts)
//     lists for the purchased category AND that are in the buyer's language: the opt-out was offered in that
//     language, and no other list is joined on the customer basis (R-CUSTOMER-OWN-SIMILAR, R-CONSENT-PER-NEWSLETTER).
//     A newsletter outside the map or in another language is not part of the answer at all.
//  3. Each candidate is decided as a customer row of decideImport: any suppression entry, of any scope, blocks
//     (SUPPRESSED: for any basis other than consent every entry blocks, also after a later DOI elsewhere);
//     an existing subscription is never changed (IMPORT_EXISTING_KEPT); the opt-out counts as offered only
//     when the text that offered it is recorded; then similarity and the customer window.
import { decideImport } from "./decide-import";
import type { ImportReason } from "./reasons";

export type PurchaseFacts = {
  now: string;
  purchase: {
    at: string; category: string; language: string; obtainedInSale: boolean;
    /** The shop says the buyer was offered a free, easy opt-out at checkout … */
    optOutOffered: boolean;
    /** … and the text that offered it is recorded (ConsentEvidence checkout-optout). */
    optOutTextRecorded: boolean;
    /** The buyer's answer: true when they objected. */
    objected: boolean;
  };
  /** Every suppression entry for the address (any scope, any reason, lifted or not). */
  suppressions: { scope: string; at: string }[];
  customerWindowMonths: number | null;
  newsletters: { id: string; language: string; customerProducts: string[]; categories: string[]; similarMap: Record<string, string[]> }[];
  /** The buyer's existing subscriptions. */
  subscriptions: { id: string; newsletterId: string; basis: "consent" | "existing-customer"; status: "pending" | "confirmed" | "unsubscribed" }[];
};

export type PurchaseDecision = {
  /** Record an objection to all direct marketing (suppression scope all + ledger event). */
  objection: null | { scope: "all"; ruleId: string };
  /** Subscriptions that end with the objection. */
  endSubscriptionIds: string[];
  /** One answer per candidate newsletter (mapped, buyer's language), in the given order. */
  newsletters: { newsletterId: string; enrol: boolean; reason: ImportReason; ruleId: string }[];
};

export function decidePurchase(f: PurchaseFacts): PurchaseDecision {
  const p = f.purchase;
  if (p.objected) {
    return {
      objection: { scope: "all", ruleId: "R-CUSTOMER-OBJECTION-FINAL" },
      // A consent-based subscription stays as proof; the scope-all entry keeps it from being mailed until a
      // later DOI the person starts (R-UNSUBSCRIBED-STAYS).
      endSubscriptionIds: f.subscriptions.filter((s) => s.basis === "existing-customer" && s.status !== "unsubscribed").map((s) => s.id),
      newsletters: [],
    };
  }
  const candidates = f.newsletters.filter((n) => n.customerProducts.includes(p.category) && n.language === p.language);
  return {
    objection: null,
    endSubscriptionIds: [],
    newsletters: candidates.map((n) => {
      const existing = f.subscriptions.find((s) => s.newsletterId === n.id);
      const d = decideImport({
        now: f.now, emailValid: true, duplicateInFile: false, suppressed: f.suppressions.length > 0,
        existingSubscriptionStatus: existing?.status ?? null, basis: "existing-customer",
        customerRelation: "purchase", purchaseAt: p.at, purchaseCategory: p.category,
        similarCategories: n.similarMap[p.category] ?? [],
        optOutOfferedAtCollection: p.optOutOffered && p.optOutTextRecorded, obtainedInSale: p.obtainedInSale,
        newsletterCategories: n.categories, customerWindowMonths: f.customerWindowMonths,
      });
      return { newsletterId: n.id, enrol: d.accept, reason: d.reason, ruleId: d.ruleId };
    }),
  };
}
