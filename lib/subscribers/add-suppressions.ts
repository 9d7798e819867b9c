// Admins put addresses on the suppression list without them being subscribers (a customer who phoned in,
// a list of people who objected elsewhere): stored only as the keyed hash (R-RET-SUPPRESSION-HASH), scope
// all, with a reason. Every line is checked first; one bad line and nothing is written. Audited with the
// count and reason, never an address.
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { normaliseEmail } from "./normalise-email.ts";
import { suppress, type SuppressionReason } from "./suppression.ts";

export const ADDABLE_REASONS = ["objection", "withdrawal", "complaint", "bounce"] as const satisfies readonly SuppressionReason[];
export const MAX_LINES = 10_000;

export type AddSuppressionsResult =
  | { ok: true; added: number }
  | { ok: false; error: string; lines?: { line: number; error: string }[] };

export async function addSuppressions(opts: { text: unknown; reason: unknown; actor: AuditActor; at?: Date }): Promise<AddSuppressionsResult> {
  if (typeof opts.reason !== "string" || !ADDABLE_REASONS.includes(opts.reason as (typeof ADDABLE_REASONS)[number])) return { ok: false, error: "Choose a reason." };
  const reason = opts.reason as SuppressionReason;
  const raw = typeof opts.text === "string" ? opts.text.split(/\r\n|\r|\n/) : [];
  if (raw.length > MAX_LINES) return { ok: false, error: `At most ${MAX_LINES} lines at once.` };
  const emails = new Set<string>();
  const lines: { line: number; error: string }[] = [];
  raw.forEach((text, i) => {
    if (text.trim() === "") return;
    const r = normaliseEmail(text);
    if (r.ok) emails.add(r.email);
    else lines.push({ line: i + 1, error: r.error });
  });
  if (lines.length) return { ok: false, error: `${lines.length} line(s) are not valid e-mail addresses; nothing was added.`, lines: lines.slice(0, 100) };
  if (emails.size === 0) return { ok: false, error: "Enter at least one e-mail address." };
  const at = opts.at ?? new Date();
  await db.$transaction(async (tx) => {
    for (const email of emails) await suppress(tx, email, "all", reason, at);
    await audit(tx, opts.actor, "suppression.add", null, { count: emails.size, reason });
  }, { timeout: 120_000 });
  return { ok: true, added: emails.size };
}
