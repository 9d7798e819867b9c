// A newsletter's texts in one language. The primary language's texts are the Newsletter's own fields; any
// other language of lib/i18n/translator.ts may have a NewsletterText row, whose empty fields fall back to
// the primary text. Adding a language needs no code here: LOCALES (lib/i18n/locales.ts) and a messages file.
import { LOCALES } from "../i18n/locales.ts";

export const TEXT_FIELDS = ["name", "description", "fromName", "footer"] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export type NewsletterTexts = Record<TextField, string>;
export type NewsletterTextRow = NewsletterTexts & { language: string };
export type WithTexts = NewsletterTexts & { language: string; texts?: NewsletterTextRow[] };

type HasText<F extends TextField> = Pick<NewsletterTexts, F> & { language: string; texts?: (Pick<NewsletterTexts, F> & { language: string })[] };

/** One of the newsletter's texts as a person reading `language` sees it. */
export function textIn<F extends TextField>(newsletter: HasText<F>, language: string, field: F): string {
  const own = language === newsletter.language ? undefined : newsletter.texts?.find((t) => t.language === language);
  return own?.[field] || newsletter[field];
}

/** The newsletter's texts as a person reading `language` sees them. */
export function textsIn(newsletter: WithTexts, language: string): NewsletterTexts {
  return Object.fromEntries(TEXT_FIELDS.map((f) => [f, textIn(newsletter, language, f)])) as NewsletterTexts;
}

/** The newsletter with its name, description, sender name and footer in `language` (for code that reads those fields). */
export function inLanguage<N extends WithTexts>(newsletter: N, language: string): N {
  return { ...newsletter, ...textsIn(newsletter, language) };
}

/** What is stored per language, without fallback (the admin form shows empty fields as empty). */
export function storedTexts(newsletter: WithTexts): Record<string, NewsletterTexts> {
  const own = (t: NewsletterTexts) => Object.fromEntries(TEXT_FIELDS.map((f) => [f, t[f]])) as NewsletterTexts;
  return Object.fromEntries([[newsletter.language, own(newsletter)], ...(newsletter.texts ?? []).filter((t) => t.language !== newsletter.language).map((t) => [t.language, own(t)])]);
}

/** The languages beside the primary one, each of which may have its own texts. */
export const otherLanguages = (primary: string): string[] => LOCALES.filter((l) => l !== primary);

/** Include this to load a newsletter with its texts: `include: { texts: TEXTS }`. */
export const TEXTS = { select: { language: true, name: true, description: true, fromName: true, footer: true } } as const;
