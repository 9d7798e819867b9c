"use server";
// The public signup form's server action (works without JavaScript: a plain form post). It only parses
// the form and passes it to lib/consent/submit-signup; that decides everything, its rate limits included
// (per address as well as per IP, with an answer that tells nothing).
import { after } from "next/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action, fields, prevState, text } from "@/lib/http/boundary";
import { submitSignup } from "@/lib/consent/submit-signup";
import { requestInfo } from "@/lib/security/request-info";
import { keptValues, rememberSignupRetry, type SignupValues } from "@/lib/consent/signup-retry";

export type SignupState = { error?: string; field?: string; values?: SignupValues };

// Caps far above what the form allows: submitSignup gives the person's messages; these keep hostile sizes out.
const signupFields = fields({
  formVersionId: text(200), email: text(2000), name: text(2000), age: text(100), guardianEmail: text(2000),
  newsletter: z.array(z.string().max(200)).max(200), website: text(2000), powChallenge: text(2000), powNonce: text(200), language: text(10),
});

export const signup = action(
  { access: "public", input: z.tuple([prevState<SignupState>(), signupFields]), invalid: (e): SignupState => ({ error: e.message, field: e.extra.field }) },
  async (_ctx, _prev, form): Promise<SignupState> => {
    const info = await requestInfo();
    const result = await submitSignup({
      formVersionId: form.formVersionId,
      email: form.email,
      name: form.name,
      age: form.age,
      guardianEmail: form.guardianEmail,
      newsletterIds: form.newsletter,
      honeypot: form.website,
      pow: { challenge: form.powChallenge, nonce: form.powNonce },
      language: form.language === "en" ? "en" : "nl",
      via: "form",
      ip: info.ip,
      userAgent: info.userAgent,
      defer: after,
    });
    if (result.ok) redirect(result.thanksPath);
    // Shown again in the form so nothing has to be retyped.
    const values = keptValues({ ...form, newsletterIds: form.newsletter });
    // The page still shows the text that changed: show the current one (with nothing ticked) instead.
    if (result.code === "form_updated" && result.formPath) redirect(await rememberSignupRetry({ formPath: result.formPath, code: result.code, values }));
    return { error: result.message, field: result.field, values };
  },
);
