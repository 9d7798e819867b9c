"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, fields, HttpError, text } from "@/lib/http/boundary";
import { signOut } from "@/lib/auth/auth";
import { signOutEverywhere } from "@/lib/auth/sessions";
import { setStaffLanguage } from "@/lib/users/staff-language";

/** The header's "Sign out everywhere": ends every session of the signed-in person, this one included. */
export const signOutEverywhereOwn = action({ access: "sessions.own", input: z.tuple([]).rest(z.unknown()) }, async ({ staff }) => {
  await signOutEverywhere({ userId: staff.id, actor: staff });
  await signOut({ redirectTo: "/login" }); // clears this browser's cookie (its session is gone already)
});

/** The header's language switch: the signed-in person's own admin language. */
export const setOwnLanguage = action({ access: "staff", input: z.tuple([fields({ language: text(10) })]) }, async ({ staff }, form) => {
  const r = await setStaffLanguage({ userId: staff.id, language: form.language });
  if (!r.ok) throw new HttpError("invalid_input", r.error);
  revalidatePath("/admin", "layout");
});
