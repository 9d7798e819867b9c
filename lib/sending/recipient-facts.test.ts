// Database rows → catalogue §2.1 facts → lib/rules' decision, for each mapping recipient-facts.ts makes.
import { describe, it, expect } from "vitest";
import { decideSend, factsSchema } from "../rules/index.ts";
import { recipientFacts, type PurposeRevisions, type RecipientRows } from "./recipient-facts.ts";

const now = new Date("2025-06-01T12:00:00Z");
const org = { requireDoubleOptIn: true, customerWindowMonths: 24, isCharity: false };
const newsletter = { id: "A", categories: ["bikes"], similarMap: { bikes: ["bike-parts"] } };
// Declared: about bikes, no third-party offers, consent subscribers and customers.
const issue: { categories: string[] | null; thirdPartyPromotion: boolean; basis: string } = { categories: ["bikes"], thirdPartyPromotion: false, basis: "existing_customer" };
const message = { unsubscribeLink: true, listUnsubscribeHeaders: true, senderIdentity: true };

function rows(over: { subscriber?: Partial<RecipientRows["subscriber"]>; subscription?: Partial<RecipientRows["subscription"]> } & Partial<Omit<RecipientRows, "subscriber" | "subscription">> = {}): RecipientRows {
  return {
    subscriber: { id: "s1", email: "a@example.nl", kind: "person", eea: true, ageBand: null, addressPublishedForOffers: false, ...over.subscriber },
    subscription: {
      id: "b1", newsletterId: "A", status: "confirmed", basis: "consent", method: "double_opt_in", source: "own_form", sourceProofNamesOrg: false,
      givenBy: "subject", preTicked: false, bundled: false, conditional: false, thirdPartyOffers: false, formVersionId: "fv1",
      givenAt: new Date("2025-01-10T09:00:00Z"), confirmedAt: new Date("2025-01-10T09:05:00Z"), unsubscribedAt: null,
      createdAt: new Date("2025-01-10T09:00:00Z"), updatedAt: new Date("2025-01-10T09:05:00Z"), ...over.subscription,
    },
    formVersionNewsletterIds: over.formVersionNewsletterIds === undefined ? ["A"] : over.formVersionNewsletterIds,
    purchases: over.purchases ?? [],
    suppressions: over.suppressions ?? [],
  };
}

const decide = (r: RecipientRows, extra: { message?: Partial<typeof message>; issue?: Partial<typeof issue>; purpose?: PurposeRevisions; kind?: "repermission-request" } = {}) => {
  const facts = recipientFacts({ now, org, newsletter, issue: { ...issue, ...extra.issue }, message: { ...message, ...extra.message }, rows: r, purpose: extra.purpose, kind: extra.kind });
  expect(factsSchema.safeParse(facts).success).toBe(true); // always a complete, valid §2.1 object
  return decideSend(facts).reason;
};

const purchase = { at: new Date("2025-03-01T00:00:00Z"), category: "bikes", obtainedInSale: true, optOutOfferedAtCollection: true, objected: false };

describe("recipientFacts", () => {
  it.each([
    ["a confirmed DOI subscriber of A", rows(), "ALLOW_CONSENT"],
    ["a pending signup", rows({ subscription: { status: "pending", confirmedAt: null } }), "DENY_CONSENT_PENDING"],
    ["unsubscribed, even without a suppression row", rows({ subscription: { status: "unsubscribed", unsubscribedAt: new Date("2025-02-01T00:00:00Z") } }), "DENY_SUPPRESSED"],
    ["a suppression for this newsletter", rows({ suppressions: [{ scope: "A", reason: "withdrawal", at: new Date("2025-02-01T00:00:00Z") }] }), "DENY_SUPPRESSED"],
    ["a suppression for another newsletter only", rows({ suppressions: [{ scope: "B", reason: "withdrawal", at: new Date("2025-02-01T00:00:00Z") }] }), "ALLOW_CONSENT"],
    ["an objection to all, then a DOI for this newsletter", rows({ subscription: { confirmedAt: new Date("2025-03-01T00:00:00Z") }, suppressions: [{ scope: "all", reason: "objection", at: new Date("2025-02-01T00:00:00Z") }] }), "ALLOW_CONSENT"],
    ["the same person on the customer basis: any entry blocks", rows({ subscription: { basis: "existing_customer", confirmedAt: new Date("2025-03-01T00:00:00Z") }, purchases: [purchase], suppressions: [{ scope: "all", reason: "objection", at: new Date("2025-02-01T00:00:00Z") }] }), "DENY_SUPPRESSED"],
    ["a withdrawal from another newsletter also blocks the customer basis", rows({ subscription: { basis: "existing_customer" }, purchases: [purchase], suppressions: [{ scope: "B", reason: "withdrawal", at: new Date("2025-02-01T00:00:00Z") }] }), "DENY_SUPPRESSED"],
    ["an erasure entry", rows({ suppressions: [{ scope: "all", reason: "erasure", at: new Date("2025-02-01T00:00:00Z") }] }), "DENY_SUPPRESSED"],
    ["no form version (proof incomplete)", rows({ subscription: { formVersionId: null }, formVersionNewsletterIds: null }), "DENY_CONSENT_PROOF_INCOMPLETE"],
    ["a form version that never offered this newsletter", rows({ formVersionNewsletterIds: ["B"] }), "DENY_CONSENT_WRONG_NEWSLETTER"],
    ["single opt-in while DOI is required", rows({ subscription: { method: "single_opt_in" } }), "DENY_DOI_REQUIRED_BY_POLICY"],
    ["no recorded method counts as single opt-in", rows({ subscription: { method: null } }), "DENY_DOI_REQUIRED_BY_POLICY"],
    ["pre-ticked", rows({ subscription: { preTicked: true } }), "DENY_CONSENT_PRETICKED"],
    ["a list-broker source without proof", rows({ subscription: { source: "list_broker" } }), "DENY_UNVERIFIED_SOURCE"],
    ["a legacy import", rows({ subscription: { source: "legacy" } }), "DENY_LEGACY_UNPROVEN"],
    ["a partner row naming us, proven by the partner's form text", rows({ subscription: { source: "partner", sourceProofNamesOrg: true, formVersionId: null, evidenceId: "ev1" }, formVersionNewsletterIds: null }), "ALLOW_CONSENT"],
    ["a broker row naming us, carrying only our form version (an old import)", rows({ subscription: { source: "list_broker", sourceProofNamesOrg: true } }), "DENY_CONSENT_PROOF_INCOMPLETE"],
    ["an own-form row with a partner's text instead of our form", rows({ subscription: { formVersionId: null, evidenceId: "ev1" }, formVersionNewsletterIds: null }), "DENY_CONSENT_PROOF_INCOMPLETE"],
    ["under 16 without a parent", rows({ subscriber: { ageBand: "under16" } }), "DENY_CHILD_PARENTAL_CONSENT_REQUIRED"],
    ["under 16 with a parent's consent", rows({ subscriber: { ageBand: "under16" }, subscription: { givenBy: "parent" } }), "ALLOW_CONSENT"],
    ["customer basis with a qualifying purchase", rows({ subscription: { basis: "existing_customer" }, purchases: [purchase] }), "ALLOW_EXISTING_CUSTOMER"],
    ["customer basis without purchases", rows({ subscription: { basis: "existing_customer" } }), "DENY_NOT_A_CUSTOMER"],
    ["customer who objected at checkout", rows({ subscription: { basis: "existing_customer" }, purchases: [{ ...purchase, objected: true }] }), "DENY_SUPPRESSED"],
    ["customer, address not from the sale", rows({ subscription: { basis: "existing_customer" }, purchases: [{ ...purchase, obtainedInSale: false }] }), "DENY_CONTACT_NOT_FROM_SALE"],
    ["customer, stale purchase", rows({ subscription: { basis: "existing_customer" }, purchases: [{ ...purchase, at: new Date("2022-01-01T00:00:00Z") }] }), "DENY_CUSTOMER_STALE"],
    ["customer of another category", rows({ subscription: { basis: "existing_customer" }, purchases: [{ ...purchase, category: "insurance" }] }), "DENY_NOT_SIMILAR_PRODUCT"],
  ])("%s → %s", (_label, r, reason) => {
    expect(decide(r)).toBe(reason);
  });

  it("the similar map extends the purchased category; the issue's declared categories are the message's", () => {
    const r = rows({ subscription: { basis: "existing_customer" }, purchases: [purchase] });
    expect(decide(r, { issue: { categories: ["bike-parts"] } })).toBe("ALLOW_EXISTING_CUSTOMER");
    expect(decide(r, { issue: { categories: ["bike-parts", "travel"] } })).toBe("DENY_NOT_SIMILAR_PRODUCT");
  });

  it("no silent fallback to the newsletter's categories: none declared is none", () => {
    const r = rows({ subscription: { basis: "existing_customer" }, purchases: [purchase] });
    expect(recipientFacts({ now, org, newsletter, issue: { ...issue, categories: [] }, message, rows: r }).message.categories).toEqual([]);
    expect(decide(r, { issue: { categories: [] } })).toBe("DENY_CUSTOMER_NO_CATEGORIES");
    expect(decide(r, { issue: { categories: null } })).toBe("DENY_CUSTOMER_NO_CATEGORIES");
    expect(decide(rows(), { issue: { categories: [] } })).toBe("ALLOW_CONSENT");
  });

  it("the declared basis: consent only leaves customers without a basis; consent subscribers are unaffected", () => {
    const customer = rows({ subscription: { basis: "existing_customer" }, purchases: [purchase] });
    expect(decide(customer, { issue: { basis: "consent" } })).toBe("DENY_NO_BASIS");
    expect(decide(rows(), { issue: { basis: "consent" } })).toBe("ALLOW_CONSENT");
    expect(decide(rows(), { issue: { basis: "existing_customer" } })).toBe("ALLOW_CONSENT");
  });

  it("a declared third-party offer excludes customers on any declaration", () => {
    const customer = rows({ subscription: { basis: "existing_customer" }, purchases: [purchase] });
    expect(decide(customer, { issue: { thirdPartyPromotion: true } })).toBe("DENY_THIRD_PARTY_NEEDS_CONSENT");
  });

  it("the message's own compliance decides E1", () => {
    expect(decide(rows(), { message: { unsubscribeLink: false } })).toBe("DENY_MISSING_UNSUBSCRIBE");
    expect(decide(rows(), { message: { listUnsubscribeHeaders: false } })).toBe("DENY_MISSING_LIST_UNSUBSCRIBE");
    expect(decide(rows(), { message: { senderIdentity: false } })).toBe("DENY_MISSING_SENDER_IDENTITY");
  });

  it("third-party promotion needs consent that covers it", () => {
    expect(decide(rows(), { issue: { thirdPartyPromotion: true } })).toBe("DENY_THIRD_PARTY_NEEDS_CONSENT");
    expect(decide(rows({ subscription: { thirdPartyOffers: true } }), { issue: { thirdPartyPromotion: true } })).toBe("ALLOW_CONSENT");
  });

  describe("purpose revisions", () => {
    // pv1 and pv2 are revision 1 (pv2 a cosmetic edit), pv3 revision 2 (a category was added)
    const revisions = (current: number): PurposeRevisions => ({ current, revisionOf: new Map([["pv1", 1], ["pv2", 1], ["pv3", 2]]) });
    it.each<[string, string | null, number, string]>([
      ["agreed to the current revision", "pv3", 2, "ALLOW_CONSENT"],
      ["agreed to a cosmetic edit of the current revision", "pv2", 1, "ALLOW_CONSENT"],
      ["agreed to an earlier revision", "pv1", 2, "DENY_CONSENT_PURPOSE_CHANGED"],
      ["no purpose version recorded counts as revision 1 (still current)", null, 1, "ALLOW_CONSENT"],
      ["no purpose version recorded counts as revision 1 (changed since)", null, 2, "DENY_CONSENT_PURPOSE_CHANGED"],
      ["a purpose version this newsletter does not know counts as revision 1", "elsewhere", 2, "DENY_CONSENT_PURPOSE_CHANGED"],
    ])("%s", (_n, purposeVersionId, current, reason) => {
      expect(decide(rows({ subscription: { purposeVersionId } }), { purpose: revisions(current) })).toBe(reason);
    });

    it("without purpose versions the purpose is not checked", () => {
      const facts = recipientFacts({ now, org, newsletter, issue, message, rows: rows({ subscription: { purposeVersionId: "pv1" } }) });
      expect(facts.message.purposeRevision).toBeNull();
      expect(facts.consent?.purposeRevision).toBeNull();
    });

    it("the re-permission mail is allowed only for those who agreed to an earlier revision", () => {
      const kind = "repermission-request" as const;
      expect(decide(rows({ subscription: { purposeVersionId: "pv1" } }), { purpose: revisions(2), kind })).toBe("ALLOW_REPERMISSION_REQUEST");
      expect(decide(rows({ subscription: { purposeVersionId: "pv1", status: "unsubscribed", unsubscribedAt: new Date("2025-03-01T00:00:00Z") } }), { purpose: revisions(2), kind })).toBe("DENY_SUPPRESSED");
      expect(decide(rows({ subscription: { purposeVersionId: "pv1", status: "pending", confirmedAt: null } }), { purpose: revisions(2), kind })).toBe("DENY_CONSENT_PENDING");
    });
  });
});
