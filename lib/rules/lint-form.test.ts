import { describe, it, expect } from "vitest";
import { lintForm, type FormLintInput } from "./lint-form";
import { deepMerge, type DeepPartial } from "./deep-merge";
import { retentionStatement } from "./retention-statement";
import { DEFAULT_RETENTION_POLICY } from "./retention-policy";
import { formLintInputSchema } from "./form-input";
import { legalBasisStatement, proofStatement } from "./proof-statement";

const VALID: FormLintInput = {
  language: "en",
  controller: { name: "Fietsen BV", contact: "privacy@fietsen.example, Kerkstraat 1, Utrecht" },
  privacyUrl: "https://fietsen.example/privacy/v4",
  retentionStatement: retentionStatement(DEFAULT_RETENTION_POLICY, "en"),
  withdrawalStatement: "You can unsubscribe at any time, free, through the link in every e-mail.",
  dataStatement: "We ask your e-mail address and, if you like, your name. We do not track opens or clicks.",
  proofStatement: proofStatement("en", { parentalConsent: false }),
  legalBasisStatement: legalBasisStatement("en"),
  checkboxes: [
    { newsletterIds: ["A"], label: "Bike news", preChecked: false, purpose: "Sending you Bike news", frequency: "monthly" },
    { newsletterIds: ["B"], label: "Workshop dates", preChecked: false, purpose: "Sending you workshop dates" },
  ],
  fields: [{ name: "email", required: true }, { name: "name", required: false }],
  termsBundled: false,
  conditionalOn: null,
  offers: [{ kind: "download", requiresNewsletter: false }],
  thirdPartySharing: null,
  retentionPolicy: DEFAULT_RETENTION_POLICY,
};
const form = (o: DeepPartial<FormLintInput>): FormLintInput => deepMerge(VALID, o);

describe("lintForm", () => {
  it("passes a complete form", () => {
    expect(lintForm(VALID)).toEqual({ ok: true, violations: [] });
    expect(formLintInputSchema.parse(VALID)).toEqual(VALID);
  });

  // [code, ruleId, field, failing form, passing variant of the same form]
  it.each<[string, string, string | undefined, DeepPartial<FormLintInput>, DeepPartial<FormLintInput>]>([
    ["FORM_PRECHECKED", "R-CONSENT-UNCHECKED", "checkboxes[0].preChecked",
      { checkboxes: [{ newsletterIds: ["A"], label: "Bike news", preChecked: true, purpose: "p" }] },
      { checkboxes: [{ newsletterIds: ["A"], label: "Bike news", preChecked: false, purpose: "p" }] }],
    ["FORM_NO_CHECKBOX", "R-CONSENT-UNCHECKED", "checkboxes", { checkboxes: [] },
      { checkboxes: [{ newsletterIds: ["A"], label: "Bike news", preChecked: false, purpose: "p" }] }],
    ["FORM_SEVERAL_NEWSLETTERS_ONE_BOX", "R-CONSENT-PER-NEWSLETTER", "checkboxes[0].newsletterIds",
      { checkboxes: [{ newsletterIds: ["A", "B"], label: "All our news", preChecked: false, purpose: "p" }] },
      { checkboxes: [{ newsletterIds: ["A"], label: "A", preChecked: false, purpose: "p" }, { newsletterIds: ["B"], label: "B", preChecked: false, purpose: "p" }] }],
    ["FORM_CHECKBOX_WITHOUT_NEWSLETTER", "R-CONSENT-PER-NEWSLETTER", "checkboxes[0].newsletterIds",
      { checkboxes: [{ newsletterIds: [], label: "News", preChecked: false, purpose: "p" }] },
      { checkboxes: [{ newsletterIds: ["A"], label: "News", preChecked: false, purpose: "p" }] }],
    ["FORM_CHECKBOX_UNLABELLED", "R-CONSENT-INFORMED", "checkboxes[0].label",
      { checkboxes: [{ newsletterIds: ["A"], label: " ", preChecked: false, purpose: "p" }] },
      { checkboxes: [{ newsletterIds: ["A"], label: "Bike news", preChecked: false, purpose: "p" }] }],
    ["FORM_MISSING_PURPOSE", "R-CONSENT-INFORMED", "checkboxes[0].purpose",
      { checkboxes: [{ newsletterIds: ["A"], label: "Bike news", preChecked: false, purpose: "" }] },
      { checkboxes: [{ newsletterIds: ["A"], label: "Bike news", preChecked: false, purpose: "Sending Bike news" }] }],
    ["FORM_MISSING_CONTROLLER", "R-CONSENT-INFORMED", "controller.name", { controller: { name: "" } }, { controller: { name: "Fietsen BV" } }],
    ["FORM_MISSING_CONTROLLER_CONTACT", "R-CONSENT-INFORMED", "controller.contact", { controller: { contact: "" } }, { controller: { contact: "privacy@fietsen.example" } }],
    ["FORM_MISSING_PRIVACY_LINK", "R-CONSENT-INFORMED", "privacyUrl", { privacyUrl: "" }, { privacyUrl: "/privacy" }],
    ["FORM_MISSING_PRIVACY_LINK", "R-CONSENT-INFORMED", "privacyUrl", { privacyUrl: "see our website" }, { privacyUrl: "http://fietsen.example/privacy" }],
    ["FORM_MISSING_DATA_STATEMENT", "R-CONSENT-INFORMED", "dataStatement", { dataStatement: "" }, { dataStatement: "Your e-mail address." }],
    ["FORM_MISSING_RETENTION", "R-CONSENT-INFORMED", "retentionStatement", { retentionStatement: "" }, { retentionStatement: retentionStatement({}, "en") }],
    ["FORM_RETENTION_DRIFT", "R-CONSENT-INFORMED", "retentionStatement",
      { retentionPolicy: { keepProofMonths: 6 } },
      { retentionPolicy: { keepProofMonths: 6 }, retentionStatement: retentionStatement({ keepProofMonths: 6 }, "en") }],
    ["FORM_MISSING_WITHDRAWAL", "R-CONSENT-INFORMED", "withdrawalStatement", { withdrawalStatement: "" }, { withdrawalStatement: "Unsubscribe any time." }],
    ["FORM_BUNDLED_WITH_TERMS", "R-CONSENT-NOT-IN-TERMS", "termsBundled", { termsBundled: true }, { termsBundled: false }],
    ["FORM_CONSENT_CONDITIONAL", "R-CONSENT-FREE", "conditionalOn", { conditionalOn: "download" }, { conditionalOn: null }],
    ["FORM_CONSENT_CONDITIONAL", "R-HOTEL-EMAIL-VOLUNTARY", "conditionalOn", { conditionalOn: "booking" }, { conditionalOn: "" }],
    ["FORM_CONSENT_CONDITIONAL", "R-CONSENT-FREE", "offers[0].requiresNewsletter",
      { offers: [{ kind: "download", requiresNewsletter: true }] }, { offers: [{ kind: "download", requiresNewsletter: false }] }],
    ["FORM_CONSENT_CONDITIONAL", "R-HOTEL-EMAIL-VOLUNTARY", "offers[0].requiresNewsletter",
      { offers: [{ kind: "booking", requiresNewsletter: true }] }, { offers: [{ kind: "booking", requiresNewsletter: false }] }],
    ["FORM_EMAIL_NOT_VOLUNTARY", "R-HOTEL-EMAIL-VOLUNTARY", "emailOptionalMarked",
      { offers: [{ kind: "booking", requiresNewsletter: false }], emailOptionalMarked: false },
      { offers: [{ kind: "booking", requiresNewsletter: false }], emailOptionalMarked: true }],
    ["FORM_NAME_REQUIRED", "§3.2-3", "fields[1].required",
      { fields: [{ name: "email", required: true }, { name: "First name", required: true }] },
      { fields: [{ name: "email", required: true }, { name: "First name", required: false }] }],
    ["FORM_FIELD_WITHOUT_PURPOSE", "§3.2-3", "fields[1].purpose",
      { fields: [{ name: "email", required: true }, { name: "birthdate", required: false }] },
      { fields: [{ name: "email", required: true }, { name: "birthdate", required: false, purpose: "Age check: under 16 needs a parent" }] }],
    ["FORM_FIELD_WITHOUT_PURPOSE", "§3.2-3", "fields[1].purpose",
      { fields: [{ name: "email", required: true }, { name: "phone", required: true, purpose: " " }] },
      { fields: [{ name: "email", required: true }] }],
    ["FORM_THIRD_PARTY_NOT_NAMED", "R-SHARE-THIRD-PARTY", "thirdPartySharing.named",
      { thirdPartySharing: { named: false, separateBox: true } }, { thirdPartySharing: { named: true, separateBox: true } }],
    ["FORM_THIRD_PARTY_NO_SEPARATE_BOX", "R-SHARE-THIRD-PARTY", "thirdPartySharing.separateBox",
      { thirdPartySharing: { named: true, separateBox: false } }, { thirdPartySharing: null }],
    ["FORM_NO_PARENTAL_CONSENT_FLOW", "R-CHILD-UNDER-16", "children",
      { children: { aimedAtMinors: true, ageQuestion: true, parentalConsentFlow: false }, proofStatement: proofStatement("en", { parentalConsent: true }) },
      { children: { aimedAtMinors: true, ageQuestion: true, parentalConsentFlow: true }, proofStatement: proofStatement("en", { parentalConsent: true }) }],
    ["FORM_NO_PARENTAL_CONSENT_FLOW", "R-CHILD-UNDER-16", "children",
      { children: { aimedAtMinors: true, ageQuestion: false, parentalConsentFlow: true }, proofStatement: proofStatement("en", { parentalConsent: true }) },
      { children: { aimedAtMinors: false, ageQuestion: false, parentalConsentFlow: false } }],
    ["FORM_MISSING_PROOF_STATEMENT", "R-CONSENT-INFORMED", "proofStatement", { proofStatement: " " },
      { proofStatement: proofStatement("en", { parentalConsent: false }) }],
    ["FORM_PROOF_STATEMENT_DRIFT", "R-CONSENT-INFORMED", "proofStatement",
      { proofStatement: "We store your e-mail address." }, { proofStatement: proofStatement("en", { parentalConsent: false }) }],
    // a children's form must also say that the age answer and the parent's address are stored
    ["FORM_PROOF_STATEMENT_DRIFT", "R-CONSENT-INFORMED", "proofStatement",
      { children: { aimedAtMinors: true, ageQuestion: true, parentalConsentFlow: true } },
      { children: { aimedAtMinors: true, ageQuestion: true, parentalConsentFlow: true }, proofStatement: proofStatement("en", { parentalConsent: true }) }],
    ["FORM_MISSING_LEGAL_BASIS", "R-CONSENT-INFORMED", "legalBasisStatement", { legalBasisStatement: "" },
      { legalBasisStatement: legalBasisStatement("en") }],
    ["FORM_MISSING_LEGAL_BASIS", "R-CONSENT-INFORMED", "legalBasisStatement",
      { legalBasisStatement: "We rely on our legitimate interest (GDPR article 6(1)(f))." }, { legalBasisStatement: legalBasisStatement("en") }],
  ])("%s (%s at %s): fails, and passes when fixed", (code, ruleId, field, failing, passing) => {
    const bad = lintForm(form(failing));
    expect(bad.ok).toBe(false);
    expect(bad.violations).toEqual([expect.objectContaining({ code, ruleId, field })]);
    expect(bad.violations[0].message).toMatch(/^[A-Z].{10,}/); // plain English sentence
    expect(lintForm(form(passing))).toEqual({ ok: true, violations: [] });
  });

  it("reports every problem of a bad form at once", () => {
    const result = lintForm(form({
      controller: { name: "" }, privacyUrl: "", termsBundled: true,
      checkboxes: [{ newsletterIds: ["A", "B"], label: "Everything", preChecked: true, purpose: "marketing" }],
    }));
    expect(result.violations.map((v) => v.code).sort()).toEqual([
      "FORM_BUNDLED_WITH_TERMS", "FORM_MISSING_CONTROLLER", "FORM_MISSING_PRIVACY_LINK",
      "FORM_PRECHECKED", "FORM_SEVERAL_NEWSLETTERS_ONE_BOX",
    ]);
  });

  it("checks a Dutch form's proof and legal-basis text against the Dutch sentences", () => {
    const nl = form({
      language: "nl", retentionStatement: retentionStatement(DEFAULT_RETENTION_POLICY, "nl"),
      proofStatement: proofStatement("nl", { parentalConsent: false }), legalBasisStatement: legalBasisStatement("nl"),
    });
    expect(lintForm(nl).ok).toBe(true);
    expect(lintForm({ ...nl, proofStatement: proofStatement("en", { parentalConsent: false }) }).violations.map((v) => v.code)).toEqual(["FORM_PROOF_STATEMENT_DRIFT"]);
    expect(lintForm({ ...nl, legalBasisStatement: legalBasisStatement("en") }).violations.map((v) => v.code)).toEqual(["FORM_MISSING_LEGAL_BASIS"]);
  });

  it("the generated statements name everything stored, why, and the basis", () => {
    expect(proofStatement("en", { parentalConsent: false })).toMatch(/e-mail address.*date and time.*IP address.*browser identification.*proof/);
    expect(proofStatement("nl", { parentalConsent: false })).toMatch(/e-mailadres.*datum en tijd.*IP-adres.*browser.*bewijs/);
    expect(proofStatement("en", { parentalConsent: true })).toMatch(/age question.*parent or guardian/);
    expect(proofStatement("nl", { parentalConsent: true })).toMatch(/leeftijdsvraag.*ouder of voogd/);
    expect(legalBasisStatement("en")).toContain("6(1)(a)");
    expect(legalBasisStatement("nl")).toContain("artikel 6 lid 1 onder a");
  });

  it("checks a Dutch form's retention text against the Dutch sentence", () => {
    const nl = form({
      language: "nl", retentionStatement: retentionStatement(DEFAULT_RETENTION_POLICY, "nl"),
      proofStatement: proofStatement("nl", { parentalConsent: false }), legalBasisStatement: legalBasisStatement("nl"),
    });
    expect(lintForm(nl).ok).toBe(true);
    expect(lintForm({ ...nl, retentionStatement: retentionStatement(DEFAULT_RETENTION_POLICY, "en") }).violations[0].code)
      .toBe("FORM_RETENTION_DRIFT");
  });

  it("accepts the optional fields being absent", () => {
    const { conditionalOn, offers, thirdPartySharing, retentionPolicy, ...minimal } = VALID;
    void conditionalOn; void offers; void thirdPartySharing; void retentionPolicy;
    expect(lintForm(minimal)).toEqual({ ok: true, violations: [] });
  });
});
