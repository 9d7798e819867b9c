// Text for staff pages (admin, sign-in, setup) in the staff member's language: what they chose, else their
// browser's best match, else English (lib/users/staff-language.ts). Server components call
// staffTranslator("admin.<area>"); client components read the same messages through useTranslations, from
// the NextIntlClientProvider that <StaffIntl> puts around staff pages.
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { createFormatter, createTranslator, type MessageKeys, type NamespaceKeys, type NestedKeyOf } from "next-intl";
import { currentStaff } from "../auth/guard.ts";
import { chosenStaffLanguage, staffLanguage } from "../users/staff-language.ts";
import { MESSAGES, type Locale } from "./translator.ts";

type Messages = (typeof MESSAGES)["en"];
export type StaffNamespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

// Staff pages show times in UTC, said so on the page, so every staff member reads the same moment.
export const STAFF_TIME_ZONE = "UTC";

export const staffLocale = cache(async (): Promise<Locale> => {
  const staff = await currentStaff();
  const chosen = staff ? await chosenStaffLanguage(staff.id) : null;
  return staffLanguage({ chosen, acceptLanguage: (await headers()).get("accept-language") });
});

/** A translator for one namespace of the staff member's messages, e.g. `(await staffTranslator("admin.nav"))("home")`. */
export async function staffTranslator<N extends StaffNamespace>(namespace: N) {
  const locale = await staffLocale();
  return createTranslator({ locale, messages: MESSAGES[locale], namespace, timeZone: STAFF_TIME_ZONE });
}

/** Dates and numbers in the staff member's language (times in UTC). */
export async function staffFormatter() {
  return createFormatter({ locale: await staffLocale(), timeZone: STAFF_TIME_ZONE });
}

/** What the client provider needs: the locale and only the staff messages. */
export async function staffClientMessages() {
  const locale = await staffLocale();
  return { locale, messages: { admin: MESSAGES[locale].admin }, timeZone: STAFF_TIME_ZONE };
}

/** A page's generateMetadata: its title is the message `key`, e.g. "admin.users.title", in the staff member's language. */
export function staffTitle(key: MessageKeys<Messages, NestedKeyOf<Messages>>) {
  return async () => {
    const locale = await staffLocale();
    return { title: createTranslator({ locale, messages: MESSAGES[locale] })(key) };
  };
}
