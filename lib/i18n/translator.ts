// Text in the languages Proofmail speaks: one messages file per language (lib/i18n/messages/*.json, ICU
// message syntax), read through next-intl's translator so the same files serve server code, mails and
// documents. Adding a language is adding a messages file, its import here and its code in locales.ts.
import { createTranslator } from "next-intl";
import en from "./messages/en.json";
import nl from "./messages/nl.json";

import type { Locale } from "./locales.ts";

// The list itself is in locales.ts (no JSON), for modules that load outside Next.js and vitest.
export { LOCALES, isLocale, type Locale } from "./locales.ts";
export const MESSAGES: Record<Locale, typeof en> = { nl, en };

/** A translator for one top-level namespace, e.g. `translator("nl", "proof")("title")`. */
export function translator<N extends keyof typeof en>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace });
}
