// Text in the languages Proofmail speaks: one messages file per language (lib/i18n/messages/*.json, ICU
// message syntax), read through next-intl's translator so the same files serve server code, mails and
// documents. Adding a language is adding a messages file and its code here.
import { createTranslator } from "next-intl";
import en from "./messages/en.json";
import nl from "./messages/nl.json";

export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const MESSAGES: Record<Locale, typeof en> = { nl, en };

export const isLocale = (s: unknown): s is Locale => typeof s === "string" && (LOCALES as readonly string[]).includes(s);

/** A translator for one top-level namespace, e.g. `translator("nl", "proof")("title")`. */
export function translator<N extends keyof typeof en>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace });
}
