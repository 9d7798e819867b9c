// The browser side of lib/security/data-access.ts: reads and sets its two cookies (HttpOnly, SameSite=Lax
// so they come along when the person clicks a mailed link, Secure on https).
import "server-only";
import { cookies } from "next/headers";
import { config } from "../config/index.ts";
import { BROWSER_COOKIE, GRANT_COOKIE, GRANT_MS, addBrowserMark, decideDataAccess, grantValue, hasBrowserMark, hasGrant, type DataAccess } from "./data-access.ts";

const options = (maxAgeSec: number) => ({
  httpOnly: true, sameSite: "lax" as const, secure: config().appUrl.startsWith("https:"), path: "/", maxAge: maxAgeSec,
});

export async function dataAccessFor(link: { subscriberId: string; issuedAt: Date | null }, now = new Date()): Promise<DataAccess> {
  const jar = await cookies();
  return decideDataAccess({
    linkIssuedAt: link.issuedAt,
    browserMarked: hasBrowserMark(jar.get(BROWSER_COOKIE)?.value, link.subscriberId),
    granted: hasGrant(jar.get(GRANT_COOKIE)?.value, link.subscriberId, now),
    now,
  });
}

/** This browser has shown it reads the subscriber's mail (it confirmed, or opened a fresh access link). */
export async function rememberBrowser(subscriberId: string) {
  const jar = await cookies();
  jar.set(BROWSER_COOKIE, addBrowserMark(jar.get(BROWSER_COOKIE)?.value, subscriberId), options(400 * 86_400));
}

export async function grantDataAccess(subscriberId: string, now = new Date()) {
  await rememberBrowser(subscriberId);
  (await cookies()).set(GRANT_COOKIE, grantValue(subscriberId, now), options(GRANT_MS / 1000));
}
