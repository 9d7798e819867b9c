import { describe, it, expect } from "vitest";
import { decideImport, type ImportRowFacts } from "./decide-import";
import { IMPORT_REASONS } from "./reasons";

// A migrated DOI subscriber with full proof, who is also a recent bike customer.
const BASE: ImportRowFacts = {
  now: "2025-06-01T12:00:00Z",
  emailValid: true,
  duplicateInFile: false,
  suppressed: false,
  existingSubscriptionStatus: null,
  basis: "consent",
  source: "migration",
  proofReference: "mailchimp-form-2023-03.html",
  consentAt: "2023-03-01T10:00:00Z",
  confirmedAt: "2023-03-01T10:04:00Z",
  method: "double-opt-in",
  sourceProofNamesOrg: false,
  under16: false,
  givenBy: "subject",
  purchaseAt: "2025-01-15T00:00:00Z",
  purchaseCategory: "bikes",
  similarCategories: ["bike-parts"],
  optOutOfferedAtCollection: true,
  obtainedInSale: true,
  newsletterCategories: ["bikes", "bike-parts"],
  customerWindowMonths: 24,
};
const row = (o: Partial<ImportRowFacts>): ImportRowFacts => ({ ...BASE, ...o });
/** The partner's form text, in use since 2022, naming this organisation. */
const NAMES_ORG = { namesOrg: true, shownAt: "2022-01-01T00:00:00Z" };
const customer = (o: Partial<ImportRowFacts> = {}) => row({ basis: "existing-customer", source: null, ...o });

describe("decideImport", () => {
  it.each<[string, Partial<ImportRowFacts>, { accept: boolean; reason: string; landAs?: string; consentSource?: string }]>([
    // 1-4: hygiene, suppression, existing subscriptions, in that order
    ["invalid address", { emailValid: false, duplicateInFile: true, suppressed: true }, { accept: false, reason: "IMPORT_INVALID_EMAIL" }],
    ["duplicate before suppression", { duplicateInFile: true, suppressed: true }, { accept: false, reason: "IMPORT_DUPLICATE" }],
    ["suppressed address is never stored as subscribed", { suppressed: true, existingSubscriptionStatus: "unsubscribed" }, { accept: false, reason: "SUPPRESSED" }],
    ["an unsubscribed person is not re-added", { existingSubscriptionStatus: "unsubscribed" }, { accept: false, reason: "IMPORT_EXISTING_KEPT" }],
    ["a pending subscription is not upgraded", { existingSubscriptionStatus: "pending" }, { accept: false, reason: "IMPORT_EXISTING_KEPT" }],
    ["a confirmed subscription is not touched", { existingSubscriptionStatus: "confirmed", source: "legacy" }, { accept: false, reason: "IMPORT_EXISTING_KEPT" }],
    // 5: children
    ["child with own consent", { under16: true }, { accept: false, reason: "DENY_CHILD_PARENTAL_CONSENT_REQUIRED" }],
    ["child with parent's consent", { under16: true, givenBy: "parent" }, { accept: true, reason: "ACCEPT_CONFIRMED", landAs: "confirmed" }],
    ["age unknown", { under16: null }, { accept: true, reason: "ACCEPT_CONFIRMED", landAs: "confirmed" }],
    // 6: no basis
    ["no basis", { basis: "none" }, { accept: false, reason: "DENY_NO_BASIS" }],
    // 7: consent
    ["migration with full proof lands confirmed", {}, { accept: true, reason: "ACCEPT_CONFIRMED", landAs: "confirmed", consentSource: "migration" }],
    ["own-form export with full proof lands confirmed", { source: "own-form" }, { accept: true, reason: "ACCEPT_CONFIRMED", landAs: "confirmed", consentSource: "own-form" }],
    ["migration without proof lands pending as legacy", { proofReference: null }, { accept: true, reason: "ACCEPT_PENDING", landAs: "pending", consentSource: "legacy" }],
    ["migration without timestamp lands pending as legacy", { consentAt: null }, { accept: true, reason: "ACCEPT_PENDING", landAs: "pending", consentSource: "legacy" }],
    ["proof but never confirmed lands pending", { confirmedAt: null }, { accept: true, reason: "ACCEPT_PENDING", landAs: "pending", consentSource: "migration" }],
    ["single opt-in under a DOI policy lands pending", { method: "single-opt-in" }, { accept: true, reason: "ACCEPT_PENDING", landAs: "pending", consentSource: "migration" }],
    ["single opt-in with DOI policy off lands confirmed", { method: "single-opt-in", requireDoubleOptIn: false }, { accept: true, reason: "ACCEPT_CONFIRMED", landAs: "confirmed" }],
    ["a legacy list never lands confirmed", { source: "legacy" }, { accept: true, reason: "ACCEPT_PENDING", landAs: "pending", consentSource: "legacy" }],
    ["LinkedIn export", { source: "public-source" }, { accept: false, reason: "DENY_PUBLIC_SOURCE" }],
    ["undeclared source", { source: null }, { accept: false, reason: "DENY_UNVERIFIED_SOURCE" }],
    ["broker without proof naming the org", { source: "list-broker" }, { accept: false, reason: "DENY_UNVERIFIED_SOURCE" }],
    ["partner naming the org but without per-row proof", { source: "partner", sourceProofNamesOrg: true, proofReference: null }, { accept: false, reason: "DENY_UNVERIFIED_SOURCE" }],
    // broker/partner rows: inputs carry the partner's evidence since rows are proven by the text their people saw
    ["broker with per-row proof naming the org", { source: "list-broker", sourceProofNamesOrg: true, evidence: NAMES_ORG }, { accept: true, reason: "ACCEPT_CONFIRMED", landAs: "confirmed", consentSource: "list-broker" }],
    ["broker with proof, never confirmed", { source: "list-broker", sourceProofNamesOrg: true, confirmedAt: null, evidence: NAMES_ORG }, { accept: true, reason: "ACCEPT_PENDING", landAs: "pending", consentSource: "list-broker" }],
  ])("consent row: %s", (_n, o, expected) => {
    expect(decideImport(row(o))).toMatchObject(expected);
  });

  it.each<[string, Partial<ImportRowFacts>, { accept: boolean; reason: string; landAs?: string; basis?: string; ruleId?: string }]>([
    ["recent bike customer", {}, { accept: true, reason: "ACCEPT_CUSTOMER", landAs: "confirmed", basis: "existing-customer" }],
    ["purchased category counts as similar to itself", { similarCategories: [], newsletterCategories: ["bikes"] }, { accept: true, reason: "ACCEPT_CUSTOMER" }],
    ["no purchase date", { purchaseAt: null }, { accept: false, reason: "DENY_NOT_A_CUSTOMER" }],
    ["account holder", { customerRelation: "account-only" }, { accept: false, reason: "DENY_NOT_A_CUSTOMER" }],
    ["address not from the sale", { obtainedInSale: false }, { accept: false, reason: "DENY_CONTACT_NOT_FROM_SALE" }],
    ["no opt-out at checkout", { optOutOfferedAtCollection: false }, { accept: false, reason: "DENY_NO_OPTOUT_AT_COLLECTION" }],
    ["opt-out unknown (field absent)", { optOutOfferedAtCollection: undefined }, { accept: false, reason: "DENY_NO_OPTOUT_AT_COLLECTION" }],
    ["unrelated newsletter", { newsletterCategories: ["bikes", "insurance"] }, { accept: false, reason: "DENY_NOT_SIMILAR_PRODUCT" }],
    ["newsletter without categories", { newsletterCategories: [] }, { accept: false, reason: "DENY_CUSTOMER_NO_CATEGORIES", ruleId: "R-CUSTOMER-OWN-SIMILAR" }],
    ["24 whole months since purchase", { purchaseAt: "2023-06-01T12:00:00Z" }, { accept: false, reason: "DENY_CUSTOMER_STALE" }],
    ["23 months since purchase", { purchaseAt: "2023-07-01T12:00:00Z" }, { accept: true, reason: "ACCEPT_CUSTOMER" }],
    ["no window", { purchaseAt: "2010-01-01T00:00:00Z", customerWindowMonths: null }, { accept: true, reason: "ACCEPT_CUSTOMER" }],
    ["customer under 16", { under16: true, givenBy: "parent" }, { accept: false, reason: "DENY_CHILD_PARENTAL_CONSENT_REQUIRED" }],
    ["suppressed customer", { suppressed: true }, { accept: false, reason: "SUPPRESSED" }],
  ])("customer row: %s", (_n, o, expected) => {
    expect(decideImport(customer(o))).toMatchObject(expected);
  });

  it.each<[string, Partial<ImportRowFacts>, Record<string, unknown>]>([
    ["partner row: the partner's evidence, never our form version", { source: "partner", sourceProofNamesOrg: null, evidence: NAMES_ORG, formVersionId: "fv-ours", fileProofReference: "file" },
      { accept: true, reason: "ACCEPT_CONFIRMED", proof: "third-party-evidence", proofReference: "mailchimp-form-2023-03.html", sourceProofNamesOrg: true, confirmedAt: "2023-03-01T10:04:00Z" }],
    ["partner evidence that does not name the org", { source: "partner", evidence: { namesOrg: false, shownAt: null } }, { accept: false, reason: "DENY_UNVERIFIED_SOURCE", ruleId: "R-IMPORT-THIRD-PARTY" }],
    ["the row's own 'no' narrows the evidence", { source: "partner", evidence: NAMES_ORG, sourceProofNamesOrg: false }, { accept: false, reason: "DENY_UNVERIFIED_SOURCE" }],
    ["the row's own 'yes' cannot widen evidence that does not name the org", { source: "list-broker", evidence: { namesOrg: false, shownAt: null }, sourceProofNamesOrg: true }, { accept: false, reason: "DENY_UNVERIFIED_SOURCE" }],
    ["our form version alone is no proof for a broker row", { source: "list-broker", sourceProofNamesOrg: true, formVersionId: "fv-ours" }, { accept: false, reason: "DENY_UNVERIFIED_SOURCE" }],
    ["file-level proof does not count for a broker row", { source: "list-broker", sourceProofNamesOrg: null, evidence: NAMES_ORG, proofReference: null, fileProofReference: "file" }, { accept: false, reason: "DENY_UNVERIFIED_SOURCE" }],
    ["consent given before the partner's text was in use", { source: "partner", sourceProofNamesOrg: null, evidence: { namesOrg: true, shownAt: "2024-01-01T00:00:00Z" } }, { accept: false, reason: "DENY_UNVERIFIED_SOURCE" }],
    ["partner row without a consent date", { source: "partner", sourceProofNamesOrg: null, evidence: { namesOrg: true, shownAt: null }, consentAt: null }, { accept: false, reason: "DENY_UNVERIFIED_SOURCE" }],
    ["partner evidence without a date, row with one", { source: "partner", sourceProofNamesOrg: null, evidence: { namesOrg: true, shownAt: null } }, { accept: true, reason: "ACCEPT_CONFIRMED", proof: "third-party-evidence" }],
    ["own-form row carries our declared form version", { source: "own-form", formVersionId: "fv-ours" }, { accept: true, reason: "ACCEPT_CONFIRMED", proof: "form-version", proofReference: "mailchimp-form-2023-03.html", sourceProofNamesOrg: false }],
    ["own-form row falls back to the file's proof, then to the form version", { source: "own-form", proofReference: null, fileProofReference: "archive.zip", formVersionId: "fv-ours" }, { accept: true, reason: "ACCEPT_CONFIRMED", proof: "form-version", proofReference: "archive.zip" }],
    ["the declared form version is itself a proof reference", { source: "own-form", proofReference: null, formVersionId: "fv-ours" }, { accept: true, reason: "ACCEPT_CONFIRMED", proof: "form-version", proofReference: "form-version:fv-ours" }],
    ["migration without a declared form version carries none", {}, { accept: true, reason: "ACCEPT_CONFIRMED", proof: null }],
    ["an unproven row carries no form version", { source: "own-form", consentAt: null, formVersionId: "fv-ours" }, { accept: true, reason: "ACCEPT_PENDING", proof: null, consentSource: "legacy", confirmedAt: null }],
    ["a legacy list carries no form version", { source: "legacy", formVersionId: "fv-ours" }, { accept: true, reason: "ACCEPT_PENDING", proof: null }],
    ["a pending row stores no confirmation time", { confirmedAt: null, formVersionId: "fv-ours" }, { accept: true, reason: "ACCEPT_PENDING", proof: "form-version", confirmedAt: null }],
  ])("which proof a consent row carries: %s", (_n, o, expected) => {
    expect(decideImport(row(o))).toMatchObject(expected);
  });

  it("never lands an accepted row without a status, and never confirms a row without proof", () => {
    const variants: Partial<ImportRowFacts>[] = [
      {}, { proofReference: null }, { source: "legacy" }, { source: "own-form", consentAt: null }, { confirmedAt: null },
    ];
    for (const v of variants) {
      const d = decideImport(row(v));
      expect(d.accept).toBe(true);
      expect(d.landAs).toBeDefined();
      if (!row(v).proofReference || !row(v).consentAt) expect(d.landAs).toBe("pending");
    }
  });

  it("every decision carries a known reason and a rule ID", () => {
    const d = decideImport(row({ source: "public-source" }));
    expect(IMPORT_REASONS).toContain(d.reason);
    expect(d.ruleId).toBe("R-PUBLIC-SOURCES");
  });
});
