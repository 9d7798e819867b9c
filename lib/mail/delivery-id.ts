// The signed per-delivery id every newsletter message carries (issue 14 D2): `<deliveryId>.<mac>`, in the
// X-Proofmail-Delivery header and, with BOUNCE_ADDRESS, in the VERP envelope sender
// `bounces+<deliveryId>.<mac>@bounce-domain`. A bounce, complaint or reply that quotes it is matched to the
// exact delivery without trusting anything else in it; a forged or damaged id matches nothing.
// The mac is 96 bits of an HMAC whose key is derived from SUPPRESSION_KEY under its own label (as
// lib/subscribers/links.ts does), in lower-case hex: mail systems may change the case of a local part,
// and the whole local part stays within RFC 5321's 64 characters. Ids made under SUPPRESSION_KEY_PREVIOUS
// still verify, so bounces of mail sent before a key rotation are still matched.
import { timingSafeEqual } from "node:crypto";
import { config } from "../config/index.ts";
import { hmacSha256 } from "../util/hash.ts";

export const DELIVERY_HEADER = "X-Proofmail-Delivery";

const ID = /^[a-z0-9]{10,40}$/;
const TOKEN = /^([a-z0-9]{10,40})\.([0-9a-f]{24})$/;

function mac(deliveryId: string, secret: string): string {
  const key = hmacSha256(secret, "delivery-id-v1");
  return hmacSha256(key, `delivery:${deliveryId}`).slice(0, 24);
}

/** `<id>.<mac>`; ids that are not plain lower-case alphanumerics (a preview's key) are reduced to that first. */
export function deliveryToken(deliveryId: string): string {
  const id = deliveryId.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 40).padEnd(10, "0");
  return `${id}.${mac(id, config().suppressionKey)}`;
}

/** The delivery id a token names, or null (malformed, forged, or made under a key we no longer hold). */
export function verifyDeliveryToken(token: unknown): string | null {
  if (typeof token !== "string" || token.length > 80) return null;
  const m = TOKEN.exec(token.trim().toLowerCase());
  if (!m || !ID.test(m[1])) return null;
  const given = Buffer.from(m[2]);
  const ok = [config().suppressionKey, ...config().suppressionKeyPrevious].some((secret) => {
    const want = Buffer.from(mac(m[1], secret));
    return want.length === given.length && timingSafeEqual(want, given);
  });
  return ok ? m[1] : null;
}

/** The VERP envelope sender for a delivery, or null when BOUNCE_ADDRESS is not set. */
export function verpAddress(deliveryId: string): string | null {
  const b = config().bounceAddress;
  return b ? `${b.local}+${deliveryToken(deliveryId)}@${b.domain}` : null;
}

/** The token in a VERP address of ours (`local+<token>@domain`, any case), or null. */
export function tokenFromVerp(address: string): string | null {
  const b = config().bounceAddress;
  const m = /^([^@+\s<>]+)\+([a-z0-9]{10,40}\.[0-9a-f]{24})@([^@\s<>]+)$/i.exec(address.trim().replace(/^<|>$/g, ""));
  if (!m) return null;
  // With BOUNCE_ADDRESS set the address must be ours; the mac is checked either way.
  if (b && (m[1].toLowerCase() !== b.local.toLowerCase() || m[3].toLowerCase() !== b.domain)) return null;
  return m[2];
}
