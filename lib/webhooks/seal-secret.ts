// Endpoint signing secrets at rest: signing needs the secret itself (a hash would not do), so it is sealed
// with AES-256-GCM under a key derived (HKDF) from AUTH_SECRET. A database dump alone cannot sign; rotating
// AUTH_SECRET makes the stored secrets unreadable, and each endpoint then needs a new one (Admin → Webhooks).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { config } from "../config/index.ts";

const key = () => Buffer.from(hkdfSync("sha256", config().authSecret, "proofmail", "webhook-signing-secrets v1", 32));

/** A new Standard Webhooks secret: whsec_ and 24 random bytes in base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

export function sealSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64")}`;
}

/** The secret, or null when it was sealed under another AUTH_SECRET (or tampered with). */
export function openSecret(sealed: string): string | null {
  const raw = Buffer.from(sealed.replace(/^v1:/, ""), "base64");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
