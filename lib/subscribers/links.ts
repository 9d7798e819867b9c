// Signed links that identify a subscription (unsubscribe) or a subscriber (preferences) without the
// address: `<id>.<128-bit HMAC>`. Stateless, so every link in every message ever sent keeps working;
// unguessable without the key. The key is derived from SUPPRESSION_KEY, which must stay stable anyway
// (rotating AUTH_SECRET must not break old unsubscribe links).
import { timingSafeEqual } from "node:crypto";
import { config } from "../config/index.ts";
import { hmacSha256 } from "../util/hash.ts";

type Purpose = "unsubscribe" | "preferences";

function mac(purpose: Purpose, id: string, secret = config().suppressionKey): string {
  const key = hmacSha256(secret, "link-signing-v1");
  return Buffer.from(hmacSha256(key, `${purpose}:${id}`), "hex").subarray(0, 16).toString("base64url");
}

function sign(purpose: Purpose, id: string): string {
  return `${id}.${mac(purpose, id)}`;
}

function verify(purpose: Purpose, token: unknown): string | null {
  if (typeof token !== "string" || token.length > 100) return null;
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const id = token.slice(0, dot);
  if (!/^[a-z0-9]{10,40}$/i.test(id)) return null;
  const given = Buffer.from(token.slice(dot + 1));
  // Signed with the current key, or with a previous one (SUPPRESSION_KEY_PREVIOUS): links in mails sent before a rotation keep working.
  const signedBy = (secret: string) => {
    const expected = Buffer.from(mac(purpose, id, secret));
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  return [config().suppressionKey, ...config().suppressionKeyPrevious].some(signedBy) ? id : null;
}

export const unsubscribeToken = (subscriptionId: string) => sign("unsubscribe", subscriptionId);
export const verifyUnsubscribeToken = (token: unknown) => verify("unsubscribe", token);
export const preferencesToken = (subscriberId: string) => sign("preferences", subscriberId);
export const verifyPreferencesToken = (token: unknown) => verify("preferences", token);

export const unsubscribeUrl = (subscriptionId: string) => `${config().appUrl}/u/${unsubscribeToken(subscriptionId)}`;
export const preferencesUrl = (subscriberId: string) => `${config().appUrl}/p/${preferencesToken(subscriberId)}`;

// RFC 2369 mailto entry: the same opaque token as the https link, in the subject, so a reply names the
// subscription and never needs the sender's address to be trusted.
const MAILBOX = /^[A-Za-z0-9.!#$%&'*+/=^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** The first usable mailbox of: UNSUBSCRIBE_MAILTO, then the candidates (org contact, newsletter sender). */
export function unsubscribeMailbox(...candidates: (string | null | undefined)[]): string | null {
  for (const c of [config().unsubscribeMailto, ...candidates]) if (c && MAILBOX.test(c.trim())) return c.trim();
  return null;
}

export const unsubscribeMailto = (subscriptionId: string, mailbox: string) =>
  `mailto:${mailbox}?subject=unsubscribe%20${unsubscribeToken(subscriptionId)}`;
