// Changes a staff member's role. The last admin can never be demoted, so the platform always keeps
// someone who can manage users. Database sessions mean the change applies on the next request.
import { db, dbProvider, type Tx } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { roleSchema } from "./invite-user.ts";

export type UserChangeResult = { ok: true } | { ok: false; error: string };

/** Locks the admin rows on PostgreSQL so two concurrent demotions cannot both see "another admin left". */
export async function lockAdmins(tx: Tx) {
  if (dbProvider() === "postgres") await tx.$executeRawUnsafe(`SELECT id FROM "User" WHERE role = 'admin' FOR UPDATE`);
}

export async function changeUserRole({ actor, userId, role }: { actor: Exclude<AuditActor, string>; userId: string; role: unknown }): Promise<UserChangeResult> {
  const r = roleSchema.safeParse(role);
  if (!r.success) return { ok: false, error: "Choose a role: admin or editor." };
  return db.$transaction(async (tx) => {
    await lockAdmins(tx);
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) return { ok: false, error: "This user no longer exists." };
    if (user.role === r.data) return { ok: true };
    if (user.role === "admin" && (await tx.user.count({ where: { role: "admin" } })) <= 1)
      return { ok: false, error: "This is the last admin. Make someone else admin first." };
    await tx.user.update({ where: { id: userId }, data: { role: r.data } });
    await audit(tx, actor, "user.role", userId, { from: user.role, to: r.data });
    return { ok: true };
  });
}
