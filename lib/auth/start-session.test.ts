// The session the setup starts is an ordinary Auth.js database session: the adapter Auth.js reads
// sessions through finds it and its user; the cookie is named as Auth.js names it.
import { describe, it, expect } from "vitest";
import { db } from "../db/index.ts";
import { authAdapter } from "./adapter.ts";
import { startSession } from "./start-session.ts";
import { sessionCookie, SESSION_MAX_AGE_SEC } from "./session-cookie.ts";

describe("startSession", () => {
  it("stores a session Auth.js finds, with an unguessable token and the configured lifetime", async () => {
    const user = await db.user.create({ data: { email: `admin-${Date.now()}@example.org`, role: "admin" } });
    const now = new Date();
    const cookie = await startSession({ userId: user.id, now });
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.name).toBe("authjs.session-token"); // APP_URL is http:// in the tests
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", secure: false });
    expect(cookie.options.expires.getTime()).toBe(now.getTime() + SESSION_MAX_AGE_SEC * 1000);
    const found = await authAdapter.getSessionAndUser!(cookie.value);
    expect(found?.user).toMatchObject({ id: user.id, email: user.email });
    expect(found?.session.expires.getTime()).toBe(cookie.options.expires.getTime());
  });
});

describe("sessionCookie", () => {
  it.each([
    ["http://localhost:3000", "authjs.session-token", false],
    ["https://news.example.org", "__Secure-authjs.session-token", true],
  ])("APP_URL %s → %s", (appUrl, name, secure) => {
    expect(sessionCookie(appUrl)).toEqual({ name, options: { httpOnly: true, sameSite: "lax", path: "/", secure } });
  });
});
