// The language of the public privacy pages, decided once here so the page and its <html lang>
// (lib/i18n/page-language.ts) agree: the language of the text shown.
import { currentPrivacyStatement, getPrivacyStatementByNumber, privacyLanguage, type PrivacyLanguage } from "./privacy-statement.ts";

/** The visitor's language: ?lang= when given, else the first of nl/en in Accept-Language, else nl. */
export function visitorLanguage({ asked, acceptLanguage }: { asked?: string | null; acceptLanguage?: string | null }): PrivacyLanguage {
  if (asked === "nl" || asked === "en") return asked;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(";");
      const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith("q="))?.slice(2) ?? "1");
      return { base: tag.split("-")[0], q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => (x.base === "nl" || x.base === "en") && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.length ? privacyLanguage(ranked[0].base) : "nl";
}

/** The version number in /privacy/v/N, or null for anything that is not a plain positive number. */
export const versionNumber = (s: string): number | null => (/^[1-9]\d{0,8}$/.test(s) ? Number(s) : null);

/** The language /privacy or /privacy/v/N is shown in: that of the text it shows. */
export async function privacyPageLanguage({ key, version, asked, acceptLanguage }: { key?: string; version?: string; asked?: string | null; acceptLanguage?: string | null }): Promise<PrivacyLanguage> {
  const wanted = visitorLanguage({ asked, acceptLanguage });
  if (key === "v") {
    const n = versionNumber(version ?? "");
    return (n && (await getPrivacyStatementByNumber(n))?.language) || wanted;
  }
  return (await currentPrivacyStatement(wanted))?.language ?? wanted;
}

