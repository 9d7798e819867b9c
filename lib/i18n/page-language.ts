// The language of a page, for its <html lang> (WCAG 3.1.1): the root layout renders before the page's own
// data is known, so it asks here by path. Public pages speak the language of what they show (the form, the
// newsletter, the signup a link belongs to, the privacy statement shown) or the one chosen with ?lang=;
// staff pages speak the staff member's language (lib/i18n/staff-translator.ts).
import "server-only";
import { cache } from "react";
import { db } from "../db/index.ts";
import { getPublicFormLanguage } from "../consent/get-current-form-version.ts";
import { getOptinLink } from "../consent/get-optin-link.ts";
import { getRepermissionLink } from "../repermission/get-repermission-link.ts";
import { findUnsubscribeTarget } from "../subscribers/unsubscribe-by-token.ts";
import { readPreferencesToken } from "../subscribers/links.ts";
import { privacyPageLanguage } from "../privacy/visitor-language.ts";
import { receiptLanguage } from "../receipts/receipt-language.ts";
import { isLocale, type Locale } from "./translator.ts";

const segment = (s: string | undefined) => {
  try {
    return decodeURIComponent(s ?? "");
  } catch {
    return "";
  }
};

async function preferencesLanguage(token: string): Promise<Locale> {
  const link = readPreferencesToken(token);
  if (!link) return "nl";
  const first = await db.subscription.findFirst({ where: { subscriberId: link.subscriberId }, orderBy: { createdAt: "asc" }, select: { newsletter: { select: { language: true } } } });
  return first?.newsletter.language === "en" ? "en" : "nl";
}

/** `path` as the proxy passed it: pathname and search; `acceptLanguage` the request's header (/privacy). */
export const pageLanguage = cache(async (path: string, acceptLanguage: string | null = null): Promise<Locale> => {
  const url = new URL(path, "http://x");
  const [area, key, version] = url.pathname.split("/").filter(Boolean).map(segment);
  const asked = url.searchParams.get("lang");
  switch (area) {
    case "f":
      return (await getPublicFormLanguage({ formSlug: key })) ?? "nl";
    case "n":
      return (await getPublicFormLanguage({ newsletterSlug: key })) ?? "nl";
    case "confirm":
      return (await getOptinLink({ token: key })).language ?? "nl";
    case "r": {
      const link = await getRepermissionLink({ token: key });
      return link.state === "unknown" ? "nl" : link.language;
    }
    case "m":
      return receiptLanguage(key);
    case "unsubscribe":
      return (await findUnsubscribeTarget(key))?.lang ?? "nl";
    case "privacy":
      return privacyPageLanguage({ key, version, asked, acceptLanguage });
    case "p":
      if (isLocale(asked)) return asked;
      return key === "access" || key === "invalid" ? "nl" : preferencesLanguage(key);
    case "admin":
    case "login":
    case "setup":
      // Loaded only here: public pages never load Auth.js.
      return (await import("./staff-translator.ts")).staffLocale();
    default:
      return "en";
  }
});
