// Until inbound mail is processed, a reply to the List-Unsubscribe mailto address reaches staff. They paste
// its subject ("unsubscribe <token>"): the signed token names the subscription (never the address), and the
// withdrawal is recorded with channel reply-mail, exactly as the https link would have done it.
import { findUnsubscribeTarget } from "./unsubscribe-by-token.ts";
import { recordObjection, type RecordObjectionResult } from "./record-objection.ts";

// The token of lib/subscribers/links.ts: `<id>.<22 base64url characters>`, wherever it stands in the line.
const TOKEN = /(?:^|[\s=:]|%20)([a-z0-9]{10,40}\.[A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])/i;

export type ReplyUnsubscribeResult =
  | { ok: true; newsletterName: string; changed: boolean }
  | { ok: false; error: string };

export async function recordReplyUnsubscribe(opts: { subject: unknown; note?: unknown; staff: { id: string; email: string } }): Promise<ReplyUnsubscribeResult> {
  const subject = typeof opts.subject === "string" ? opts.subject.slice(0, 1000) : "";
  const token = subject.match(TOKEN)?.[1];
  const target = token ? await findUnsubscribeTarget(token) : null;
  if (!target) return { ok: false, error: "No valid unsubscribe code found. Paste the subject line as it arrived, e.g. \"unsubscribe abc123….XyZ\"." };
  const r: RecordObjectionResult = await recordObjection({
    subscriberId: target.subscriberId, scope: target.newsletterId, kind: "withdrawal", channel: "reply-mail",
    note: typeof opts.note === "string" ? opts.note : "", staff: opts.staff, via: "mailto",
  });
  if (!r.ok) return { ok: false, error: r.error };
  return { ok: true, newsletterName: target.newsletterName, changed: r.withdrawn.length > 0 };
}
