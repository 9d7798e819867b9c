"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action, fields, prevState, text } from "@/lib/http/boundary";
import { completeSetup } from "@/lib/auth/setup";
import { startSession } from "@/lib/auth/start-session";
import { SETUP_LIMIT } from "@/lib/security/public-limits";

export type SetupState = { error?: string };

/** Creates the first admin and signs them in at once: without SMTP there would be no way to get a link. */
export const createFirstAdmin = action(
  {
    access: "public",
    rateLimit: SETUP_LIMIT,
    input: z.tuple([z.string().max(200), prevState<SetupState>(), fields({ email: text(1000), name: text(1000) })]),
    invalid: (e): SetupState => ({ error: e.message }),
  },
  async (_ctx, token, _prev, form): Promise<SetupState> => {
    const r = await completeSetup(token, { email: form.email, name: form.name });
    if (!r.ok) return { error: r.error };
    const session = await startSession({ userId: r.userId });
    (await cookies()).set(session.name, session.value, session.options);
    redirect("/admin");
  },
);
