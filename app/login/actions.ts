"use server";
import { signIn } from "@/lib/auth/auth";
import { normaliseEmail } from "@/lib/subscribers/normalise-email";
import { hit } from "@/lib/security/rate-limit";
import { clientIp } from "@/lib/security/request-info";
import { redirect } from "next/navigation";

export type LoginState = { error?: string };

/**
 * Asks for a sign-in link. Known or not, every valid address takes the same path (lib/auth/auth.ts) and
 * gets the same answer: a redirect to the check-your-mail page; the mail itself goes out after it.
 */
export async function requestSignIn(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const email = normaliseEmail(formData.get("email"));
  if (!email.ok) return { error: email.error };
  const ip = await clientIp();
  const allowed = (await hit("login-ip", ip, { points: 10, durationSec: 600 })).ok && (await hit("login-addr", email.email, { points: 3, durationSec: 600 })).ok;
  if (allowed) await signIn("email", { email: email.email, redirectTo: "/admin", redirect: false });
  redirect("/login/check-email");
}
