// E4 for basis=consent, in the catalogue's order (§2.2). Returns the first failing reason or ALLOW_CONSENT.
import type { Facts } from "./facts";
import type { SendReason } from "./reasons";

export function checkConsent(facts: Facts): SendReason {
  const c = facts.consent;
  // Claiming consent without any consent record: there is nothing to check, so no basis.
  if (c === null) return "DENY_NO_BASIS";
  if (c.source === "public-source") return "DENY_PUBLIC_SOURCE"; // R-PUBLIC-SOURCES
  if (c.source === "legacy") return "DENY_LEGACY_UNPROVEN"; // R-RECONSENT-LEGACY
  if ((c.source === "list-broker" || c.source === "partner") && !c.sourceProofNamesOrg) {
    return "DENY_UNVERIFIED_SOURCE"; // R-IMPORT-THIRD-PARTY
  }
  if (c.preTicked) return "DENY_CONSENT_PRETICKED"; // R-CONSENT-UNCHECKED
  if (c.bundled) return "DENY_CONSENT_BUNDLED"; // R-CONSENT-NOT-IN-TERMS
  if (c.conditional) return "DENY_CONSENT_CONDITIONAL"; // R-CONSENT-FREE, R-HOTEL-EMAIL-VOLUNTARY
  if (c.status === "pending") return "DENY_CONSENT_PENDING"; // R-DOUBLE-OPT-IN
  if (c.confirmedAt === null || !proofShown(c)) return "DENY_CONSENT_PROOF_INCOMPLETE"; // R-CONSENT-PROOF
  if (c.method === "single-opt-in" && facts.org.requireDoubleOptIn) return "DENY_DOI_REQUIRED_BY_POLICY";
  if (!c.newsletterIds.includes(facts.message.newsletterId)) return "DENY_CONSENT_WRONG_NEWSLETTER"; // R-CONSENT-PER-NEWSLETTER
  if (purposeChanged(facts)) return "DENY_CONSENT_PURPOSE_CHANGED"; // R-CONSENT-PER-NEWSLETTER, R-CONSENT-INFORMED
  if (facts.message.thirdPartyPromotion && !c.thirdPartyOffers) return "DENY_THIRD_PARTY_NEEDS_CONSENT"; // R-HOSTMAILING
  return "ALLOW_CONSENT";
}

// R-CONSENT-PROOF, R-IMPORT-THIRD-PARTY: the proof must be of the text the person actually saw. A broker's or
// partner's people never saw our form, so only the third party's own form text proves their consent; our own
// and migrated people are proven by our form version. Without `proof` (catalogue §2.1 facts) the form version
// is the proof, whatever the source, as §2.2 reads.
function proofShown(c: NonNullable<Facts["consent"]>): boolean {
  if (c.proof === undefined) return c.formVersionId !== null;
  const thirdParty = c.source === "list-broker" || c.source === "partner";
  return thirdParty ? c.proof === "third-party-evidence" : c.proof === "form-version" && c.formVersionId !== null;
}

/** The consent names another material purpose revision than the newsletter's current one (both known). */
export function purposeChanged(facts: Facts): boolean {
  const agreed = facts.consent?.purposeRevision;
  const current = facts.message.purposeRevision;
  return agreed != null && current != null && agreed !== current;
}
