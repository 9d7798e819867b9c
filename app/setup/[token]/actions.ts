"use server";
import { completeSetup } from "@/lib/auth/setup";
import { signIn } from "@/lib/auth/auth";

export type SetupState = { error?: string };

export async function createFirstAdmin(token: string, _prev: SetupState, formData: FormData): Promise<SetupState> {
  const r = await completeSetup(token, { email: formData.get("email"), name: formData.get("name") });
  if (!r.ok) return { error: r.error };
  await signIn("email", { email: r.email, redirectTo: "/admin" });
  return {};
}
