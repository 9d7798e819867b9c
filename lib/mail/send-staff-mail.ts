// Sends a mail to a staff member (sign-in link, invitation). With the dev mailbox (no SMTP_URL) it is
// also printed on the server console as one line, so a newcomer without a mail server can sign in
// from the terminal: `/admin/mailbox` needs a session, which is what the link is for.
import "server-only";
import { mailerKind, sendMail, type SentMail } from "./transport.ts";
import type { StaffMail } from "./system-mails.ts";

export async function sendStaffMail(staffMail: StaffMail): Promise<SentMail> {
  const { link, ...mail } = staffMail;
  const sent = await sendMail(mail);
  if (mailerKind() === "dev-mailbox") console.log(`proofmail: mail to ${staffMail.to}: ${staffMail.subject}: ${link}`);
  return sent;
}
