import type { SuppressionCause } from "./suppression-cause";

// Every reason code and obligation ID the rules module can return, as `as const` lists so the UI,
// the pre-send report and the tests share one spelling. Codes are those of catalogue §2.2/§3.

/** Send-gate outcomes (catalogue §2.2), in evaluation order. */
export const SEND_REASONS = [
  "ALLOW_TRANSACTIONAL",
  "ALLOW_CONFIRMATION_REQUEST",
  "ALLOW_REPERMISSION_REQUEST",
  "DENY_MISSING_UNSUBSCRIBE",
  "DENY_MISSING_LIST_UNSUBSCRIBE",
  "DENY_MISSING_SENDER_IDENTITY",
  "DENY_CALLER_ID_HIDDEN",
  "DENY_SUPPRESSED",
  "DENY_CHILD_PARENTAL_CONSENT_REQUIRED",
  "DENY_PUBLIC_SOURCE",
  "DENY_LEGACY_UNPROVEN",
  "DENY_UNVERIFIED_SOURCE",
  "DENY_CONSENT_PRETICKED",
  "DENY_CONSENT_BUNDLED",
  "DENY_CONSENT_CONDITIONAL",
  "DENY_CONSENT_PENDING",
  "DENY_CONSENT_PROOF_INCOMPLETE",
  "DENY_DOI_REQUIRED_BY_POLICY",
  "DENY_CONSENT_WRONG_NEWSLETTER",
  "DENY_CONSENT_PURPOSE_CHANGED",
  "DENY_THIRD_PARTY_NEEDS_CONSENT",
  "ALLOW_CONSENT",
  "DENY_NOT_A_CUSTOMER",
  "DENY_CONTACT_NOT_FROM_SALE",
  "DENY_NO_OPTOUT_AT_COLLECTION",
  "DENY_CUSTOMER_NO_CATEGORIES",
  "DENY_NOT_SIMILAR_PRODUCT",
  "DENY_CUSTOMER_STALE",
  "DENY_ASSESSMENT_MISSING",
  "ALLOW_EXISTING_CUSTOMER",
  "DENY_B2B_EXCEPTION_NOT_APPLICABLE",
  "DENY_B2B_NO_CONSENT",
  "ALLOW_B2B_PUBLISHED_ADDRESS",
  "DENY_NON_EEA_LOCAL_RULES_NOT_MET",
  "ALLOW_B2B_NON_EEA",
  "DENY_LI_NOT_VALID_ELECTRONIC",
  "DENY_POSTFILTER",
  "ALLOW_LEGITIMATE_INTEREST",
  "ALLOW_CHARITY_SUPPORTER",
  "ALLOW_PUBLISHED_FOR_SALES",
  "DENY_NO_BASIS",
] as const;
export type SendReason = (typeof SEND_REASONS)[number];

/** Export gate (decideExport: R-CONSENT-PROOF, R-SHARE-THIRD-PARTY). Not returned by decideSend. */
export const EXPORT_REASONS = ["ALLOW_PROOF_EXPORT", "ALLOW_SHARE_CONSENT", "DENY_SHARE_NO_CONSENT"] as const;
export type ExportReason = (typeof EXPORT_REASONS)[number];

/** CSV import outcomes (decideImport), in evaluation order. */
export const IMPORT_REASONS = [
  "IMPORT_INVALID_EMAIL",
  "IMPORT_DUPLICATE",
  "SUPPRESSED",
  "IMPORT_EXISTING_KEPT",
  "DENY_CHILD_PARENTAL_CONSENT_REQUIRED",
  "DENY_NO_BASIS",
  "DENY_PUBLIC_SOURCE",
  "DENY_UNVERIFIED_SOURCE",
  "ACCEPT_CONFIRMED",
  "ACCEPT_PENDING",
  "DENY_NOT_A_CUSTOMER",
  "DENY_CONTACT_NOT_FROM_SALE",
  "DENY_NO_OPTOUT_AT_COLLECTION",
  "DENY_CUSTOMER_NO_CATEGORIES",
  "DENY_NOT_SIMILAR_PRODUCT",
  "DENY_CUSTOMER_STALE",
  "ACCEPT_CUSTOMER",
  // Checks of the file itself, made by lib/imports after decideImport (appended: stored reports index this list).
  "IMPORT_CONSENT_DATE_FUTURE",
  "IMPORT_CONSENT_DATE_BEFORE_NEWSLETTER",
  "IMPORT_CONSENT_DATE_UNREADABLE",
  "IMPORT_OTHER_NEWSLETTER",
] as const;
export type ImportReason = (typeof IMPORT_REASONS)[number];

/** Signup-form lint violations (lintForm, catalogue §3.2). */
export const FORM_VIOLATIONS = [
  "FORM_NO_CHECKBOX",
  "FORM_PRECHECKED",
  "FORM_SEVERAL_NEWSLETTERS_ONE_BOX",
  "FORM_CHECKBOX_WITHOUT_NEWSLETTER",
  "FORM_CHECKBOX_UNLABELLED",
  "FORM_MISSING_PURPOSE",
  "FORM_MISSING_CONTROLLER",
  "FORM_MISSING_CONTROLLER_CONTACT",
  "FORM_MISSING_PRIVACY_LINK",
  "FORM_MISSING_DATA_STATEMENT",
  "FORM_MISSING_RETENTION",
  "FORM_RETENTION_DRIFT",
  "FORM_MISSING_WITHDRAWAL",
  "FORM_BUNDLED_WITH_TERMS",
  "FORM_CONSENT_CONDITIONAL",
  "FORM_EMAIL_NOT_VOLUNTARY",
  "FORM_NAME_REQUIRED",
  "FORM_FIELD_WITHOUT_PURPOSE",
  "FORM_THIRD_PARTY_NOT_NAMED",
  "FORM_THIRD_PARTY_NO_SEPARATE_BOX",
  "FORM_NO_PARENTAL_CONSENT_FLOW",
  "FORM_MISSING_PROOF_STATEMENT",
  "FORM_PROOF_STATEMENT_DRIFT",
  "FORM_MISSING_LEGAL_BASIS",
] as const;
export type FormViolation = (typeof FORM_VIOLATIONS)[number];

/** Signup outcomes of the age question (decideSignupAge, R-CHILD-UNDER-16), in evaluation order. */
export const SIGNUP_AGE_REASONS = [
  "SIGNUP_AGE_NOT_ASKED",
  "SIGNUP_AGE_UNANSWERED",
  "ACCEPT_OWN_CONSENT",
  "SIGNUP_GUARDIAN_REQUIRED",
  "SIGNUP_GUARDIAN_INVALID",
  "SIGNUP_GUARDIAN_SAME_ADDRESS",
  "ACCEPT_PARENTAL_CONSENT",
] as const;
export type SignupAgeReason = (typeof SIGNUP_AGE_REASONS)[number];

/** Which form version a signup is recorded against (decideFormVersion, R-CONSENT-INFORMED). */
export const FORM_VERSION_REASONS = [
  "FORM_VERSION_CURRENT",
  "FORM_VERSION_SAME_TEXT",
  "FORM_VERSION_TEXT_CHANGED",
] as const;
export type FormVersionReason = (typeof FORM_VERSION_REASONS)[number];

/** Purge-job outcomes (retentionAction). */
export const RETENTION_REASONS = [
  "RET_ACTIVE_SUBSCRIPTION",
  "RET_OTHER_BASIS",
  "RET_IN_GRACE",
  "RET_PENDING_EXPIRED",
  "RET_PURPOSE_ENDED",
  "RET_PROOF_PERIOD",
  "RET_PROOF_EXPIRED",
  "RET_ALREADY_ERASED",
] as const;
export type RetentionReason = (typeof RETENTION_REASONS)[number];

/** Problems with an issue's declaration (checkDeclaration): an issue with any of them cannot be sent or scheduled. */
export const DECLARATION_PROBLEMS = [
  "DECL_CATEGORIES_MISSING",
  "DECL_UNKNOWN_CATEGORY",
  "DECL_THIRD_PARTY_UNANSWERED",
  "DECL_BASIS_MISSING",
  "DECL_NOT_CONFIRMED",
] as const;
export type DeclarationProblemCode = (typeof DECLARATION_PROBLEMS)[number];

/** Why a whole subscriber was erased on request (decideErasure); the purge's erasures carry a RET_* code. */
export const ERASURE_REQUESTS = [
  "subject-request",
  "admin-request",
] as const;
export type ErasureRequestReason = (typeof ERASURE_REQUESTS)[number];

/** What a withdrawal or objection records (decideWithdrawal, R-UNSUB-SCOPE). */
export const WITHDRAWAL_REASONS = [
  "WITHDRAW_AS_REQUESTED",
  "OBJECTION_AS_REQUESTED",
  "WITHDRAW_CUSTOMER_ALL",
] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

/** What an inbound bounce, complaint or reply does (decideInbound). */
export const INBOUND_REASONS = [
  "INBOUND_UNMATCHED",
  "INBOUND_HARD_BOUNCE",
  "INBOUND_SOFT_BOUNCE_COUNTED",
  "INBOUND_SOFT_BOUNCE_LIMIT",
  "INBOUND_COMPLAINT",
  "INBOUND_REPLY_UNSUBSCRIBE",
  "INBOUND_ALREADY_SUPPRESSED",
  "INBOUND_NOTHING_TO_DO",
  // Staff acting on an unmatched message (decideStaffInbound).
  "INBOUND_STAFF_BOUNCE",
  "INBOUND_STAFF_COMPLAINT",
  "INBOUND_STAFF_UNSUBSCRIBE",
  "INBOUND_STAFF_NOT_ACTIONABLE",
] as const;
export type InboundReason = (typeof INBOUND_REASONS)[number];

/** Obligations a sender must fulfil when a message is allowed (catalogue §3.1). */
export const OBLIGATIONS = [
  "O-UNSUB-LINK",
  "O-LIST-UNSUBSCRIBE",
  "O-SENDER-IDENTITY",
  "O-WHY-YOU-GET-THIS",
  "O-CONFIRMATION-MAIL",
  "O-OTHER-CHANNELS",
] as const;
export type Obligation = (typeof OBLIGATIONS)[number];

export type ReasonCode = SuppressionCause | SendReason | ExportReason | ImportReason | SignupAgeReason | FormVersionReason | ErasureRequestReason | WithdrawalReason | InboundReason;
export type Lang = "nl" | "en";

/**
 * Short labels meant to follow a count in the admin's pre-send and import reports
 * ("3 objected or unsubscribed", "120 waiting for confirmation").
 */
const LABELS: Record<ReasonCode, { en: string; nl: string }> = {
  ALLOW_TRANSACTIONAL: { en: "service message (no promotion)", nl: "servicebericht (geen reclame)" },
  ALLOW_CONFIRMATION_REQUEST: { en: "confirmation request", nl: "bevestigingsverzoek" },
  ALLOW_REPERMISSION_REQUEST: { en: "request to accept the changed purpose", nl: "verzoek om het gewijzigde doel te accepteren" },
  ALLOW_CONSENT: { en: "subscribed with consent", nl: "ingeschreven met toestemming" },
  ALLOW_EXISTING_CUSTOMER: { en: "existing customer", nl: "bestaande klant" },
  ALLOW_B2B_PUBLISHED_ADDRESS: { en: "company address published for offers", nl: "bedrijfsadres gepubliceerd voor aanbiedingen" },
  ALLOW_B2B_NON_EEA: { en: "company outside the EEA", nl: "bedrijf buiten de EER" },
  ALLOW_LEGITIMATE_INTEREST: { en: "legitimate interest (post)", nl: "gerechtvaardigd belang (post)" },
  ALLOW_CHARITY_SUPPORTER: { en: "charity supporter", nl: "achterban van goed doel" },
  ALLOW_PUBLISHED_FOR_SALES: { en: "number published for sales calls", nl: "nummer gepubliceerd voor verkoopgesprekken" },
  DENY_MISSING_UNSUBSCRIBE: { en: "message has no unsubscribe link", nl: "bericht zonder afmeldlink" },
  DENY_MISSING_LIST_UNSUBSCRIBE: { en: "message lacks List-Unsubscribe headers", nl: "bericht zonder List-Unsubscribe-headers" },
  DENY_MISSING_SENDER_IDENTITY: { en: "message does not identify the sender", nl: "afzender niet herkenbaar" },
  DENY_CALLER_ID_HIDDEN: { en: "caller ID hidden", nl: "nummerherkenning uit" },
  DENY_SUPPRESSED: { en: "unsubscribed or objected", nl: "afgemeld of bezwaar gemaakt" },
  DENY_CHILD_PARENTAL_CONSENT_REQUIRED: { en: "under 16 without parental consent", nl: "jonger dan 16 zonder toestemming ouder" },
  DENY_PUBLIC_SOURCE: { en: "address from a public source", nl: "adres uit openbare bron" },
  DENY_LEGACY_UNPROVEN: { en: "old list without proof of consent", nl: "oud bestand zonder bewijs van toestemming" },
  DENY_UNVERIFIED_SOURCE: { en: "third-party source without proof", nl: "externe bron zonder bewijs" },
  DENY_CONSENT_PRETICKED: { en: "consent by pre-ticked box", nl: "toestemming via vooraf aangevinkt vakje" },
  DENY_CONSENT_BUNDLED: { en: "consent bundled with terms", nl: "toestemming verstopt in voorwaarden" },
  DENY_CONSENT_CONDITIONAL: { en: "consent was a condition", nl: "toestemming was verplicht gesteld" },
  DENY_CONSENT_PENDING: { en: "waiting for confirmation", nl: "wacht op bevestiging" },
  DENY_CONSENT_PROOF_INCOMPLETE: { en: "proof of consent incomplete", nl: "bewijs van toestemming onvolledig" },
  DENY_DOI_REQUIRED_BY_POLICY: { en: "single opt-in (double opt-in required)", nl: "enkele opt-in (dubbele opt-in vereist)" },
  DENY_CONSENT_WRONG_NEWSLETTER: { en: "consent for another newsletter", nl: "toestemming voor andere nieuwsbrief" },
  DENY_CONSENT_PURPOSE_CHANGED: { en: "consented to an earlier purpose of this newsletter", nl: "toestemming voor een eerder doel van deze nieuwsbrief" },
  DENY_THIRD_PARTY_NEEDS_CONSENT: { en: "third-party offer without consent", nl: "aanbod van derden zonder toestemming" },
  DENY_NOT_A_CUSTOMER: { en: "not a customer", nl: "geen klant" },
  DENY_CONTACT_NOT_FROM_SALE: { en: "address not obtained in a sale", nl: "adres niet verkregen bij verkoop" },
  DENY_NO_OPTOUT_AT_COLLECTION: { en: "no opt-out offered at collection", nl: "geen afmeldmogelijkheid bij verkrijgen" },
  DENY_CUSTOMER_NO_CATEGORIES: { en: "no categories, so no similar product can be shown", nl: "geen categorieën, dus geen soortgelijk product aan te tonen" },
  DENY_NOT_SIMILAR_PRODUCT: { en: "not a similar product", nl: "geen soortgelijk product" },
  DENY_CUSTOMER_STALE: { en: "customer relation too old", nl: "klantrelatie te oud" },
  DENY_ASSESSMENT_MISSING: { en: "assessment not documented", nl: "afweging niet vastgelegd" },
  DENY_B2B_EXCEPTION_NOT_APPLICABLE: { en: "business exception does not apply (natural person)", nl: "zakelijke uitzondering geldt niet (natuurlijk persoon)" },
  DENY_B2B_NO_CONSENT: { en: "company without consent", nl: "bedrijf zonder toestemming" },
  DENY_NON_EEA_LOCAL_RULES_NOT_MET: { en: "local rules outside the EEA not met", nl: "lokale regels buiten de EER niet nageleefd" },
  DENY_LI_NOT_VALID_ELECTRONIC: { en: "legitimate interest is no basis for e-mail/SMS/app", nl: "gerechtvaardigd belang geldt niet voor e-mail/sms/app" },
  DENY_POSTFILTER: { en: "registered in the Postfilter", nl: "ingeschreven bij het Postfilter" },
  DENY_NO_BASIS: { en: "no basis to send", nl: "geen grondslag" },
  ALLOW_PROOF_EXPORT: { en: "exported as proof of consent", nl: "geëxporteerd als bewijs van toestemming" },
  ALLOW_SHARE_CONSENT: { en: "consented to sharing with third parties", nl: "toestemming om te delen met derden" },
  DENY_SHARE_NO_CONSENT: { en: "no consent to share with third parties", nl: "geen toestemming om te delen met derden" },
  IMPORT_INVALID_EMAIL: { en: "invalid e-mail address", nl: "ongeldig e-mailadres" },
  IMPORT_DUPLICATE: { en: "duplicate in file", nl: "dubbel in bestand" },
  SUPPRESSED: { en: "on the suppression list", nl: "op de afmeldlijst" },
  IMPORT_EXISTING_KEPT: { en: "already known (left unchanged)", nl: "al bekend (ongewijzigd gelaten)" },
  IMPORT_CONSENT_DATE_FUTURE: { en: "consent date lies in the future: correct the date in the file", nl: "toestemmingsdatum ligt in de toekomst: verbeter de datum in het bestand" },
  IMPORT_CONSENT_DATE_BEFORE_NEWSLETTER: { en: "consent date is before the newsletter existed: correct the date, or the date the newsletter started", nl: "toestemmingsdatum ligt voor het begin van de nieuwsbrief: verbeter de datum, of de startdatum van de nieuwsbrief" },
  IMPORT_CONSENT_DATE_UNREADABLE: { en: "consent date is not a date (use 2024-05-01 or 2024-05-01 10:00)", nl: "toestemmingsdatum is geen datum (gebruik 2024-05-01 of 2024-05-01 10:00)" },
  IMPORT_OTHER_NEWSLETTER: { en: "the row names another newsletter: import it into that one", nl: "de rij noemt een andere nieuwsbrief: importeer haar daarin" },
  ACCEPT_CONFIRMED: { en: "imported as confirmed", nl: "geïmporteerd als bevestigd" },
  ACCEPT_PENDING: { en: "imported as pending", nl: "geïmporteerd als onbevestigd" },
  ACCEPT_CUSTOMER: { en: "imported as customer", nl: "geïmporteerd als klant" },
  SIGNUP_AGE_NOT_ASKED: { en: "form version without the age question", nl: "formulierversie zonder leeftijdsvraag" },
  SIGNUP_AGE_UNANSWERED: { en: "age question not answered", nl: "leeftijdsvraag niet beantwoord" },
  FORM_VERSION_CURRENT: { en: "signed up on the current form", nl: "aangemeld via het huidige formulier" },
  FORM_VERSION_SAME_TEXT: { en: "older form with the same text", nl: "ouder formulier met dezelfde tekst" },
  FORM_VERSION_TEXT_CHANGED: { en: "form text changed since it was shown", nl: "formuliertekst gewijzigd sinds het werd getoond" },
  ACCEPT_OWN_CONSENT: { en: "own consent (16 or older)", nl: "eigen toestemming (16 of ouder)" },
  SIGNUP_GUARDIAN_REQUIRED: { en: "under 16 without a parent's address", nl: "jonger dan 16 zonder adres van ouder" },
  SIGNUP_GUARDIAN_INVALID: { en: "parent's address is not valid", nl: "adres van ouder ongeldig" },
  SIGNUP_GUARDIAN_SAME_ADDRESS: { en: "parent's address is the child's own", nl: "adres van ouder is dat van het kind" },
  ACCEPT_PARENTAL_CONSENT: { en: "consent asked from a parent", nl: "toestemming gevraagd aan ouder" },
  "subject-request": { en: "erased at the person's request", nl: "gewist op verzoek van de persoon" },
  "admin-request": { en: "erased by staff on request", nl: "gewist door medewerker op verzoek" },
  WITHDRAW_AS_REQUESTED: { en: "consent withdrawn for the scope asked", nl: "toestemming ingetrokken voor wat gevraagd is" },
  OBJECTION_AS_REQUESTED: { en: "objection for the scope asked", nl: "bezwaar voor wat gevraagd is" },
  WITHDRAW_CUSTOMER_ALL: { en: "customer objection: all newsletters", nl: "bezwaar als klant: alle nieuwsbrieven" },
  INBOUND_UNMATCHED: { en: "no valid delivery id: kept for staff", nl: "geen geldig bezorg-id: bewaard voor medewerkers" },
  INBOUND_HARD_BOUNCE: { en: "hard bounce: address suppressed", nl: "harde bounce: adres geblokkeerd" },
  INBOUND_SOFT_BOUNCE_COUNTED: { en: "soft bounce counted", nl: "zachte bounce geteld" },
  INBOUND_SOFT_BOUNCE_LIMIT: { en: "too many soft bounces: address suppressed", nl: "te veel zachte bounces: adres geblokkeerd" },
  INBOUND_COMPLAINT: { en: "spam complaint: objection to all newsletters", nl: "spamklacht: bezwaar tegen alle nieuwsbrieven" },
  INBOUND_REPLY_UNSUBSCRIBE: { en: "unsubscribed by reply mail", nl: "afgemeld per antwoordmail" },
  INBOUND_ALREADY_SUPPRESSED: { en: "already suppressed", nl: "al geblokkeerd" },
  INBOUND_NOTHING_TO_DO: { en: "nothing to do", nl: "niets te doen" },
  INBOUND_STAFF_BOUNCE: { en: "hard bounce: address suppressed by staff", nl: "harde bounce: adres geblokkeerd door medewerker" },
  INBOUND_STAFF_COMPLAINT: { en: "complaint: objection recorded by staff", nl: "klacht: bezwaar vastgelegd door medewerker" },
  INBOUND_STAFF_UNSUBSCRIBE: { en: "unsubscribe reply: withdrawn from all newsletters by staff", nl: "afmeldmail: door medewerker afgemeld voor alle nieuwsbrieven" },
  INBOUND_STAFF_NOT_ACTIONABLE: { en: "only a hard bounce, a complaint or an unsubscribe reply can suppress an address", nl: "alleen een harde bounce, een klacht of een afmeldmail kan een adres blokkeren" },
  SUPPRESSED_COMPLAINT: { en: "complained (spam report)", nl: "klacht ingediend (spammelding)" },
  SUPPRESSED_BOUNCE: { en: "address bounced", nl: "adres bounct" },
  SUPPRESSED_OBJECTION: { en: "objected", nl: "bezwaar gemaakt" },
  SUPPRESSED_ERASURE: { en: "erased on request", nl: "gewist op verzoek" },
  SUPPRESSED_WITHDRAWAL: { en: "unsubscribed", nl: "afgemeld" },
};

/** Human-readable label for a reason code; unknown codes come back unchanged rather than throwing. */
export function reasonLabel(code: ReasonCode | (string & {}), lang: Lang): string {
  const label = (LABELS as Record<string, { en: string; nl: string } | undefined>)[code];
  return label ? label[lang] : code;
}
