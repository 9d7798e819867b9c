// Next.js Proxy (formerly middleware): runs before every request and sets the security headers
// (lib/security/security-headers.ts). The nonce goes into the request's CSP header too: Next.js reads it
// there while rendering and puts it on its own scripts (the root layout renders per request for this).
import { NextResponse, type NextRequest } from "next/server";
import { config as appConfig } from "@/lib/config";
import { newNonce, securityHeaders } from "@/lib/security/security-headers";
import { PAGE_PATH_HEADER } from "@/lib/i18n/page-path";

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const c = appConfig();
  const headers = securityHeaders({
    pathname: request.nextUrl.pathname,
    nonce,
    settings: { appUrl: c.appUrl, frameAncestors: c.frameAncestors, development: process.env.NODE_ENV === "development" },
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  // The path for the root layout's <html lang> (lib/i18n/page-language.ts); set here, so never the client's.
  requestHeaders.set(PAGE_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
