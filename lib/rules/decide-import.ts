// Decides one CSV import row (R-IMPORT-THIRD-PARTY, R-PUBLIC-SOURCES, R-IMPORT-SUPPRESSION-CHECK,
// R-MIGRATION, R-RECONSENT-LEGACY, R-UNSUBSCRIBED-STAYS, R-CHILD-UNDER-16, R-CUSTOMER-*).
//
// Order (first match decides):
//  1. IMPORT_INVALID_EMAIL   the address is not valid
//  2. IMPORT_DUPLICATE       the address occurred earlier in the same file
//  3. SUPPRESSED             any suppression entry matches: never stored as subscribed (R-IMPORT-SUPPRESSION-CHECK)
//  4. IMPORT_EXISTING_KEPT   a subscription already exists: an import never overwrites its status,
//                            so an unsubscribe is never undone (R-UNSUBSCRIBED-STAYS)
//  5. DENY_CHILD_PARENTAL_CONSENT_REQUIRED  under 16 unless consent given by a parent (R-CHILD-UNDER-16)
//  6. basis none             DENY_NO_BASIS
//  7. basis consent          public source → DENY_PUBLIC_SOURCE; unknown source, or broker/partner without
//                            per-row proof naming this organisation → DENY_UNVERIFIED_SOURCE; full proof
//                            → ACCEPT_CONFIRMED; anything less → ACCEPT_PENDING, source 'legacy' when unproven
//  8. basis customer         as the send gate (checkCustomer; a newsletter without categories →
//                            DENY_CUSTOMER_NO_CATEGORIES) → otherwise ACCEPT_CUSTOMER
import type { ConsentMethod, ConsentSource, CustomerRelation } from "./facts";
import type { ImportReason } from "./reasons";
import { checkCustomer } from "./check-customer";

// Fields marked optional default to the conservative value (null / false / []).
export type ImportRowFacts = {
  now: string;
  emailValid: boolean;
  duplicateInFile: boolean;
  /** Any suppression entry (any scope) matches the address. */
  suppressed: boolean;
  existingSubscriptionStatus: null | "pending" | "confirmed" | "unsubscribed";
  basis: "consent" | "existing-customer" | "none";
  under16?: boolean | null;
  givenBy?: "subject" | "parent" | null;
  // Consent rows:
  source?: ConsentSource | null;
  /** Per-row proof: the form text/version or a proof document reference, and when consent was given. */
  proofReference?: string | null;
  consentAt?: string | null;
  /** When the consent was confirmed (DOI click, or the signed paper form). */
  confirmedAt?: string | null;
  method?: ConsentMethod | null;
  sourceProofNamesOrg?: boolean;
  /** Org policy (R-DOUBLE-OPT-IN); default true. */
  requireDoubleOptIn?: boolean;
  // Existing-customer rows:
  customerRelation?: CustomerRelation | null;
  purchaseAt?: string | null;
  purchaseCategory?: string | null;
  /** Categories the organisation's documented map lists as similar to purchaseCategory. */
  similarCategories?: string[];
  optOutOfferedAtCollection?: boolean;
  obtainedInSale?: boolean;
  newsletterCategories?: string[];
  /** Org policy (R-CUSTOMER-STALE); null = no limit. */
  customerWindowMonths: number | null;
};

export type ImportDecision = {
  accept: boolean;
  reason: ImportReason;
  ruleId: string;
  landAs?: "pending" | "confirmed";
  basis?: "consent" | "existing-customer";
  /** The consent source to store; rows without proof are stored as 'legacy' (R-MIGRATION). */
  consentSource?: ConsentSource;
};

const reject = (reason: ImportReason, ruleId: string): ImportDecision => ({ accept: false, reason, ruleId });

function decideConsentRow(row: ImportRowFacts): ImportDecision {
  const source = row.source ?? null;
  if (source === "public-source") return reject("DENY_PUBLIC_SOURCE", "R-PUBLIC-SOURCES");
  if (source === null) return reject("DENY_UNVERIFIED_SOURCE", "R-IMPORT-THIRD-PARTY");
  const hasProof = !!row.proofReference && !!row.consentAt;
  if ((source === "list-broker" || source === "partner") && !(row.sourceProofNamesOrg === true && hasProof)) {
    return reject("DENY_UNVERIFIED_SOURCE", "R-IMPORT-THIRD-PARTY");
  }
  // Confirmed only with everything the send gate will ask for (R-CONSENT-PROOF, R-DOUBLE-OPT-IN).
  // A legacy list is unproven by definition (R-RECONSENT-LEGACY).
  const doiOk = !(row.method === "single-opt-in" && (row.requireDoubleOptIn ?? true));
  if (source !== "legacy" && hasProof && !!row.confirmedAt && doiOk) {
    return { accept: true, reason: "ACCEPT_CONFIRMED", ruleId: "R-CONSENT-PROOF", landAs: "confirmed", basis: "consent", consentSource: source };
  }
  // Never confirmed on import. A pending import row must not be sent a confirmation mail: that would be
  // a re-permission mail, which is itself DM (R-RECONSENT-LEGACY).
  return {
    accept: true, reason: "ACCEPT_PENDING", ruleId: hasProof ? "R-DOUBLE-OPT-IN" : "R-MIGRATION",
    landAs: "pending", basis: "consent", consentSource: hasProof ? source : "legacy",
  };
}

function decideCustomerRow(row: ImportRowFacts): ImportDecision {
  const purchaseAt = row.purchaseAt ?? null;
  const relation = row.customerRelation ?? (purchaseAt ? "purchase" : null);
  const similar = row.similarCategories ?? [];
  const newsletterCategories = row.newsletterCategories ?? [];
  const reason = checkCustomer({
    channel: "email",
    now: row.now,
    customerWindowMonths: row.customerWindowMonths,
    customer: relation === null || purchaseAt === null ? null : {
      relation,
      obtainedInSale: row.obtainedInSale === true,
      optOutOfferedAtCollection: row.optOutOfferedAtCollection === true,
      // The purchased category is always similar to itself.
      similarCategories: row.purchaseCategory ? [row.purchaseCategory, ...similar] : similar,
      lastPurchaseAt: purchaseAt,
    },
    categories: newsletterCategories,
    thirdPartyPromotion: false, // a property of each issue, checked by the send gate
    assessmentDocumented: false, // post only
  });
  const ruleId: Record<string, string> = {
    DENY_NOT_A_CUSTOMER: "R-CUSTOMER-DEFINITION",
    DENY_CONTACT_NOT_FROM_SALE: "R-CUSTOMER-CONTACT-FROM-SALE",
    DENY_NO_OPTOUT_AT_COLLECTION: "R-CUSTOMER-OPTOUT-AT-COLLECTION",
    DENY_CUSTOMER_NO_CATEGORIES: "R-CUSTOMER-OWN-SIMILAR",
    DENY_NOT_SIMILAR_PRODUCT: "R-CUSTOMER-OWN-SIMILAR",
    DENY_CUSTOMER_STALE: "R-CUSTOMER-STALE",
  };
  if (reason !== "ALLOW_EXISTING_CUSTOMER") {
    return reject(reason as ImportReason, ruleId[reason] ?? "R-CUSTOMER-DEFINITION");
  }
  return { accept: true, reason: "ACCEPT_CUSTOMER", ruleId: "R-CUSTOMER-DEFINITION", landAs: "confirmed", basis: "existing-customer" };
}

export function decideImport(row: ImportRowFacts): ImportDecision {
  if (!row.emailValid) return reject("IMPORT_INVALID_EMAIL", "§3.2-import");
  if (row.duplicateInFile) return reject("IMPORT_DUPLICATE", "§3.2-import");
  if (row.suppressed) return reject("SUPPRESSED", "R-IMPORT-SUPPRESSION-CHECK");
  if (row.existingSubscriptionStatus !== null) return reject("IMPORT_EXISTING_KEPT", "R-UNSUBSCRIBED-STAYS");
  if (row.under16 === true && !(row.basis === "consent" && row.givenBy === "parent")) {
    return reject("DENY_CHILD_PARENTAL_CONSENT_REQUIRED", "R-CHILD-UNDER-16");
  }
  if (row.basis === "consent") return decideConsentRow(row);
  if (row.basis === "existing-customer") return decideCustomerRow(row);
  return reject("DENY_NO_BASIS", "R-BASIS-ELECTRONIC");
}
