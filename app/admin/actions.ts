"use server";
import { protectedAction } from "@/lib/auth/guard";
import { signOut } from "@/lib/auth/auth";
import { signOutEverywhere } from "@/lib/auth/sessions";

/** The header's "Sign out everywhere": ends every session of the signed-in person, this one included. */
export const signOutEverywhereOwn = protectedAction("sessions.own", async (staff) => {
  await signOutEverywhere({ userId: staff.id, actor: staff });
  await signOut({ redirectTo: "/login" }); // clears this browser's cookie (its session is gone already)
});
