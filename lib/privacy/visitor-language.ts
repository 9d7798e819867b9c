// The language of the public privacy pages, decided once here so the page and its <html lang>
// (lib/i18n/page-language.ts) agree: the language of the text shown.
import { bestLocale } from "../i18n/accept-language.ts";
import { currentPrivacyStatement, getPrivacyStatementByNumber, type PrivacyLanguage } from "./privacy-statement.ts";

/** The visitor's language: ?lang= when given, else the first of nl/en in Accept-Language, else nl. */
export function visitorLanguage({ asked, acceptLanguage }: { asked?: string | null; acceptLanguage?: string | null }): PrivacyLanguage {
  if (asked === "nl" || asked === "en") return asked;
  return bestLocale(acceptLanguage) ?? "nl";
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

