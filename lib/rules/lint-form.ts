// Checks a form definition against catalogue §3.2 before it can be published, so consent collected
// through it can be valid (R-CONSENT-*). Every violation names the rule it breaks.
import type { FormLintInput } from "./form-input";
import type { FormViolation } from "./reasons";
import { retentionStatement } from "./retention-statement";
import { legalBasisStatement, proofStatement } from "./proof-statement";

export type { FormLintInput } from "./form-input";

export type FormLintViolation = { ruleId: string; code: FormViolation; message: string; field?: string };
export type FormLintResult = { ok: boolean; violations: FormLintViolation[] };

// Data minimisation (AVG art. 5(1)(c)): e-mail is needed, a name may be asked as optional, anything
// else must say why it is asked. Field names are compared without case or punctuation.
const EMAIL_FIELDS = new Set(["email", "emailaddress", "mail", "emailadres"]);
const NAME_FIELDS = new Set(["name", "firstname", "lastname", "fullname", "naam", "voornaam", "achternaam"]);
const MINIMISATION = "§3.2-3";

const blank = (s: string | null | undefined): boolean => !s || s.trim() === "";
const normalise = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, "");
const squash = (s: string): string => s.replace(/\s+/g, " ").trim();
const isLink = (s: string): boolean => /^https?:\/\/[^\s/]+\S*$/i.test(s.trim()) || /^\/\S*$/.test(s.trim());

export function lintForm(form: FormLintInput): FormLintResult {
  const violations: FormLintViolation[] = [];
  const add = (ruleId: string, code: FormViolation, message: string, field?: string) =>
    violations.push(field === undefined ? { ruleId, code, message } : { ruleId, code, message, field });

  // §3.2 item 1 (R-CONSENT-INFORMED): who is asking.
  if (blank(form.controller.name)) {
    add("R-CONSENT-INFORMED", "FORM_MISSING_CONTROLLER", "Name the organisation that collects the data.", "controller.name");
  }
  if (blank(form.controller.contact)) {
    add("R-CONSENT-INFORMED", "FORM_MISSING_CONTROLLER_CONTACT", "Give the organisation's contact details.", "controller.contact");
  }

  // §3.2 item 2: one unticked box per newsletter, each named, with its purpose (item 4).
  if (form.checkboxes.length === 0) {
    add("R-CONSENT-UNCHECKED", "FORM_NO_CHECKBOX",
      "Add a checkbox the person ticks to subscribe; submitting the form alone is not consent.", "checkboxes");
  }
  form.checkboxes.forEach((box, i) => {
    const at = `checkboxes[${i}]`;
    if (box.preChecked) {
      add("R-CONSENT-UNCHECKED", "FORM_PRECHECKED", "The newsletter box must start unticked; a pre-ticked box is not consent.", `${at}.preChecked`);
    }
    if (box.newsletterIds.length > 1) {
      add("R-CONSENT-PER-NEWSLETTER", "FORM_SEVERAL_NEWSLETTERS_ONE_BOX",
        "Give each newsletter its own checkbox; one box may not sign people up to several newsletters.", `${at}.newsletterIds`);
    }
    if (box.newsletterIds.length === 0) {
      add("R-CONSENT-PER-NEWSLETTER", "FORM_CHECKBOX_WITHOUT_NEWSLETTER", "This checkbox is not linked to a newsletter.", `${at}.newsletterIds`);
    }
    if (blank(box.label)) {
      add("R-CONSENT-INFORMED", "FORM_CHECKBOX_UNLABELLED", "Label the checkbox with the newsletter's name and content.", `${at}.label`);
    }
    if (blank(box.purpose)) {
      add("R-CONSENT-INFORMED", "FORM_MISSING_PURPOSE", "Say what the data is used for (sending this newsletter).", `${at}.purpose`);
    }
  });

  // §3.2 items 3, 5, 6, 7 (R-CONSENT-INFORMED).
  if (blank(form.dataStatement)) {
    add("R-CONSENT-INFORMED", "FORM_MISSING_DATA_STATEMENT", "Say which data is collected and whether opens and clicks are tracked.", "dataStatement");
  }
  if (blank(form.retentionStatement)) {
    add("R-CONSENT-INFORMED", "FORM_MISSING_RETENTION", "Say how long the data is kept.", "retentionStatement");
  } else if (form.retentionPolicy) {
    // The sentence must be the one generated from the policy the purge job runs on.
    const expected = retentionStatement(form.retentionPolicy, form.language);
    if (squash(form.retentionStatement) !== squash(expected)) {
      add("R-CONSENT-INFORMED", "FORM_RETENTION_DRIFT",
        `The retention text does not match the retention policy; use: "${expected}"`, "retentionStatement");
    }
  }
  // §3.2 items 3-4 (R-CONSENT-PROOF, R-CONSENT-INFORMED): what the consent record holds, why, and the
  // legal basis. The sentences must be the generated ones, so they say exactly what lib/consent stores.
  const parentalConsent = !!form.children?.aimedAtMinors;
  if (blank(form.proofStatement)) {
    add("R-CONSENT-INFORMED", "FORM_MISSING_PROOF_STATEMENT",
      "Say what is stored when people sign up and confirm (address, time, IP address, browser) and that it is kept as proof of consent.", "proofStatement");
  } else {
    const expected = proofStatement(form.language, { parentalConsent });
    if (squash(form.proofStatement) !== squash(expected)) {
      add("R-CONSENT-INFORMED", "FORM_PROOF_STATEMENT_DRIFT",
        `The text about the proof of consent does not match what is stored; use: "${expected}"`, "proofStatement");
    }
  }
  if (squash(form.legalBasisStatement) !== squash(legalBasisStatement(form.language))) {
    add("R-CONSENT-INFORMED", "FORM_MISSING_LEGAL_BASIS",
      `Name the legal basis: consent (AVG art. 6(1)(a)); use: "${legalBasisStatement(form.language)}"`, "legalBasisStatement");
  }
  if (blank(form.withdrawalStatement)) {
    add("R-CONSENT-INFORMED", "FORM_MISSING_WITHDRAWAL",
      "Say that consent can be withdrawn at any time, free, through the link in every e-mail.", "withdrawalStatement");
  }
  if (blank(form.privacyUrl) || !isLink(form.privacyUrl)) {
    add("R-CONSENT-INFORMED", "FORM_MISSING_PRIVACY_LINK", "Link to the privacy statement.", "privacyUrl");
  }

  // R-CONSENT-NOT-IN-TERMS.
  if (form.termsBundled) {
    add("R-CONSENT-NOT-IN-TERMS", "FORM_BUNDLED_WITH_TERMS",
      "Ask for newsletter consent separately from accepting the terms and conditions.", "termsBundled");
  }

  // §3.2 item 8 (R-CONSENT-FREE, R-HOTEL-EMAIL-VOLUNTARY): nothing may depend on the box.
  if (!blank(form.conditionalOn)) {
    add(form.conditionalOn === "booking" ? "R-HOTEL-EMAIL-VOLUNTARY" : "R-CONSENT-FREE", "FORM_CONSENT_CONDITIONAL",
      `Do not make the newsletter a condition for the ${form.conditionalOn}; people who only want that must get it.`, "conditionalOn");
  }
  (form.offers ?? []).forEach((offer, i) => {
    if (offer.requiresNewsletter) {
      add(offer.kind === "booking" ? "R-HOTEL-EMAIL-VOLUNTARY" : "R-CONSENT-FREE", "FORM_CONSENT_CONDITIONAL",
        `The ${offer.kind} must not require subscribing to the newsletter.`, `offers[${i}].requiresNewsletter`);
    }
  });
  if ((form.offers ?? []).length > 0 && form.emailOptionalMarked === false) {
    add("R-HOTEL-EMAIL-VOLUNTARY", "FORM_EMAIL_NOT_VOLUNTARY",
      "This form also serves something else: mark the e-mail address as voluntary and say what it is used for.", "emailOptionalMarked");
  }

  // §3.2 item 3: data minimisation.
  form.fields.forEach((f, i) => {
    const kind = normalise(f.name);
    if (EMAIL_FIELDS.has(kind)) return;
    if (NAME_FIELDS.has(kind)) {
      if (f.required) add(MINIMISATION, "FORM_NAME_REQUIRED", "Make the name field optional; only the e-mail address is needed.", `fields[${i}].required`);
      return;
    }
    if (blank(f.purpose)) {
      add(MINIMISATION, "FORM_FIELD_WITHOUT_PURPOSE",
        `Remove the field "${f.name}" or say why it is asked; only the e-mail address (and an optional name) need no reason.`, `fields[${i}].purpose`);
    }
  });

  // §3.2 item 4 (R-SHARE-THIRD-PARTY): sharing needs its own box naming the recipients.
  if (form.thirdPartySharing) {
    if (!form.thirdPartySharing.named) {
      add("R-SHARE-THIRD-PARTY", "FORM_THIRD_PARTY_NOT_NAMED",
        "Name the third parties (or their categories) the data is shared with.", "thirdPartySharing.named");
    }
    if (!form.thirdPartySharing.separateBox) {
      add("R-SHARE-THIRD-PARTY", "FORM_THIRD_PARTY_NO_SEPARATE_BOX",
        "Ask for consent to share with third parties in a separate, unticked checkbox.", "thirdPartySharing.separateBox");
    }
  }

  // §3.2 item 9 (R-CHILD-UNDER-16).
  if (form.children?.aimedAtMinors && (!form.children.ageQuestion || !form.children.parentalConsentFlow)) {
    add("R-CHILD-UNDER-16", "FORM_NO_PARENTAL_CONSENT_FLOW",
      "A newsletter aimed at minors must ask the age and get a parent's consent for anyone under 16.", "children");
  }

  return { ok: violations.length === 0, violations };
}
