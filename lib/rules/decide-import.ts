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
//                            their own evidence (the third party's form text, uploaded with the import) that
//                            names this organisation, per-row proof and a consent date not before that text's
//                            date → DENY_UNVERIFIED_SOURCE; full proof → ACCEPT_CONFIRMED; anything less →
//                            ACCEPT_PENDING, source 'legacy' when unproven.
//                            The answer says which proof the stored row carries: broker/partner rows the third
//                            party's evidence and never our form version (their people never saw it); own-form
//                            and migration rows our declared form version, when they are proven.
//  8. basis customer         as the send gate (checkCustomer; a newsletter without categories →
//                            DENY_CUSTOMER_NO_CATEGORIES) → otherwise ACCEPT_CUSTOMER
import type { ConsentMethod, ConsentProof, ConsentSource, CustomerRelation } from "./facts";
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
  /** The row's own proof reference (a proof document, the partner's record id), and when consent was given. */
  proofReference?: string | null;
  consentAt?: string | null;
  /** When the consent was confirmed (DOI click, or the signed paper form). */
  confirmedAt?: string | null;
  method?: ConsentMethod | null;
  /** The file's proof reference (archive of signed forms); counts for own-form and migration rows only. */
  fileProofReference?: string | null;
  /** Our form version the file declares its people saw; counts for own-form and migration rows only. */
  formVersionId?: string | null;
  /** The third party's own form text uploaded with the import (broker/partner rows): its date, whether it names us. */
  evidence?: { namesOrg: boolean; shownAt: string | null } | null;
  /** The row's own statement whether its proof names this organisation: can narrow the evidence, never widen it. */
  sourceProofNamesOrg?: boolean | null;
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
  // Consent rows: what the stored row carries.
  /** form-version: store the declared formVersionId; third-party-evidence: store the evidence, formVersionId null. */
  proof?: ConsentProof | null;
  proofReference?: string | null;
  sourceProofNamesOrg?: boolean;
  /** Stored only when the row lands confirmed. */
  confirmedAt?: string | null;
};

const reject = (reason: ImportReason, ruleId: string): ImportDecision => ({ accept: false, reason, ruleId });

function decideConsentRow(row: ImportRowFacts): ImportDecision {
  const source = row.source ?? null;
  if (source === "public-source") return reject("DENY_PUBLIC_SOURCE", "R-PUBLIC-SOURCES");
  if (source === null) return reject("DENY_UNVERIFIED_SOURCE", "R-IMPORT-THIRD-PARTY");
  const consentAt = row.consentAt ?? null;
  const thirdParty = source === "list-broker" || source === "partner";
  let proof: ConsentProof | null;
  let proofReference: string | null;
  let namesOrg = false;
  if (thirdParty) {
    // R-IMPORT-THIRD-PARTY: the third party's own text, naming us, plus per-row proof. A file-level proof or our
    // form version says nothing about what these people were shown.
    const ev = row.evidence ?? null;
    namesOrg = ev !== null && ev.namesOrg && row.sourceProofNamesOrg !== false;
    proofReference = row.proofReference || null;
    // Consent given before the partner's text was in use was given on some other text.
    const sawThisText = ev !== null && consentAt !== null && (ev.shownAt === null || Date.parse(consentAt) >= Date.parse(ev.shownAt));
    if (!(namesOrg && proofReference && sawThisText)) return reject("DENY_UNVERIFIED_SOURCE", "R-IMPORT-THIRD-PARTY");
    proof = "third-party-evidence";
  } else {
    const formVersionId = row.formVersionId || null;
    proofReference = row.proofReference || row.fileProofReference || (formVersionId ? `form-version:${formVersionId}` : null);
    // A legacy list's people may never have seen our form: it carries no form version.
    proof = source !== "legacy" && formVersionId && proofReference && consentAt ? "form-version" : null;
  }
  const hasProof = !!proofReference && !!consentAt;
  const stored = { basis: "consent" as const, proof, proofReference, sourceProofNamesOrg: namesOrg };
  // Confirmed only with everything the send gate will ask for (R-CONSENT-PROOF, R-DOUBLE-OPT-IN).
  // A legacy list is unproven by definition (R-RECONSENT-LEGACY).
  const doiOk = !(row.method === "single-opt-in" && (row.requireDoubleOptIn ?? true));
  if (source !== "legacy" && hasProof && !!row.confirmedAt && doiOk) {
    return { accept: true, reason: "ACCEPT_CONFIRMED", ruleId: "R-CONSENT-PROOF", landAs: "confirmed", consentSource: source, confirmedAt: row.confirmedAt, ...stored };
  }
  // Never confirmed on import. A pending import row must not be sent a confirmation mail: that would be
  // a re-permission mail, which is itself DM (R-RECONSENT-LEGACY).
  return {
    accept: true, reason: "ACCEPT_PENDING", ruleId: hasProof ? "R-DOUBLE-OPT-IN" : "R-MIGRATION",
    landAs: "pending", consentSource: hasProof ? source : "legacy", confirmedAt: null, ...stored,
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
