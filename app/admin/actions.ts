"use server";
import { z } from "zod";
import { action } from "@/lib/http/boundary";
import { signOut } from "@/lib/auth/auth";
import { signOutEverywhere } from "@/lib/auth/sessions";

/** The header's "Sign out everywhere": ends every session of the signed-in person, this one included. */
export const signOutEverywhereOwn = action({ access: "sessions.own", input: z.tuple([]).rest(z.unknown()) }, async ({ staff }) => {
  await signOutEverywhere({ userId: staff.id, actor: staff });
  await signOut({ redirectTo: "/login" }); // clears this browser's cookie (its session is gone already)
});
