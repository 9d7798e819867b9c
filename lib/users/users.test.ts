import { describe, it, expect } from "vitest";
import { db } from "../db/index.ts";
import { listDevMailbox } from "../mail/dev-mailbox.ts";
import { sha256 } from "../util/hash.ts";
import { config } from "../config/index.ts";
import { inviteUser } from "./invite-user.ts";
import { changeUserRole } from "./change-user-role.ts";
import { removeUser } from "./remove-user.ts";

async function firstAdmin() {
  const u = await db.user.create({ data: { email: `boss${Math.random()}@example.org`, role: "admin" } });
  return { id: u.id, email: u.email };
}

describe("staff users", () => {
  it("invites by email: the user with the role, a mailed sign-in link (Auth.js token stored hashed), an audit entry", async () => {
    const actor = await firstAdmin();
    const r = await inviteUser({ actor, email: " Editor@Example.org ", role: "editor" });
    expect(r.ok).toBe(true);
    const u = await db.user.findUniqueOrThrow({ where: { email: "editor@example.org" } });
    expect(u.role).toBe("editor");
    const mail = (await listDevMailbox()).find((m) => m.to.includes("editor@example.org"))!;
    expect(mail.subject).toBe("You have been invited to Proofmail");
    const link = new URL(mail.text.match(/https?:\/\/\S+/)![0]);
    expect(link.pathname).toBe("/api/auth/callback/email");
    expect(link.searchParams.get("email")).toBe("editor@example.org");
    const vt = await db.verificationToken.findFirstOrThrow({ where: { identifier: "editor@example.org" } });
    expect(vt.token).toBe(sha256(`${link.searchParams.get("token")}${config().authSecret}`));
    expect(vt.expires.getTime()).toBeGreaterThan(Date.now() + 48 * 3600_000);
    expect(await db.auditLog.count({ where: { action: "user.invite", target: u.id, actor: actor.email } })).toBe(1);
  });

  it("refuses bad input and existing accounts", async () => {
    const actor = await firstAdmin();
    expect(await inviteUser({ actor, email: "x@y.nl\r\nBcc: z@z.nl", role: "editor" })).toMatchObject({ ok: false });
    expect(await inviteUser({ actor, email: "x@y.nl", role: "owner" })).toMatchObject({ ok: false });
    expect(await inviteUser({ actor, email: actor.email, role: "editor" })).toMatchObject({ ok: false, error: expect.stringContaining("already") });
  });

  it("never demotes or removes the last admin", async () => {
    await db.user.deleteMany();
    const actor = await firstAdmin();
    expect(await changeUserRole({ actor, userId: actor.id, role: "editor" })).toMatchObject({ ok: false, error: expect.stringContaining("last admin") });
    expect(await removeUser({ actor, userId: actor.id })).toMatchObject({ ok: false });
    const second = await firstAdmin();
    expect(await changeUserRole({ actor, userId: second.id, role: "editor" })).toEqual({ ok: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: second.id } })).role).toBe("editor");
    expect(await db.auditLog.count({ where: { action: "user.role", target: second.id } })).toBe(1);
    expect(await removeUser({ actor, userId: second.id })).toEqual({ ok: true });
    expect(await db.user.count({ where: { id: second.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "user.remove", target: second.id } })).toBe(1);
    expect(await db.user.count({ where: { role: "admin" } })).toBe(1);
  });

  it("two concurrent demotions cannot leave zero admins", async () => {
    await db.user.deleteMany();
    const a = await firstAdmin();
    const b = await firstAdmin();
    const results = await Promise.allSettled([changeUserRole({ actor: a, userId: a.id, role: "editor" }), changeUserRole({ actor: b, userId: b.id, role: "editor" })]);
    expect(results.some((r) => r.status === "fulfilled" && !r.value.ok) || results.some((r) => r.status === "rejected")).toBe(true);
    expect(await db.user.count({ where: { role: "admin" } })).toBe(1);
  });
});
