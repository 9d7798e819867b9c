"use server";
import { signIn } from "@/lib/auth/auth";
import { normaliseEmail } from "@/lib/subscribers/normalise-email";
import { hit } from "@/lib/security/rate-limit";
import { clientIp } from "@/lib/security/request-info";
import { redirect } from "next/navigation";

export type LoginState = { error?: string };

/** Sends a sign-in link if the address belongs to a staff member; the answer is the same either way. */
export async function requestSignIn(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const email = normaliseEmail(formData.get("email"));
  if (!email.ok) return { error: email.error };
  const ip = await clientIp();
  const limited = (await hit("login-ip", ip, { points: 10, durationSec: 600 })).ok && (await hit("login-addr", email.email, { points: 3, durationSec: 600 })).ok;
  if (!limited) redirect("/login/check-email");
  await signIn("email", { email: email.email, redirectTo: "/admin" });
  return {};
}
