// After decideImport accepts a row, what the file itself says about it must hold (§3.2 import): a consent
// date cannot lie in the future or before the newsletter began, must be a date at all when the basis is
// consent, and a row that names another newsletter does not belong in this one. Pure: `now` comes in.
import type { ImportReason } from "./reasons";

export type ImportFileFacts = {
  /** The row's newsletter column, if the file has one. */
  namedNewsletter: string | null;
  newsletter: { slug: string; name: string };
  consentBasis: boolean;
  /** The row's consent date as read: absent, unreadable, or an ISO instant. */
  consentDate: null | { ok: false } | { ok: true; iso: string };
  /** When the newsletter (or the list it continues) began; null: no bound. */
  since: Date | null;
  now: Date;
};

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function checkImportFile(f: ImportFileFacts): ImportReason | null {
  const named = (f.namedNewsletter ?? "").trim();
  if (named && !same(named, f.newsletter.slug) && !same(named, f.newsletter.name)) return "IMPORT_OTHER_NEWSLETTER";
  if (!f.consentBasis || !f.consentDate) return null;
  if (!f.consentDate.ok) return "IMPORT_CONSENT_DATE_UNREADABLE";
  const at = Date.parse(f.consentDate.iso);
  if (at > f.now.getTime()) return "IMPORT_CONSENT_DATE_FUTURE";
  if (f.since && at < f.since.getTime()) return "IMPORT_CONSENT_DATE_BEFORE_NEWSLETTER";
  return null;
}
