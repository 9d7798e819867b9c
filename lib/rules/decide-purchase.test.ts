import { describe, it, expect } from "vitest";
import { decidePurchase, type PurchaseFacts } from "./decide-purchase";

// A Dutch buyer of a bike who was offered the opt-out at checkout (text recorded) and did not object.
// The shop has a Dutch and an English bike newsletter mapped to bikes, and a Dutch book newsletter.
const BASE: PurchaseFacts = {
  now: "2025-06-01T12:00:00Z",
  purchase: { at: "2025-05-31T10:00:00Z", category: "bikes", language: "nl", obtainedInSale: true, optOutOffered: true, optOutTextRecorded: true, objected: false },
  suppressions: [],
  customerWindowMonths: 24,
  newsletters: [
    { id: "fiets", language: "nl", customerProducts: ["bikes", "bike-parts"], categories: ["bikes"], similarMap: {} },
    { id: "bike", language: "en", customerProducts: ["bikes"], categories: ["bikes"], similarMap: {} },
    { id: "boek", language: "nl", customerProducts: ["books"], categories: ["books"], similarMap: {} },
    { id: "mixed", language: "nl", customerProducts: ["bikes"], categories: ["bikes", "insurance"], similarMap: {} },
    { id: "parts", language: "nl", customerProducts: ["bike-parts"], categories: ["bike-parts"], similarMap: { bikes: ["bike-parts"] } },
  ],
  subscriptions: [],
};
type Over = { purchase?: Partial<PurchaseFacts["purchase"]> } & Partial<Omit<PurchaseFacts, "purchase">>;
const facts = (o: Over = {}): PurchaseFacts => ({ ...BASE, ...o, purchase: { ...BASE.purchase, ...o.purchase } });
const outcomes = (o: Over = {}) => decidePurchase(facts(o)).newsletters.map((n) => [n.newsletterId, n.enrol, n.reason]);

describe("decidePurchase", () => {
  it.each<[string, Over, (string | boolean)[][]]>([
    ["only mapped newsletters in the buyer's language are candidates", {}, [["fiets", true, "ACCEPT_CUSTOMER"], ["mixed", false, "DENY_NOT_SIMILAR_PRODUCT"]]],
    ["an English buyer gets the English newsletter only", { purchase: { language: "en" } }, [["bike", true, "ACCEPT_CUSTOMER"]]],
    ["a product nobody mapped enrols nowhere", { purchase: { category: "tents" } }, []],
    ["a mapped product still needs a similar newsletter", { purchase: { category: "bike-parts" } }, [["fiets", false, "DENY_NOT_SIMILAR_PRODUCT"], ["parts", true, "ACCEPT_CUSTOMER"]]],
    ["opt-out offered but its text not recorded", { purchase: { optOutTextRecorded: false } }, [["fiets", false, "DENY_NO_OPTOUT_AT_COLLECTION"], ["mixed", false, "DENY_NO_OPTOUT_AT_COLLECTION"]]],
    ["opt-out not offered", { purchase: { optOutOffered: false } }, [["fiets", false, "DENY_NO_OPTOUT_AT_COLLECTION"], ["mixed", false, "DENY_NO_OPTOUT_AT_COLLECTION"]]],
    ["address matched from elsewhere", { purchase: { obtainedInSale: false } }, [["fiets", false, "DENY_CONTACT_NOT_FROM_SALE"], ["mixed", false, "DENY_CONTACT_NOT_FROM_SALE"]]],
    ["any suppression entry blocks, of any scope (R-UNSUBSCRIBED-STAYS)", { suppressions: [{ scope: "other-newsletter", at: "2024-01-01T00:00:00Z" }] }, [["fiets", false, "SUPPRESSED"], ["mixed", false, "SUPPRESSED"]]],
    ["an existing subscription is never changed", { subscriptions: [{ id: "s1", newsletterId: "fiets", basis: "consent", status: "unsubscribed" }] }, [["fiets", false, "IMPORT_EXISTING_KEPT"], ["mixed", false, "DENY_NOT_SIMILAR_PRODUCT"]]],
    ["an old purchase reported late", { purchase: { at: "2023-01-01T00:00:00Z" } }, [["fiets", false, "DENY_CUSTOMER_STALE"], ["mixed", false, "DENY_NOT_SIMILAR_PRODUCT"]]],
  ])("%s", (_n, o, expected) => {
    expect(outcomes(o)).toEqual(expected);
    expect(decidePurchase(facts(o))).toMatchObject({ objection: null, endSubscriptionIds: [] });
  });

  it("an objection at checkout is final: scope all, customer-basis subscriptions end, nothing enrolled (R-CUSTOMER-OBJECTION-FINAL)", () => {
    const d = decidePurchase(facts({
      purchase: { objected: true },
      subscriptions: [
        { id: "c1", newsletterId: "fiets", basis: "existing-customer", status: "confirmed" },
        { id: "c2", newsletterId: "bike", basis: "existing-customer", status: "unsubscribed" },
        { id: "k1", newsletterId: "boek", basis: "consent", status: "confirmed" },
      ],
    }));
    expect(d).toEqual({ objection: { scope: "all", ruleId: "R-CUSTOMER-OBJECTION-FINAL" }, endSubscriptionIds: ["c1"], newsletters: [] });
  });

  it("every answer names a rule", () => {
    for (const n of decidePurchase(facts({ suppressions: [{ scope: "all", at: "2025-01-01T00:00:00Z" }] })).newsletters) expect(n.ruleId).toBe("R-IMPORT-SUPPRESSION-CHECK");
  });
});
