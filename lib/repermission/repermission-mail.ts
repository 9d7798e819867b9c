// The re-permission mail: transactional and promotion-free, it shows the purpose the person agreed to and
// the newsletter's new one, with one button to a page where they can accept (nothing happens by opening
// the link: the page's button POSTs). It is still DM (catalogue §4.7), so it carries what every message
// carries: the sender's identity and address, an unsubscribe link and the RFC 2369/8058 headers.
import { escapeHtml } from "../util/escape-html.ts";
import { ONE_CLICK } from "../mail/build-newsletter-message.ts";
import { singleLine } from "../mail/render-issue.tsx";
import type { OutgoingMail } from "../mail/transport.ts";

export type PurposeText = { name: string; description: string; version: number };

export type RepermissionMailInput = {
  to: string;
  from: { name: string; address: string };
  language: "nl" | "en";
  organisation: { name: string; address: string; contactEmail: string };
  newsletterName: string;
  agreed: PurposeText;
  current: PurposeText;
  url: string;
  unsubscribeUrl: string;
  /** The RFC 2369 mailto entry beside the https one (lib/subscribers/links.ts unsubscribeMailto). */
  unsubscribeMailto: string;
  validDays: number;
};

export const LINK_PLACEHOLDER = "[accept link]";
export const UNSUBSCRIBE_PLACEHOLDER = "[unsubscribe link]";

const T = {
  nl: {
    subject: (n: string) => `${n} is veranderd: wil je hem blijven ontvangen?`,
    intro: (n: string, org: string) => `${org} heeft het doel van ${n} veranderd. Je toestemming gold voor het oude doel; zonder jouw akkoord sturen we je ${n} niet meer.`,
    was: "Waar je mee instemde",
    now: "Het nieuwe doel",
    action: "Wil je de nieuwsbrief met het nieuwe doel blijven ontvangen? Open de link hieronder en druk op \"Accepteren\".",
    button: "Nieuw doel bekijken en accepteren",
    valid: (d: number) => `De link werkt één keer en is ${d} dagen geldig. Doe je niets, dan sturen we je deze nieuwsbrief niet meer.`,
    unsubscribe: "Afmelden voor deze nieuwsbrief",
    version: (v: number) => `doelversie ${v}`,
  },
  en: {
    subject: (n: string) => `${n} has changed: do you want to keep receiving it?`,
    intro: (n: string, org: string) => `${org} has changed the purpose of ${n}. Your consent was for the earlier purpose; without your agreement we no longer send you ${n}.`,
    was: "What you agreed to",
    now: "The new purpose",
    action: "Do you want to keep receiving the newsletter with its new purpose? Open the link below and press \"Accept\".",
    button: "See and accept the new purpose",
    valid: (d: number) => `The link works once and for ${d} days. If you do nothing, we will not send you this newsletter any more.`,
    unsubscribe: "Unsubscribe from this newsletter",
    version: (v: number) => `purpose version ${v}`,
  },
} as const;

const purposeLine = (p: PurposeText, version: string) => `“${singleLine(p.name)}”${p.description.trim() ? `: ${singleLine(p.description)}` : ""} (${version})`;

/** The mail to send, and the subject and text to record in the ledger (`repermission_sent`), links replaced. */
export function buildRepermissionMail(input: RepermissionMailInput): { mail: OutgoingMail; recorded: { subject: string; text: string } } {
  const t = T[input.language];
  const org = input.organisation;
  const orgName = org.name || input.from.name;
  const subject = singleLine(t.subject(input.newsletterName));
  const footer = [orgName, org.address, org.contactEmail].filter(Boolean).join(" · ");
  const was = purposeLine(input.agreed, t.version(input.agreed.version));
  const now = purposeLine(input.current, t.version(input.current.version));
  const textWith = (link: string, unsub: string) =>
    [t.intro(input.newsletterName, orgName), "", `${t.was}: ${was}`, `${t.now}: ${now}`, "", t.action, "", link, "", t.valid(input.validDays), "",
      "--", `${t.unsubscribe}: ${unsub}`, footer, ""].join("\n");
  const html =
    `<p>${escapeHtml(t.intro(input.newsletterName, orgName))}</p>` +
    `<p><strong>${escapeHtml(t.was)}:</strong> ${escapeHtml(was)}</p>` +
    `<p><strong>${escapeHtml(t.now)}:</strong> ${escapeHtml(now)}</p>` +
    `<p>${escapeHtml(t.action)}</p>` +
    `<p><a href="${escapeHtml(input.url)}" style="display:inline-block;padding:10px 16px;background:#4338ca;color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(t.button)}</a></p>` +
    `<p>${escapeHtml(t.valid(input.validDays))}</p>` +
    `<p style="color:#555;font-size:12px"><a href="${escapeHtml(input.unsubscribeUrl)}">${escapeHtml(t.unsubscribe)}</a></p>` +
    `<p style="color:#555;font-size:12px">${escapeHtml(footer)}</p>`;
  return {
    mail: {
      from: { name: singleLine(input.from.name).replace(/[<>"]/g, ""), address: singleLine(input.from.address) },
      to: singleLine(input.to),
      subject,
      text: textWith(input.url, input.unsubscribeUrl),
      html,
      headers: { "List-Unsubscribe": `<${singleLine(input.unsubscribeUrl)}>, <${singleLine(input.unsubscribeMailto)}>`, "List-Unsubscribe-Post": ONE_CLICK },
    },
    recorded: { subject, text: textWith(LINK_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER) },
  };
}
