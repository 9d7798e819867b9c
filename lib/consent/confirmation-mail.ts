// The one double opt-in mail (O-CONFIRMATION-MAIL): transactional, no promotion, in the form's language;
// names exactly the newsletters chosen and the organisation, says to ignore it if you did not sign up.
// It never greets by name, so the text recorded in the ledger (link replaced) holds no personal data.
// For an under-16 signup (R-CHILD-UNDER-16) it goes to the parent or guardian and asks their consent for
// the child's address; the ledger copy has the child's address replaced too.
import { escapeHtml } from "../util/escape-html.ts";
import type { OutgoingMail } from "../mail/transport.ts";
import type { FormLanguage } from "./form-definition.ts";
import type { Branding } from "../settings/get-branding.ts";
import { brandHeaderHtml } from "../mail/brand-header.ts";
import { DEFAULT_ACCENT } from "../settings/branding.ts";

export const LINK_PLACEHOLDER = "[confirmation link]";
export const CHILD_PLACEHOLDER = "[child's e-mail address]";

export type ConfirmationMailInput = {
  to: string;
  from: { name: string; address: string };
  language: FormLanguage;
  organisation: { name: string; address: string; contactEmail: string };
  newsletterNames: string[];
  url: string;
  validHours: number;
  /** Set when this mail asks a parent's consent: the child's address it is for. */
  childEmail?: string;
  /** The branded template (logo header, accent button, address footer); null = plain. */
  brand?: Branding | null;
};

const T = {
  nl: {
    subject: (names: string) => `Bevestig je aanmelding voor ${names}`,
    intro: (org: string) => `Iemand, hopelijk jij, heeft dit e-mailadres bij ${org} aangemeld voor:`,
    action: "Open de link hieronder en druk op de knop \"Bevestigen\". Pas daarna sturen we je de nieuwsbrief.",
    button: "Aanmelding bevestigen",
    valid: (h: number) => `De link werkt één keer en is ${h} uur geldig.`,
    ignore: "Heb je je niet aangemeld? Dan kun je deze e-mail negeren. Zonder bevestiging sturen we je niets en verwijderen we de aanmelding.",
    and: " en ",
    parent: {
      subject: (names: string) => `Toestemming gevraagd voor de aanmelding van je kind voor ${names}`,
      intro: (org: string, child: string) => `Iemand, waarschijnlijk je kind, heeft het e-mailadres ${child} bij ${org} aangemeld voor:`,
      why: "Diegene gaf aan jonger dan 16 te zijn en jouw e-mailadres op als dat van een ouder of voogd. Onder de 16 mogen we alleen mailen met toestemming van een ouder of voogd. Daarom vragen we die toestemming aan jou.",
      action: (child: string) => `Geef je toestemming dat we deze nieuwsbrief naar ${child} sturen? Open dan de link hieronder en druk op de knop "Bevestigen". Pas daarna sturen we de nieuwsbrief.`,
      button: "Toestemming geven",
      ignore: "Weet je hier niets van, of geef je geen toestemming? Dan kun je deze e-mail negeren. Zonder bevestiging sturen we niets en verwijderen we de aanmelding.",
    },
  },
  en: {
    subject: (names: string) => `Confirm your subscription to ${names}`,
    intro: (org: string) => `Someone, hopefully you, signed this e-mail address up with ${org} for:`,
    action: "Open the link below and press the \"Confirm\" button. Only then will we send you the newsletter.",
    button: "Confirm subscription",
    valid: (h: number) => `The link works once and for ${h} hours.`,
    ignore: "Did not sign up? Then you can ignore this e-mail. Without confirmation we send you nothing and delete the signup.",
    and: " and ",
    parent: {
      subject: (names: string) => `Your consent is asked for your child's subscription to ${names}`,
      intro: (org: string, child: string) => `Someone, probably your child, signed up the e-mail address ${child} with ${org} for:`,
      why: "They said they are under 16 and gave your e-mail address as that of a parent or guardian. Under 16 we may only send e-mail with the consent of a parent or guardian, so we ask you for that consent.",
      action: (child: string) => `Do you agree that we send this newsletter to ${child}? Then open the link below and press the "Confirm" button. Only then will we send the newsletter.`,
      button: "Give consent",
      ignore: "Do you not know about this, or do you not agree? Then you can ignore this e-mail. Without confirmation we send nothing and delete the signup.",
    },
  },
} as const;

function list(names: string[], and: string): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")}${and}${names.at(-1)}`;
}

/** The mail to send, and the subject and text to record in the ledger (`optin_sent`), link replaced. */
export function buildConfirmationMail(input: ConfirmationMailInput): { mail: OutgoingMail; recorded: { subject: string; text: string } } {
  const t = T[input.language];
  const org = input.organisation;
  const orgName = org.name || input.from.name;
  const names = list(input.newsletterNames, t.and);
  const p = t.parent;
  const child = input.childEmail;
  const subject = (child ? p.subject(names) : t.subject(names)).replace(/[\r\n]+/g, " ");
  const footer = [orgName, org.address, org.contactEmail].filter(Boolean).join(" · ");
  // The paragraphs before the list, after it, and the closing one; `c` is the child's address or its placeholder.
  const intro = (c: string) => (child ? [p.intro(orgName, c)] : [t.intro(orgName)]);
  const action = (c: string) => (child ? [p.why, p.action(c)] : [t.action]);
  const ignore = child ? p.ignore : t.ignore;
  const textWith = (link: string, c: string) =>
    [...intro(c), "", ...input.newsletterNames.map((n) => `- ${n}`), "", ...action(c).flatMap((a) => [a, ""]), link, "", t.valid(input.validHours), "", ignore, "", "--", footer, ""].join("\n");
  const brand = input.brand ?? null;
  const html =
    (brand ? brandHeaderHtml(brand) : "") +
    intro(child ?? "").map((x) => `<p>${escapeHtml(x)}</p>`).join("") +
    `<ul>${input.newsletterNames.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>` +
    action(child ?? "").map((x) => `<p>${escapeHtml(x)}</p>`).join("") +
    `<p><a href="${escapeHtml(input.url)}" style="display:inline-block;padding:10px 16px;background:${brand?.accent ?? DEFAULT_ACCENT};color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(child ? p.button : t.button)}</a></p>` +
    `<p>${escapeHtml(t.valid(input.validHours))}</p>` +
    `<p style="color:#555">${escapeHtml(ignore)}</p>` +
    `<p style="color:#555;font-size:12px${brand ? `;border-top:1px solid ${brand.accent};padding-top:8px` : ""}">${escapeHtml(footer)}</p>`;
  return {
    mail: { from: input.from, to: input.to, subject, text: textWith(input.url, child ?? ""), html },
    recorded: { subject, text: textWith(LINK_PLACEHOLDER, CHILD_PLACEHOLDER) },
  };
}
