// Invites a staff member: creates the User with a role and mails a magic sign-in link. Admin-only.
import { z } from "zod";
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { normaliseEmail } from "../subscribers/normalise-email.ts";
import { sendStaffMail } from "../mail/send-staff-mail.ts";
import { invitationMail } from "../mail/system-mails.ts";
import { createInviteLink } from "./invite-link.ts";

export const roleSchema = z.enum(["admin", "editor"]);

export type InviteResult = { ok: true; userId: string } | { ok: false; error: string };

export async function inviteUser({ actor, email, role, name }: { actor: Exclude<AuditActor, string>; email: unknown; role: unknown; name?: unknown }): Promise<InviteResult> {
  const e = normaliseEmail(email);
  if (!e.ok) return { ok: false, error: e.error };
  const r = roleSchema.safeParse(role);
  if (!r.success) return { ok: false, error: "Choose a role: admin or editor." };
  const n = typeof name === "string" ? name.trim().slice(0, 200) : "";
  if (/[\r\n]/.test(n)) return { ok: false, error: "The name may not contain line breaks." };
  const created = await db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: e.email } })) return null;
    const user = await tx.user.create({ data: { email: e.email, role: r.data, name: n || null } });
    const url = await createInviteLink(tx, { email: e.email });
    await audit(tx, actor, "user.invite", user.id, { role: r.data });
    return { user, url };
  });
  if (!created) return { ok: false, error: "This person already has an account." };
  // After the commit: a failed mail leaves a user who can still sign in from the login page.
  await sendStaffMail(invitationMail({ to: created.user.email, role: r.data, url: created.url }));
  return { ok: true, userId: created.user.id };
}
