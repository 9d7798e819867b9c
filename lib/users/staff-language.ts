// The language a staff member reads the admin interface in: the one they chose (stored on their User),
// else the best match in their browser's Accept-Language, else English.
import { db } from "../db/index.ts";
import { bestLocale } from "../i18n/accept-language.ts";
import { isLocale, type Locale } from "../i18n/translator.ts";
import type { UserChangeResult } from "./change-user-role.ts";

export function staffLanguage({ chosen, acceptLanguage }: { chosen: string | null | undefined; acceptLanguage: string | null | undefined }): Locale {
  return isLocale(chosen) ? chosen : (bestLocale(acceptLanguage) ?? "en");
}

/** The language this staff member chose, or null when they never chose (or no longer exist). */
export async function chosenStaffLanguage(userId: string): Promise<Locale | null> {
  const u = await db.user.findUnique({ where: { id: userId }, select: { language: true } });
  return isLocale(u?.language) ? u.language : null;
}

/** Stores the staff member's own choice; anything but one of our languages is refused. */
export async function setStaffLanguage({ userId, language }: { userId: string; language: unknown }): Promise<UserChangeResult> {
  if (!isLocale(language)) return { ok: false, error: "Choose a language: nl or en." };
  const r = await db.user.updateMany({ where: { id: userId }, data: { language } });
  return r.count ? { ok: true } : { ok: false, error: "This user no longer exists." };
}
