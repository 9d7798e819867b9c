import { describe, it, expect } from "vitest";
import { LINK_FRESH_MS, GRANT_MS, addBrowserMark, decideDataAccess, grantValue, hasBrowserMark, hasGrant } from "./data-access.ts";

const now = new Date("2026-12-03T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("who may reach a subscriber's data from a preferences link", () => {
  it("a fresh link in the browser that confirmed: yes", () => {
    expect(decideDataAccess({ linkIssuedAt: ago(LINK_FRESH_MS - 1000), browserMarked: true, granted: false, now })).toEqual({ allowed: true });
  });
  it("a link older than 7 days, or from before links carried a date: step-up", () => {
    expect(decideDataAccess({ linkIssuedAt: ago(LINK_FRESH_MS + 1000), browserMarked: true, granted: false, now })).toEqual({ allowed: false, because: "link-old" });
    expect(decideDataAccess({ linkIssuedAt: null, browserMarked: true, granted: false, now })).toEqual({ allowed: false, because: "link-old" });
  });
  it("a fresh link in another browser (a forwarded newsletter): step-up", () => {
    expect(decideDataAccess({ linkIssuedAt: ago(1000), browserMarked: false, granted: false, now })).toEqual({ allowed: false, because: "other-browser" });
  });
  it("a grant from the mailed link opens any link", () => {
    expect(decideDataAccess({ linkIssuedAt: null, browserMarked: false, granted: true, now })).toEqual({ allowed: true });
  });
});

describe("browser marks and grants", () => {
  const a = "cmabc123def456ghi789";
  const b = "cmzzz999yyy888xxx777";
  it("a mark is for one subscriber and cannot be made without the key", () => {
    const cookie = addBrowserMark(undefined, a);
    expect(hasBrowserMark(cookie, a)).toBe(true);
    expect(hasBrowserMark(cookie, b)).toBe(false);
    expect(hasBrowserMark(cookie.replace(a, b), b)).toBe(false);
    expect(hasBrowserMark(`${a}.${"0".repeat(32)}`, a)).toBe(false);
    expect(hasBrowserMark(undefined, a)).toBe(false);
  });
  it("a browser keeps the marks of a few subscribers, newest first, without repeats", () => {
    let cookie = addBrowserMark(addBrowserMark(undefined, a), b);
    cookie = addBrowserMark(cookie, a);
    expect(cookie.split("~")).toHaveLength(2);
    expect(cookie.startsWith(`${a}.`)).toBe(true);
    expect(hasBrowserMark(cookie, a) && hasBrowserMark(cookie, b)).toBe(true);
    for (let i = 0; i < 20; i++) cookie = addBrowserMark(cookie, `cmfill${String(i).padStart(14, "0")}`);
    expect(cookie.split("~")).toHaveLength(8);
    expect(cookie.length).toBeLessThan(600);
  });
  it("a grant is for one subscriber and ends after 30 minutes", () => {
    const g = grantValue(a, now);
    expect(hasGrant(g, a, new Date(now.getTime() + GRANT_MS - 1000))).toBe(true);
    expect(hasGrant(g, a, new Date(now.getTime() + GRANT_MS + 1000))).toBe(false);
    expect(hasGrant(g, b, now)).toBe(false);
    const [id, , mac] = g.split(".");
    const later = Math.floor((now.getTime() + 86_400_000) / 1000).toString(36);
    expect(hasGrant(`${id}.${later}.${mac}`, a, now)).toBe(false); // a longer grant needs a new signature
  });
});
