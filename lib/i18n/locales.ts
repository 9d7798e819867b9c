// The languages Proofmail speaks, without their messages: modules that only need the list (validation,
// newsletter texts) import it from here, so they load where JSON imports cannot (Playwright's Node).
// translator.ts re-exports it beside the messages files; a new language is added to both.
export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const isLocale = (s: unknown): s is Locale => typeof s === "string" && (LOCALES as readonly string[]).includes(s);
