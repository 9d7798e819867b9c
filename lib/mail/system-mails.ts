// Mails the platform sends to its own staff (sign-in links, invitations). Transactional: no promotion.
// Each carries one link; lib/mail/send-staff-mail.ts sends it (and prints it when there is no SMTP).
import { config } from "../config/index.ts";
import { escapeHtml } from "../util/escape-html.ts";
import type { OutgoingMail } from "./transport.ts";
import type { SignedHead } from "../consent/head-statement.ts";

export type StaffMail = OutgoingMail & { to: string; subject: string; link: string };

function linkMail(to: string, subject: string, intro: string, url: string, outro: string): StaffMail {
  return {
    link: url,
    from: config().mailFrom,
    to,
    subject,
    text: `${intro}\n\n${url}\n\n${outro}\n`,
    html: `<p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(subject)}</a></p><p style="color:#555">${escapeHtml(outro)}</p>`,
  };
}

export function magicLinkMail({ to, url }: { to: string; url: string }): StaffMail {
  return linkMail(to, "Sign in to Proofmail", "Use this link to sign in to Proofmail. It works once, for 15 minutes.", url,
    "If you did not ask for this, you can ignore this email.");
}

export function invitationMail({ to, role, url }: { to: string; role: string; url: string }): StaffMail {
  return linkMail(to, "You have been invited to Proofmail", `You have been given the ${role} role in Proofmail. Sign in with this link.`, url,
    "If you did not expect this, you can ignore this email.");
}

/**
 * The daily anchor of the consent ledger (lib/consent/anchor-head.ts): the signed head, exactly as exports carry
 * it, in the body and as an attachment, to an address outside the organisation's control. Kept there, it shows
 * later that the chain held event `seq` with `hash` by the time the mail arrived. The link is the public key page.
 */
export function ledgerAnchorMail({ to, signed }: { to: string; signed: SignedHead }): StaffMail {
  const { seq, at } = signed.statement;
  const json = JSON.stringify(signed, null, 2);
  const url = `${config().appUrl}/.well-known/proofmail-ledger.json`;
  const intro = `Proofmail signed the head of its consent ledger: event ${seq}, at ${at}. Keep this mail: it records that the ledger held this event, with this hash, when it arrived. Anyone can check the signature with the public key in it, and compare that key with the one published at ${url} (lib/export/README.md explains how).`;
  return {
    link: url,
    from: config().mailFrom,
    to,
    subject: `Proofmail ledger head ${seq} (${at})`,
    text: `${intro}\n\n${json}\n`,
    html: `<p>${escapeHtml(intro)}</p><pre>${escapeHtml(json)}</pre>`,
    attachments: [{ filename: `proofmail-ledger-head-${seq}.json`, content: `${json}\n`, contentType: "application/json" }],
  };
}
