// The browser that confirmed a signup carries a signed mark (lib/security/data-access.ts) that lets a
// recent preferences link reach the data. Specs that start from a fixture subscriber give their browser
// that mark, as if it had pressed Confirm.
import type { BrowserContext } from "@playwright/test";
import { e2eDb } from "./db";
import { e2eEnv } from "./env";

export async function markAsConfirmingBrowser(context: BrowserContext, subscriberId: string) {
  await e2eDb(); // the same secrets as the server
  const { addBrowserMark, BROWSER_COOKIE } = await import("../../lib/security/data-access.ts");
  await context.addCookies([{ name: BROWSER_COOKIE, value: addBrowserMark(undefined, subscriberId), url: e2eEnv().APP_URL, httpOnly: true, sameSite: "Lax" }]);
}
