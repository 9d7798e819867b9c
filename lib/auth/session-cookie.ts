// The staff session cookie, named as Auth.js names it (@auth/core lib/utils/cookie.js: the `__Secure-`
// prefix when secure), with `secure` taken from APP_URL. lib/auth/auth.ts passes the same settings to
// Auth.js, so a session we start ourselves (after setup) is one Auth.js reads.
import { config } from "../config/index.ts";

export const SESSION_MAX_AGE_SEC = 7 * 24 * 3600;

export function sessionCookie(appUrl: string = config().appUrl) {
  const secure = new URL(appUrl).protocol === "https:";
  return {
    name: `${secure ? "__Secure-" : ""}authjs.session-token`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}
