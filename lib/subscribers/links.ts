// Signed links that identify a subscription (unsubscribe), a subscriber (preferences) or one sent message
// (receipt: "why did I get this? / view in browser", per delivery) without the address:
// `<id>.<128-bit HMAC>`; preferences links also sign the time they were made. Stateless, so
// every link in every message ever sent keeps working; unguessable without the key. The key is derived
// from SUPPRESSION_KEY (rotating AUTH_SECRET must not break old links; a rotated SUPPRESSION_KEY stays
// valid for links as SUPPRESSION_KEY_PREVIOUS).
import { timingSafeEqual } from "node:crypto";
import { config } from "../config/index.ts";
import { hmacSha256 } from "../util/hash.ts";

type Purpose = "unsubscribe" | "preferences" | "receipt" | "test";

function mac(purpose: Purpose, signed: string, secret = config().suppressionKey): string {
  const key = hmacSha256(secret, "link-signing-v1");
  return Buffer.from(hmacSha256(key, `${purpose}:${signed}`), "hex").subarray(0, 16).toString("base64url");
}

const ID = /^[a-z0-9]{10,40}$/i;
const ISSUED = /^[a-z0-9]{1,10}$/;

/** Signed with the current key or a previous one (SUPPRESSION_KEY_PREVIOUS): links in mails sent before a rotation keep working. */
function macMatches(purpose: Purpose, signed: string, given: string): boolean {
  const a = Buffer.from(given);
  return [config().suppressionKey, ...config().suppressionKeyPrevious].some((secret) => {
    const b = Buffer.from(mac(purpose, signed, secret));
    return a.length === b.length && timingSafeEqual(a, b);
  });
}

type Signed = { id: string; /** null: a link from before links carried their date (treated as old). */ issuedAt: Date | null };

/** `<id>.<mac>`, or for preferences links `<id>.<issued, base-36 seconds>.<mac>` (the date is signed too). */
function read(purpose: Purpose, token: unknown): Signed | null {
  if (typeof token !== "string" || token.length > 100) return null;
  const parts = token.split(".");
  if (!ID.test(parts[0] ?? "")) return null;
  if (parts.length === 2) return macMatches(purpose, parts[0], parts[1]) ? { id: parts[0], issuedAt: null } : null;
  if (parts.length !== 3 || purpose !== "preferences" || !ISSUED.test(parts[1])) return null;
  if (!macMatches(purpose, `${parts[0]}:${parts[1]}`, parts[2])) return null;
  return { id: parts[0], issuedAt: new Date(parseInt(parts[1], 36) * 1000) };
}

export const unsubscribeToken = (subscriptionId: string) => `${subscriptionId}.${mac("unsubscribe", subscriptionId)}`;
export const verifyUnsubscribeToken = (token: unknown) => read("unsubscribe", token)?.id ?? null;

/** A preferences link carries when it was made: the data download and erasure ask more of an old one (lib/security/data-access.ts). */
export function preferencesToken(subscriberId: string, issuedAt = new Date()): string {
  const issued = Math.floor(issuedAt.getTime() / 1000).toString(36);
  return `${subscriberId}.${issued}.${mac("preferences", `${subscriberId}:${issued}`)}`;
}
export function readPreferencesToken(token: unknown): { subscriberId: string; issuedAt: Date | null } | null {
  const r = read("preferences", token);
  return r && { subscriberId: r.id, issuedAt: r.issuedAt };
}
export const verifyPreferencesToken = (token: unknown) => read("preferences", token)?.id ?? null;

/**
 * A delivery's receipt link. Its own purpose label, so it is not the X-Proofmail-Delivery id (that one is
 * quoted back in bounces and complaint reports, and must not open the person's receipt).
 */
export const receiptToken = (deliveryId: string) => `${deliveryId}.${mac("receipt", deliveryId)}`;
export const verifyReceiptToken = (token: unknown) => read("receipt", token)?.id ?? null;
/** The receipt link of previews and test mails: it opens a page that says so, never anyone's receipt. */
export const SAMPLE_RECEIPT_TOKEN = "sample";

/**
 * The unsubscribe link of a test mail: `test.<issue id>.<mac>`. It names an issue, never a subscription,
 * so it can unsubscribe nobody; it opens the real unsubscribe page's layout saying that this was a test.
 */
export const testLinkToken = (issueId: string) => `test.${issueId}.${mac("test", issueId)}`;
export function verifyTestLinkToken(token: unknown): string | null {
  if (typeof token !== "string" || token.length > 100) return null;
  const [prefix, id, given, ...rest] = token.split(".");
  return prefix === "test" && !rest.length && ID.test(id ?? "") && given && macMatches("test", id, given) ? id : null;
}

export const unsubscribeUrl = (subscriptionId: string) => `${config().appUrl}/u/${unsubscribeToken(subscriptionId)}`;
export const preferencesUrl = (subscriberId: string, issuedAt?: Date) => `${config().appUrl}/p/${preferencesToken(subscriberId, issuedAt)}`;
export const receiptUrl = (deliveryId: string) => `${config().appUrl}/m/${receiptToken(deliveryId)}`;

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
