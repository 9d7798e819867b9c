// Who may download or erase a subscriber's data from the preferences page. The mailed link alone is
// enough to see the page and to unsubscribe (that must stay easy), but newsletters get forwarded. So the
// download and the erasure need a link made in the last 7 days, opened in a browser that has shown it
// reads the mailbox (it confirmed the signup, or opened a fresh access link before); otherwise the person
// first gets a fresh single-use link by mail, valid 30 minutes (step-up: lib/subscribers/data-access-link.ts).
// The browser's proof is a signed HttpOnly cookie; nothing about the browser is stored on our side.
import { timingSafeEqual } from "node:crypto";
import { config } from "../config/index.ts";
import { hmacSha256 } from "../util/hash.ts";

export const LINK_FRESH_MS = 7 * 86_400_000;
export const GRANT_MS = 30 * 60_000;
/** Marks of the subscribers this browser has shown it reads the mail of (the last few). */
export const BROWSER_COOKIE = "pm_browser";
/** A grant from a fresh access link: one subscriber, until it expires. */
export const GRANT_COOKIE = "pm_data_access";
const MAX_MARKS = 8;

const sign = (what: string) => hmacSha256(hmacSha256(config().authSecret, "data-access-v1"), what).slice(0, 32);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const mark = (subscriberId: string) => `${subscriberId}.${sign(`browser:${subscriberId}`)}`;

/** The browser cookie's value with this subscriber's mark added (most recent first). */
export function addBrowserMark(cookie: string | undefined, subscriberId: string): string {
  const others = (cookie ?? "").split("~").filter((m) => m && !m.startsWith(`${subscriberId}.`));
  return [mark(subscriberId), ...others].slice(0, MAX_MARKS).join("~");
}

export function hasBrowserMark(cookie: string | undefined, subscriberId: string): boolean {
  const expected = mark(subscriberId);
  return (cookie ?? "").split("~").some((m) => same(m, expected));
}

export function grantValue(subscriberId: string, now = new Date()): string {
  const until = Math.floor((now.getTime() + GRANT_MS) / 1000).toString(36);
  return `${subscriberId}.${until}.${sign(`grant:${subscriberId}:${until}`)}`;
}

export function hasGrant(cookie: string | undefined, subscriberId: string, now = new Date()): boolean {
  const [id, until, mac] = (cookie ?? "").split(".");
  if (id !== subscriberId || !until || !mac || !/^[a-z0-9]{1,10}$/.test(until)) return false;
  return same(mac, sign(`grant:${id}:${until}`)) && parseInt(until, 36) * 1000 > now.getTime();
}

export type DataAccess = { allowed: true } | { allowed: false; because: "link-old" | "other-browser" };

export function decideDataAccess(f: { linkIssuedAt: Date | null; browserMarked: boolean; granted: boolean; now: Date }): DataAccess {
  if (f.granted) return { allowed: true };
  if (!f.linkIssuedAt || f.now.getTime() - f.linkIssuedAt.getTime() > LINK_FRESH_MS) return { allowed: false, because: "link-old" };
  if (!f.browserMarked) return { allowed: false, because: "other-browser" };
  return { allowed: true };
}
