"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { completeSetup } from "@/lib/auth/setup";
import { startSession } from "@/lib/auth/start-session";

export type SetupState = { error?: string };

/** Creates the first admin and signs them in at once: without SMTP there would be no way to get a link. */
export async function createFirstAdmin(token: string, _prev: SetupState, formData: FormData): Promise<SetupState> {
  const r = await completeSetup(token, { email: formData.get("email"), name: formData.get("name") });
  if (!r.ok) return { error: r.error };
  const session = await startSession({ userId: r.userId });
  (await cookies()).set(session.name, session.value, session.options);
  redirect("/admin");
}
