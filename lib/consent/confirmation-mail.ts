// The one double opt-in mail (O-CONFIRMATION-MAIL): transactional, no promotion, in the form's language;
// names exactly the newsletters chosen and the organisation, says to ignore it if you did not sign up.
// It never greets by name, so the text recorded in the ledger (link replaced) holds no personal data.
import { escapeHtml } from "../util/escape-html.ts";
import type { OutgoingMail } from "../mail/transport.ts";
import type { FormLanguage } from "./form-definition.ts";

export const LINK_PLACEHOLDER = "[confirmation link]";

export type ConfirmationMailInput = {
  to: string;
  from: { name: string; address: string };
  language: FormLanguage;
  organisation: { name: string; address: string; contactEmail: string };
  newsletterNames: string[];
  url: string;
  validHours: number;
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
  },
  en: {
    subject: (names: string) => `Confirm your subscription to ${names}`,
    intro: (org: string) => `Someone, hopefully you, signed this e-mail address up with ${org} for:`,
    action: "Open the link below and press the \"Confirm\" button. Only then will we send you the newsletter.",
    button: "Confirm subscription",
    valid: (h: number) => `The link works once and for ${h} hours.`,
    ignore: "Did not sign up? Then you can ignore this e-mail. Without confirmation we send you nothing and delete the signup.",
    and: " and ",
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
  const subject = t.subject(list(input.newsletterNames, t.and)).replace(/[\r\n]+/g, " ");
  const footer = [orgName, org.address, org.contactEmail].filter(Boolean).join(" · ");
  const textWith = (link: string) =>
    [t.intro(orgName), "", ...input.newsletterNames.map((n) => `- ${n}`), "", t.action, "", link, "", t.valid(input.validHours), "", t.ignore, "", "--", footer, ""].join("\n");
  const html =
    `<p>${escapeHtml(t.intro(orgName))}</p>` +
    `<ul>${input.newsletterNames.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>` +
    `<p>${escapeHtml(t.action)}</p>` +
    `<p><a href="${escapeHtml(input.url)}" style="display:inline-block;padding:10px 16px;background:#4338ca;color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(t.button)}</a></p>` +
    `<p>${escapeHtml(t.valid(input.validHours))}</p>` +
    `<p style="color:#555">${escapeHtml(t.ignore)}</p>` +
    `<p style="color:#555;font-size:12px">${escapeHtml(footer)}</p>`;
  return {
    mail: { from: input.from, to: input.to, subject, text: textWith(input.url), html },
    recorded: { subject, text: textWith(LINK_PLACEHOLDER) },
  };
}
