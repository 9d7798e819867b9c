// The sending backends a newsletter can go through: SMTP_URL as "default" (also the one of staff mail and
// confirmations) and every SMTP_BACKENDS entry, each with its own pool (lib/mail/transport.ts) and limits.
// None configured: the dev mailbox, as "default" without limits.
import { config, type SmtpBackend } from "../config/index.ts";

export type Backend = Pick<SmtpBackend, "name" | "perSecond" | "perHour">;

export function listBackends(): Backend[] {
  const c = config();
  return [{ name: "default", ...c.smtpLimits }, ...(c.smtpUrl ? c.smtpBackends : [])].map(({ name, perSecond, perHour }) => ({ name, perSecond, perHour }));
}

export const isBackend = (name: string) => listBackends().some((b) => b.name === name);
