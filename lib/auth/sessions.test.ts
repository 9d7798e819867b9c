// Staff sessions (issue 15, finding 9 and Deliver 4): stored as a hash only, ended when idle or too old,
// ended everywhere on request, pruned. Through the adapter Auth.js itself uses, on a real database.
import { describe, it, expect } from "vitest";
import { db } from "../db/index.ts";
import { sha256 } from "../util/hash.ts";
import { authAdapter } from "./adapter.ts";
import { startSession } from "./start-session.ts";
import { sessionCookie, sessionCookieMaxAgeSec } from "./session-cookie.ts";
import { pruneSessions, signOutEverywhere } from "./sessions.ts";
import { IDLE_REFRESH_SLACK_MS, sessionLifetime } from "./session-lifetime.ts";

const HOUR = 3600_000;
const { idleMs, maxMs } = sessionLifetime();
const newUser = (role: "admin" | "editor" = "admin") => db.user.create({ data: { email: `staff-${Math.random().toString(36).slice(2)}@example.org`, role } });

describe("startSession", () => {
  it("gives the browser an unguessable token and stores only its SHA-256", async () => {
    const user = await newUser();
    const now = new Date();
    const cookie = await startSession({ userId: user.id, now });
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.name).toBe("authjs.session-token"); // APP_URL is http:// in the tests
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", secure: false });
    expect(cookie.options.expires.getTime()).toBe(now.getTime() + sessionCookieMaxAgeSec() * 1000);

    const rows = await db.session.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(sha256(cookie.value));
    expect(JSON.stringify(rows)).not.toContain(cookie.value);

    const found = await authAdapter.getSessionAndUser!(cookie.value);
    expect(found?.user).toMatchObject({ id: user.id, email: user.email });
    expect(found?.session.sessionToken).toBe(cookie.value);
    // the hash itself, as a leaked database would give it, is no session
    expect(await authAdapter.getSessionAndUser!(rows[0].tokenHash)).toBeNull();
  });
});

describe("session expiry", () => {
  it("a session ends after the idle timeout without requests", async () => {
    const user = await newUser();
    const { value } = await startSession({ userId: user.id });
    const found = await authAdapter.getSessionAndUser!(value);
    expect(found!.session.expires.getTime()).toBeGreaterThan(Date.now() + idleMs - 60_000);
    expect(found!.session.expires.getTime()).toBeLessThanOrEqual(Date.now() + idleMs);
    // idle for longer than the timeout
    await db.session.updateMany({ where: { userId: user.id }, data: { expires: new Date(Date.now() - 1000) } });
    expect((await authAdapter.getSessionAndUser!(value))!.session.expires.getTime()).toBeLessThan(Date.now());
  });

  it("use moves the idle deadline on, without a write while it is still fresh", async () => {
    const user = await newUser();
    const { value } = await startSession({ userId: user.id });
    const before = (await db.session.findFirstOrThrow({ where: { userId: user.id } })).expires;
    await authAdapter.updateSession!({ sessionToken: value, expires: new Date(Date.now() + 30 * 24 * HOUR) });
    expect((await db.session.findFirstOrThrow({ where: { userId: user.id } })).expires).toEqual(before);
    // last used an hour ago: the deadline moves to now + idle (not to what Auth.js proposed)
    await db.session.updateMany({ where: { userId: user.id }, data: { expires: new Date(Date.now() + idleMs - HOUR) } });
    const updated = await authAdapter.updateSession!({ sessionToken: value, expires: new Date(Date.now() + 30 * 24 * HOUR) });
    const stored = (await db.session.findFirstOrThrow({ where: { userId: user.id } })).expires.getTime();
    expect(stored).toBeGreaterThan(Date.now() + idleMs - IDLE_REFRESH_SLACK_MS);
    expect(stored).toBeLessThanOrEqual(Date.now() + idleMs);
    expect(updated!.expires.getTime()).toBe(stored);
  });

  it("a busy session still ends SESSION_MAX_DAYS after sign-in", async () => {
    const user = await newUser();
    const { value } = await startSession({ userId: user.id });
    const signedIn = new Date(Date.now() - maxMs + 3 * HOUR); // signed in almost max days ago, last used idle - 1 h ago
    await db.session.updateMany({ where: { userId: user.id }, data: { createdAt: signedIn, expires: new Date(Date.now() + HOUR) } });
    await authAdapter.updateSession!({ sessionToken: value, expires: new Date(Date.now() + 30 * 24 * HOUR) });
    const end = signedIn.getTime() + maxMs;
    expect((await db.session.findFirstOrThrow({ where: { userId: user.id } })).expires.getTime()).toBe(end);
    expect((await authAdapter.getSessionAndUser!(value))!.session.expires.getTime()).toBe(end);
    // past the absolute end, however fresh the idle deadline
    await db.session.updateMany({ where: { userId: user.id }, data: { createdAt: new Date(Date.now() - maxMs - 1000), expires: new Date(Date.now() + idleMs) } });
    expect((await authAdapter.getSessionAndUser!(value))!.session.expires.getTime()).toBeLessThan(Date.now());
  });
});

describe("signOutEverywhere", () => {
  it("ends every session of that person, no one else's, and is audited", async () => {
    const [me, other] = [await newUser("editor"), await newUser()];
    const mine = [await startSession({ userId: me.id }), await startSession({ userId: me.id })];
    const theirs = await startSession({ userId: other.id });
    expect(await signOutEverywhere({ userId: me.id, actor: { id: me.id, email: me.email } })).toBe(2);
    for (const c of mine) expect(await authAdapter.getSessionAndUser!(c.value)).toBeNull();
    expect(await authAdapter.getSessionAndUser!(theirs.value)).not.toBeNull();
    const log = await db.auditLog.findFirstOrThrow({ where: { target: me.id, action: "sessions.revoke-own" } });
    expect(log).toMatchObject({ actorId: me.id, details: { sessions: 2 } });
    // signing out afterwards (the cookie still names a deleted session) is no error
    await expect(authAdapter.deleteSession!(mine[0].value)).resolves.toBeUndefined();
  });

  it("an admin ending someone else's sessions is audited as such", async () => {
    const [admin, editor] = [await newUser(), await newUser("editor")];
    await startSession({ userId: editor.id });
    expect(await signOutEverywhere({ userId: editor.id, actor: { id: admin.id, email: admin.email } })).toBe(1);
    expect(await db.auditLog.count({ where: { target: editor.id, action: "sessions.revoke", actorId: admin.id } })).toBe(1);
  });
});

describe("pruneSessions", () => {
  it("deletes sessions past their idle deadline or their absolute end, keeps live ones", async () => {
    const user = await newUser();
    const [live, idle, old] = [await startSession({ userId: user.id }), await startSession({ userId: user.id }), await startSession({ userId: user.id })];
    await db.session.updateMany({ where: { tokenHash: sha256(idle.value) }, data: { expires: new Date(Date.now() - 1000) } });
    await db.session.updateMany({ where: { tokenHash: sha256(old.value) }, data: { createdAt: new Date(Date.now() - maxMs - 1000) } });
    expect(await pruneSessions()).toBeGreaterThanOrEqual(2);
    const left = (await db.session.findMany({ where: { userId: user.id } })).map((s) => s.tokenHash);
    expect(left).toEqual([sha256(live.value)]);
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
