// Cross-site request refusal for state-changing requests. SameSite=Lax cookies are still sent on a
// top-level cross-site POST navigation (a form on another site posting to us), so a signed-in admin who
// visits a hostile page could be made to import or export. Browsers say where a request comes from:
// `Sec-Fetch-Site` (all current browsers) and `Origin` (on every POST). A request that names another
// origin is refused; one without either header is not from a browser page, so carries no ambient
// credentials of a visitor (curl, the shop's API client, a mail provider's one-click POST).
// Pure: used by the web server (lib/server/create-web-server.ts) for every unsafe request and by the
// route boundary (lib/http/boundary.ts), so `next start` without our server still refuses them.

export const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

type HeaderGet = (name: string) => string | null | undefined;

/** True when a browser tells us the request was started by a page of another origin. */
export function isCrossSite(get: HeaderGet, appUrl: string): boolean {
  const site = get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = get("origin");
  if (!origin) return false;
  if (origin === "null") return true; // sandboxed frames, data: pages: never our own forms
  const allowed = new Set<string>();
  try {
    allowed.add(new URL(appUrl).origin);
  } catch {
    /* no APP_URL: the Host comparison below still applies */
  }
  const host = get("host");
  if (host) allowed.add(`http://${host}`).add(`https://${host}`);
  return !allowed.has(origin);
}

/**
 * Unsafe requests that may come from other sites by design: the embeddable signup snippet posts from the
 * operator's own site (double opt-in confirms it), RFC 8058 one-click unsubscribes come from mail
 * providers, and the shop API authenticates with a bearer token, never a cookie.
 */
export function mayComeFromOtherSites(pathname: string): boolean {
  return pathname === "/api/subscribe" || pathname.startsWith("/u/") || pathname.startsWith("/api/v1/");
}
