// The HTTP security headers of every response, in one place (proxy.ts sets them; pure, unit-tested).
//
// - Content-Security-Policy with a per-request nonce: Next.js reads the nonce from the request's CSP
//   header and puts it on its own scripts, so `'strict-dynamic'` lets only those (and what they load) run.
//   Styles allow inline (`'unsafe-inline'`, no nonce): React `style` attributes and the mail previews'
//   srcdoc frames (which inherit this policy) need it, and an injected style cannot run code.
//   Images: any https source, because the issue preview shows the newsletter's own images.
// - frame-ancestors: the signup pages (/f/…, /n/… and their thanks pages) may be embedded by the
//   origins in FRAME_ANCESTORS; every other page, admin and token pages above all, by nobody.
// - Referrer-Policy: token pages (a credential in the path) send `same-origin`, not `no-referrer`:
//   under `no-referrer` the browser sends `Origin: null` with the page's POSTs, and Next.js refuses a
//   server action whose Origin does not match (its CSRF check), so the confirm button would fail.
//   `same-origin` still keeps the token away from every other site, which is what matters.
// - HSTS only when APP_URL is https (a plain-http install would lock itself out otherwise).

export type PageKind = "embed" | "token" | "app";

export type HeaderSettings = {
  appUrl: string;
  /** CSP sources allowed to frame the signup pages (lib/config parseFrameAncestors). */
  frameAncestors: string[];
  /** Development adds 'unsafe-eval' (React's dev tooling needs it; production never does). */
  development?: boolean;
};

const EMBED = /^\/(f|n)\/[^/]+(\/thanks)?\/?$/;
const TOKEN = /^\/(confirm|p|u|unsubscribe|r|setup|m)(\/|$)/;

export function pageKind(pathname: string): PageKind {
  if (EMBED.test(pathname)) return "embed";
  if (TOKEN.test(pathname)) return "token";
  return "app";
}

export function contentSecurityPolicy({ nonce, kind, settings }: { nonce: string; kind: PageKind; settings: HeaderSettings }): string {
  const https = new URL(settings.appUrl).protocol === "https:";
  const frameAncestors = kind === "embed" ? settings.frameAncestors.join(" ") : "'none'";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${settings.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** X-Frame-Options for browsers without frame-ancestors; omitted where other origins may frame the page. */
function frameOptions(kind: PageKind, frameAncestors: string[]): string | null {
  if (kind !== "embed" || frameAncestors.includes("'none'")) return "DENY";
  if (frameAncestors.length === 1 && frameAncestors[0] === "'self'") return "SAMEORIGIN";
  return null;
}

export function securityHeaders({ pathname, nonce, settings }: { pathname: string; nonce: string; settings: HeaderSettings }): Record<string, string> {
  const kind = pageKind(pathname);
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy({ nonce, kind, settings }),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": kind === "token" ? "same-origin" : "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
  const xfo = frameOptions(kind, settings.frameAncestors);
  if (xfo) headers["X-Frame-Options"] = xfo;
  if (new URL(settings.appUrl).protocol === "https:") headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

/** A fresh nonce per request: 128 random bits, base64 (Web Crypto, so it works in any runtime). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
