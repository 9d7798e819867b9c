import { describe, it, expect } from "vitest";
import { contentSecurityPolicy, newNonce, pageKind, securityHeaders, type HeaderSettings } from "./security-headers.ts";
import { ConfigError, parseFrameAncestors } from "../config/index.ts";

const http: HeaderSettings = { appUrl: "http://localhost:3000", frameAncestors: ["*"] };
const https: HeaderSettings = { appUrl: "https://news.example.org", frameAncestors: ["https://shop.example.org"] };
const directives = (csp: string) => Object.fromEntries(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));

describe("pageKind", () => {
  it.each([
    ["/f/weekly", "embed"],
    ["/f/weekly/thanks", "embed"],
    ["/n/news", "embed"],
    ["/n/news/thanks/", "embed"],
    ["/confirm/abc", "token"],
    ["/p/abc", "token"],
    ["/u/abc", "token"],
    ["/unsubscribe/abc", "token"],
    ["/r/abc", "token"],
    ["/setup/abc", "token"],
    ["/m/abc", "token"],
    ["/metrics", "app"],
    ["/admin", "app"],
    ["/admin/forms/f1", "app"],
    ["/login", "app"],
    ["/api/auth/session", "app"],
    ["/f", "app"],
    ["/f/weekly/other", "app"],
    ["/privacy", "app"],
    ["/preferences", "app"],
  ])("%s → %s", (path, kind) => expect(pageKind(path)).toBe(kind));
});

describe("contentSecurityPolicy", () => {
  it("lets only scripts with this request's nonce run, and nothing frame admin pages", () => {
    const d = directives(contentSecurityPolicy({ nonce: "abc123==", kind: "app", settings: http }));
    expect(d["script-src"]).toBe("'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(d["object-src"]).toBe("'none'");
    expect(d["base-uri"]).toBe("'self'");
    expect(d["form-action"]).toBe("'self'");
    expect(d["frame-ancestors"]).toBe("'none'");
    expect(d["default-src"]).toBe("'self'");
    expect("upgrade-insecure-requests" in d).toBe(false);
  });

  it("signup pages may be framed by the configured origins; token pages never", () => {
    expect(directives(contentSecurityPolicy({ nonce: "n", kind: "embed", settings: http }))["frame-ancestors"]).toBe("*");
    expect(directives(contentSecurityPolicy({ nonce: "n", kind: "embed", settings: https }))["frame-ancestors"]).toBe("https://shop.example.org");
    expect(directives(contentSecurityPolicy({ nonce: "n", kind: "token", settings: http }))["frame-ancestors"]).toBe("'none'");
  });

  it("adds 'unsafe-eval' in development only, upgrade-insecure-requests on https only", () => {
    expect(directives(contentSecurityPolicy({ nonce: "n", kind: "app", settings: { ...http, development: true } }))["script-src"]).toContain("'unsafe-eval'");
    expect("upgrade-insecure-requests" in directives(contentSecurityPolicy({ nonce: "n", kind: "app", settings: https }))).toBe(true);
  });
});

describe("securityHeaders", () => {
  it("admin pages: no framing, nosniff, strict-origin-when-cross-origin, no HSTS on http", () => {
    const h = securityHeaders({ pathname: "/admin", nonce: "n", settings: http });
    expect(h["X-Frame-Options"]).toBe("DENY");
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["Strict-Transport-Security"]).toBeUndefined();
  });

  it("token pages keep their path from other sites (same-origin, see the module comment)", () => {
    const h = securityHeaders({ pathname: "/confirm/tok", nonce: "n", settings: https });
    expect(h["Referrer-Policy"]).toBe("same-origin");
    expect(h["X-Frame-Options"]).toBe("DENY");
    expect(h["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
  });

  it("signup pages: no X-Frame-Options when others may frame them; DENY/SAMEORIGIN when FRAME_ANCESTORS says so", () => {
    expect(securityHeaders({ pathname: "/f/weekly", nonce: "n", settings: http })["X-Frame-Options"]).toBeUndefined();
    expect(securityHeaders({ pathname: "/f/weekly", nonce: "n", settings: { ...http, frameAncestors: ["'none'"] } })["X-Frame-Options"]).toBe("DENY");
    expect(securityHeaders({ pathname: "/f/weekly", nonce: "n", settings: { ...http, frameAncestors: ["'self'"] } })["X-Frame-Options"]).toBe("SAMEORIGIN");
  });
});

describe("newNonce", () => {
  it("is fresh each time and fits a CSP nonce source", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });
});

describe("FRAME_ANCESTORS", () => {
  it.each([
    [undefined, ["*"]],
    ["", ["*"]],
    ["none", ["'none'"]],
    ["self https://example.org", ["'self'", "https://example.org"]],
    ["https://*.Example.org:8443, http://localhost:3000", ["https://*.example.org:8443", "http://localhost:3000"]],
  ])("%s → %j", (value, sources) => expect(parseFrameAncestors(value)).toEqual(sources));

  it.each(["https://example.org/path", "javascript:alert(1)", "example.org; script-src *", "none https://example.org", "'unsafe-inline'"])("refuses %s", (value) => {
    expect(() => parseFrameAncestors(value)).toThrow(ConfigError);
  });
});
