"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn } from "@/lib/auth/auth";
import { action, fields, prevState } from "@/lib/http/boundary";
import { normaliseEmail } from "@/lib/subscribers/normalise-email";
import { hit } from "@/lib/security/rate-limit";
import { clientIp } from "@/lib/security/request-info";

// enterEmail: the form says "enter an email address" in the staff language.
export type LoginState = { error?: string; enterEmail?: true };

/**
 * Asks for a sign-in link. Known or not, every valid address takes the same path (lib/auth/auth.ts) and
 * gets the same answer: a redirect to the check-your-mail page; the mail itself goes out after it. The
 * limits are its own, not the boundary's: a used-up limit must get that same answer too.
 */
export const requestSignIn = action(
  {
    access: "public",
    input: z.tuple([prevState<LoginState>(), fields({ email: z.string().max(1000).default("") })]),
    invalid: (): LoginState => ({ enterEmail: true }),
  },
  async (_ctx, _prev, form): Promise<LoginState> => {
    const email = normaliseEmail(form.email);
    if (!email.ok) return { error: email.error };
    const ip = await clientIp();
    const allowed = (await hit("login-ip", ip, { points: 10, durationSec: 600 })).ok && (await hit("login-addr", email.email, { points: 3, durationSec: 600 })).ok;
    if (allowed) await signIn("email", { email: email.email, redirectTo: "/admin", redirect: false });
    redirect("/login/check-email");
  },
);
