// What this process last learnt about its mail server, from the sends it made (worker deliveries, staff
// and confirmation mails) and transport checks. Health endpoints report this instead of opening an SMTP
// connection per call (a load balancer polling /api/health used to load the mail server). A process that
// has sent nothing yet knows nothing: `checkedAt` is null and the mailer counts as usable.
import { maskEmailsIn } from "../log/mask-email.ts";

export type MailerStatus = { ok: boolean; checkedAt: string | null; error?: string };

const KEY = Symbol.for("proofmail.mailer-status");
const g = globalThis as unknown as Record<symbol, MailerStatus | undefined>;

export function recordMailerResult(ok: boolean, error?: string): void {
  g[KEY] = { ok, checkedAt: new Date().toISOString(), ...(ok || !error ? {} : { error: maskEmailsIn(error).slice(0, 200) }) };
}

export function lastMailerStatus(): MailerStatus {
  return g[KEY] ?? { ok: true, checkedAt: null };
}
