// What an embedded form's visitor typed when their post failed, carried across the 303 from
// /api/subscribe to our page <form path>/embed, which shows the current form with those values and the
// message. It travels in a cookie scoped to that page, sealed with AES-256-GCM under a key derived from
// AUTH_SECRET (nobody can read the address in it or forge one), HttpOnly, SameSite=Lax (so it comes along
// on the redirect's top-level GET from the other site), for 10 minutes. Nothing is stored on our side.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { config } from "../config/index.ts";
import { hmacSha256 } from "../util/hash.ts";
import { isSignupErrorCode, type SignupErrorCode } from "./submit-signup.ts";

export const SIGNUP_RETRY_COOKIE = "pm_signup_retry";
const TTL_MS = 10 * 60_000;

/** What the person typed, as the form shows it again (capped: never echo a huge value). */
export type SignupValues = { email: string; name: string; newsletterIds: string[]; age: string; guardianEmail: string };

export type SignupRetry = { formPath: string; code: SignupErrorCode; field?: string; values: SignupValues };

const str = (v: unknown, max: number) => (typeof v === "string" ? v.slice(0, max) : "");

export function keptValues(v: { email: unknown; name: unknown; newsletterIds: unknown; age: unknown; guardianEmail: unknown }): SignupValues {
  const ids = Array.isArray(v.newsletterIds) ? v.newsletterIds : [v.newsletterIds];
  return {
    email: str(v.email, 320), name: str(v.name, 200), age: str(v.age, 20), guardianEmail: str(v.guardianEmail, 320),
    newsletterIds: ids.filter((x): x is string => typeof x === "string").slice(0, 50).map((x) => x.slice(0, 64)),
  };
}

const key = () => Buffer.from(hmacSha256(config().authSecret, "signup-retry-v1"), "hex");

export function sealSignupRetry(retry: SignupRetry, now = new Date()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify({ ...retry, exp: now.getTime() + TTL_MS }), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** The retry for this form page, or null (none, expired, tampered with, or for another form). */
export function openSignupRetry(sealed: string | undefined, formPath: string, now = new Date()): SignupRetry | null {
  if (!sealed || sealed.length > 8000) return null;
  try {
    const raw = Buffer.from(sealed, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const data = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8"));
    if (data.formPath !== formPath || typeof data.exp !== "number" || data.exp < now.getTime() || !isSignupErrorCode(data.code)) return null;
    return { formPath, code: data.code, ...(typeof data.field === "string" ? { field: data.field } : {}), values: keptValues(data.values ?? {}) };
  } catch {
    return null;
  }
}

/** Sets the cookie for the redirect to the retry page (route handlers and server actions); returns that page's path. */
export async function rememberSignupRetry(retry: SignupRetry): Promise<string> {
  const page = `${retry.formPath}/embed`;
  (await cookies()).set(SIGNUP_RETRY_COOKIE, sealSignupRetry(retry), {
    httpOnly: true, sameSite: "lax", secure: config().appUrl.startsWith("https:"), path: page, maxAge: TTL_MS / 1000,
  });
  return page;
}
