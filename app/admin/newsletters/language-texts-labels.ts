// The words of the texts-per-language section (messages namespace newsletterTexts), read on the server
// and handed to the client form, with each language's own name from Intl (no list of names to keep).
import "server-only";
import { LOCALES, translator, type Locale } from "@/lib/i18n/translator";

export type LanguageTextsLabels = {
  heading: string; intro: string; name: string; description: string; fromName: string; footer: string; fallback: string;
  languages: { code: string; name: string; primary: string; other: string }[];
};

export function languageTextsLabels(locale: Locale = "en"): LanguageTextsLabels {
  const t = translator(locale, "newsletterTexts");
  const names = new Intl.DisplayNames([locale], { type: "language" });
  return {
    heading: t("heading"), intro: t("intro"), name: t("name"), description: t("description"), fromName: t("fromName"), footer: t("footer"), fallback: t("fallback"),
    languages: LOCALES.map((code) => {
      const language = names.of(code) ?? code;
      // The language's name in itself, for the primary-language choice ("Nederlands", "English").
      const name = new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code;
      return { code, name: name.charAt(0).toLocaleUpperCase(code) + name.slice(1), primary: t("primary", { language }), other: t("other", { language }) };
    }),
  };
}
