// The staff session cookie, named as Auth.js names it (@auth/core lib/utils/cookie.js: the `__Secure-`
// prefix when secure), with `secure` taken from APP_URL. lib/auth/auth.ts passes the same settings to
// Auth.js, so a session we start ourselves (after setup) is one Auth.js reads.
import { config } from "../config/index.ts";

/**
 * The cookie lives as long as a session may at most (SESSION_MAX_DAYS): pages rendered on the server
 * cannot renew a cookie, so the idle timeout is kept in the database (lib/auth/adapter.ts), not here.
 */
export function sessionCookieMaxAgeSec(c = config()): number {
  return c.sessionMaxDays * 24 * 3600;
}

export function sessionCookie(appUrl: string = config().appUrl) {
  const secure = new URL(appUrl).protocol === "https:";
  return {
    name: `${secure ? "__Secure-" : ""}authjs.session-token`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}
