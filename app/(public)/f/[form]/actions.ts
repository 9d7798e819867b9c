"use server";
// The public signup form's server action (works without JavaScript: a plain form post). It only parses
// the form and passes it to lib/consent/submit-signup; that decides everything.
import { after } from "next/server";
import { redirect } from "next/navigation";
import { submitSignup } from "@/lib/consent/submit-signup";
import { requestInfo } from "@/lib/security/request-info";

export type SignupState = { error?: string; field?: string; values?: { email: string; name: string; newsletterIds: string[]; age: string; guardianEmail: string } };

const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : "");

export async function signup(_prev: SignupState, formData: FormData): Promise<SignupState> {
  const info = await requestInfo();
  const result = await submitSignup({
    formVersionId: formData.get("formVersionId"),
    email: formData.get("email"),
    name: formData.get("name"),
    age: formData.get("age"),
    guardianEmail: formData.get("guardianEmail"),
    newsletterIds: formData.getAll("newsletter"),
    honeypot: formData.get("website"),
    pow: { challenge: formData.get("powChallenge"), nonce: formData.get("powNonce") },
    language: formData.get("language") === "en" ? "en" : "nl",
    via: "form",
    ip: info.ip,
    userAgent: info.userAgent,
    defer: after,
  });
  if (result.ok) redirect(result.thanksPath);
  return {
    error: result.message,
    field: result.field,
    // Shown again in the form so nothing has to be retyped (capped: never echo a huge value).
    values: {
      email: text(formData.get("email")).slice(0, 320),
      name: text(formData.get("name")).slice(0, 200),
      newsletterIds: formData.getAll("newsletter").filter((v): v is string => typeof v === "string").slice(0, 50),
      age: text(formData.get("age")).slice(0, 20),
      guardianEmail: text(formData.get("guardianEmail")).slice(0, 320),
    },
  };
}
