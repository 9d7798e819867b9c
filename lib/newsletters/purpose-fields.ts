// The fields of a newsletter that make up its purpose (what people are told they consent to), read from a
// Newsletter (with its NewsletterText rows) or a PurposeVersion row (its stored `texts`), and their content
// hash (what a PurposeVersion is an immutable copy of).
import type { LanguageTexts, PurposeFields } from "../rules/index.ts";
import { canonicalJson } from "../util/canonical-json.ts";
import { sha256 } from "../util/hash.ts";

type PurposeRow = {
  name: string; description: string; categories: unknown; fromName: string; fromEmail: string;
  thirdPartyOffers: boolean; aimedAtChildren: boolean;
  /** A Newsletter's NewsletterText rows, or a PurposeVersion's stored { [language]: texts }. */
  texts?: unknown;
};

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const str = (v: unknown) => (typeof v === "string" ? v : "");

// Only languages with a text of their own: a newsletter without any hashes as it did before languages.
function languageTexts(v: unknown): Record<string, LanguageTexts> | null {
  const entries: [string, unknown][] = Array.isArray(v)
    ? v.map((r: { language?: unknown }) => [str(r?.language), r])
    : v && typeof v === "object" ? Object.entries(v) : [];
  const out: Record<string, LanguageTexts> = {};
  for (const [language, t] of entries) {
    const r = (t ?? {}) as Record<string, unknown>;
    const texts = { name: str(r.name), description: str(r.description), fromName: str(r.fromName) };
    if (language && (texts.name || texts.description || texts.fromName)) out[language] = texts;
  }
  return Object.keys(out).length ? out : null;
}

export function purposeFieldsOf(row: PurposeRow): PurposeFields {
  const texts = languageTexts(row.texts);
  return {
    name: row.name, description: row.description, categories: strings(row.categories), fromName: row.fromName,
    fromEmail: row.fromEmail, thirdPartyOffers: row.thirdPartyOffers, aimedAtChildren: row.aimedAtChildren,
    ...(texts ? { texts } : {}),
  };
}

export const purposeContentHash = (fields: PurposeFields) => sha256(canonicalJson(fields));

/** A purpose version's name, description and sender name as a reader of `language` saw them. */
export function purposeTextsIn(pv: Pick<PurposeRow, "name" | "description" | "fromName" | "texts">, language: string): LanguageTexts {
  const own = languageTexts(pv.texts)?.[language];
  return { name: own?.name || pv.name, description: own?.description || pv.description, fromName: own?.fromName || pv.fromName };
}
