// The canonical, exact text of a signup form version. The public page renders these lines and nothing
// else inside its form text (each line in its own [data-form-line] element, in order), so
//   renderedText = lines.map((l) => l.text).join("\n")   and   contentHash = sha256(renderedText)
// is exactly what the person saw. Pure: the same inputs always give the same text and hash.
import { sha256 } from "../util/hash.ts";
import { legalBasisStatement, proofStatement, type FormLintInput, type RetentionPolicyInput } from "../rules/index.ts";
import type { FormDraft, FormLanguage } from "./form-definition.ts";

export type FormLine =
  | { kind: "title" | "intro" | "instruction" | "description" | "frequency" | "purpose" | "doi" | "controller" | "dpo" | "data" | "proof" | "legal-basis" | "retention" | "withdrawal" | "submit"; text: string }
  | { kind: "checkbox"; newsletterId: string; text: string }
  | { kind: "field"; field: "email" | "name" | "guardianEmail"; text: string }
  // The age question of a form that offers a newsletter aimed at children (R-CHILD-UNDER-16).
  | { kind: "age" | "parental"; text: string }
  | { kind: "age-option"; value: AgeAnswer; text: string }
  | { kind: "privacy"; text: string; prefix: string; href: string };

/** The two answers of the age question: a band, not a birth date (data minimisation; the gate needs only under16). */
export const AGE_ANSWERS = ["16-or-older", "under-16"] as const;
export type AgeAnswer = (typeof AGE_ANSWERS)[number];

export type RenderNewsletter = {
  id: string;
  /** Aimed at children or teenagers: the form asks the age and sends under-16s' confirmation to a parent. */
  aimedAtChildren: boolean;
  name: string;
  description: string;
  frequency: string | null;
  retentionPolicy: RetentionPolicyInput;
  retentionStatement: string; // retentionStatement(policy, form language) from lib/rules
};

export type RenderOrganisation = { name: string; address: string; contactEmail: string; privacyUrl: string; dpoContact: string | null };

export type RenderedForm = {
  lines: FormLine[];
  renderedText: string;
  contentHash: string;
  controllerIdentity: string;
  privacyUrl: string;
  retentionStatement: string;
  lintInput: FormLintInput;
};

const T = {
  nl: {
    instruction: "Vink elke nieuwsbrief aan die je wilt ontvangen. Er staat niets vooraf aangevinkt.",
    frequency: (f: string) => `Hoe vaak: ${f}`,
    purpose: (n: string) => `We gebruiken je e-mailadres alleen om je ${n} te sturen.`,
    email: "E-mailadres (verplicht)",
    name: "Naam (optioneel)",
    doi: "Na het aanmelden sturen we je een e-mail met een knop om te bevestigen. Pas als je bevestigt, ben je aangemeld.",
    controller: (who: string, contact: string) => `Wie je gegevens verzamelt: ${who}. Contact: ${contact}.`,
    dpo: (d: string) => `Functionaris gegevensbescherming: ${d}.`,
    privacy: "Privacyverklaring: ",
    submit: "Aanmelden",
    age: "Hoe oud ben je?",
    ageOption: { "16-or-older": "Ik ben 16 jaar of ouder", "under-16": "Ik ben jonger dan 16" },
    parental: "Ben je jonger dan 16? Dan moet je ouder of voogd toestemming geven. We sturen de bevestigingsmail naar hen, niet naar jou. Pas als zij bevestigen, sturen we je de nieuwsbrief.",
    guardianEmail: "E-mailadres van je ouder of voogd (alleen als je jonger bent dan 16)",
    agePurpose: "Leeftijdscontrole: onder de 16 geeft een ouder of voogd toestemming",
    guardianPurpose: "De bevestigingsmail gaat naar de ouder of voogd van wie jonger is dan 16",
  },
  en: {
    instruction: "Tick each newsletter you want to receive. Nothing is ticked for you.",
    frequency: (f: string) => `How often: ${f}`,
    purpose: (n: string) => `We use your e-mail address only to send you ${n}.`,
    email: "E-mail address (required)",
    name: "Name (optional)",
    doi: "After you sign up we send you an e-mail with a button to confirm. You are only subscribed once you confirm.",
    controller: (who: string, contact: string) => `Who collects your data: ${who}. Contact: ${contact}.`,
    dpo: (d: string) => `Data protection officer: ${d}.`,
    privacy: "Privacy statement: ",
    submit: "Subscribe",
    age: "How old are you?",
    ageOption: { "16-or-older": "I am 16 or older", "under-16": "I am under 16" },
    parental: "Under 16? Then a parent or guardian must give permission. We send the confirmation e-mail to them, not to you. Only after they confirm do we send you the newsletter.",
    guardianEmail: "E-mail address of your parent or guardian (only if you are under 16)",
    agePurpose: "Age check: under 16 a parent or guardian gives consent",
    guardianPurpose: "The confirmation e-mail for someone under 16 goes to their parent or guardian",
  },
} as const;

/** One line of display text: white space collapsed, so a line never holds a newline. */
const squash = (s: string) => s.replace(/\s+/g, " ").trim();

export function joinFormLines(lines: { text: string }[]): string {
  return lines.map((l) => l.text).join("\n");
}

export function renderFormText({ draft, organisation, newsletters }: {
  draft: FormDraft;
  organisation: RenderOrganisation;
  /** The newsletters the form offers, in draft order (archived ones already left out). */
  newsletters: RenderNewsletter[];
}): RenderedForm {
  const lang: FormLanguage = draft.language;
  const t = T[lang];
  const lines: FormLine[] = [];
  const push = (kind: Exclude<FormLine["kind"], "checkbox" | "field" | "privacy" | "age-option">, text: string) => {
    const s = squash(text);
    if (s) lines.push({ kind, text: s });
  };

  push("title", draft.title);
  for (const p of draft.intro.split(/\n\s*\n/)) push("intro", p);
  push("instruction", t.instruction);
  for (const n of newsletters) {
    lines.push({ kind: "checkbox", newsletterId: n.id, text: squash(n.name) });
    push("description", n.description);
    if (n.frequency) push("frequency", t.frequency(n.frequency));
    push("purpose", t.purpose(squash(n.name)));
  }
  lines.push({ kind: "field", field: "email", text: t.email });
  if (draft.askName) lines.push({ kind: "field", field: "name", text: t.name });
  // R-CHILD-UNDER-16: generated whenever a newsletter on the form is aimed at children, never optional.
  const forChildren = newsletters.some((n) => n.aimedAtChildren);
  if (forChildren) {
    push("age", t.age);
    for (const value of AGE_ANSWERS) lines.push({ kind: "age-option", value, text: t.ageOption[value] });
    push("parental", t.parental);
    lines.push({ kind: "field", field: "guardianEmail", text: t.guardianEmail });
  }
  push("doi", t.doi);

  const who = [organisation.name, organisation.address].map(squash).filter(Boolean).join(", ");
  const controllerIdentity = squash(t.controller(who, organisation.contactEmail));
  push("controller", controllerIdentity);
  if (organisation.dpoContact) push("dpo", t.dpo(organisation.dpoContact));
  push("data", draft.dataStatement);
  // What the consent record holds, why, and the legal basis: generated in lib/rules from what lib/consent stores.
  const proof = proofStatement(lang, { parentalConsent: forChildren });
  const legalBasis = legalBasisStatement(lang);
  push("proof", proof);
  push("legal-basis", legalBasis);

  // One sentence when every newsletter has the same policy, else one per newsletter; always generated
  // from the policy the purge job uses (lib/retention/get-retention-policy), never typed by hand.
  const statements = [...new Set(newsletters.map((n) => squash(n.retentionStatement)))];
  const retentionLines = statements.length <= 1 ? statements : newsletters.map((n) => `${squash(n.name)}: ${squash(n.retentionStatement)}`);
  for (const r of retentionLines) push("retention", r);
  const retentionStatement = retentionLines.join(" ");

  push("withdrawal", draft.withdrawalStatement);
  const privacyUrl = organisation.privacyUrl.trim();
  if (privacyUrl) lines.push({ kind: "privacy", prefix: t.privacy, href: privacyUrl, text: `${t.privacy}${privacyUrl}` });
  push("submit", t.submit);

  const renderedText = joinFormLines(lines);
  return {
    lines,
    renderedText,
    contentHash: sha256(renderedText),
    controllerIdentity,
    privacyUrl,
    retentionStatement,
    lintInput: {
      language: lang,
      controller: { name: organisation.name, contact: organisation.contactEmail },
      privacyUrl,
      retentionStatement,
      withdrawalStatement: draft.withdrawalStatement,
      dataStatement: draft.dataStatement,
      proofStatement: proof,
      legalBasisStatement: legalBasis,
      checkboxes: newsletters.map((n) => ({
        newsletterIds: [n.id],
        label: n.name,
        preChecked: false, // the public page never pre-ticks a box
        purpose: t.purpose(squash(n.name)),
        ...(n.frequency ? { frequency: n.frequency } : {}),
      })),
      fields: [
        { name: "email", required: true },
        ...(draft.askName ? [{ name: "name", required: false }] : []),
        ...(forChildren ? [{ name: "age", required: false, purpose: t.agePurpose }, { name: "guardianEmail", required: false, purpose: t.guardianPurpose }] : []),
      ],
      // From the lines actually rendered, so the lint checks the text people see.
      children: {
        aimedAtMinors: forChildren,
        ageQuestion: lines.some((l) => l.kind === "age") && AGE_ANSWERS.every((v) => lines.some((l) => l.kind === "age-option" && l.value === v)),
        parentalConsentFlow: lines.some((l) => l.kind === "field" && l.field === "guardianEmail"),
      },
      termsBundled: false,
      conditionalOn: null,
      offers: [],
      // With one policy the lint also checks the sentence against it (FORM_RETENTION_DRIFT).
      retentionPolicy: statements.length === 1 ? newsletters[0].retentionPolicy : null,
    },
  };
}
