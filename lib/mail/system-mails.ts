// Mails the platform sends to its own staff (sign-in links, invitations). Transactional: no promotion.
// Each carries one link; lib/mail/send-staff-mail.ts sends it (and prints it when there is no SMTP).
import { config } from "../config/index.ts";
import { escapeHtml } from "../util/escape-html.ts";
import type { OutgoingMail } from "./transport.ts";

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
