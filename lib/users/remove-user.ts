// Removes a staff member (their sessions go with them). Never the last admin.
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { lockAdmins, type UserChangeResult } from "./change-user-role.ts";

export async function removeUser({ actor, userId }: { actor: Exclude<AuditActor, string>; userId: string }): Promise<UserChangeResult> {
  return db.$transaction(async (tx) => {
    await lockAdmins(tx);
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) return { ok: true };
    if (user.role === "admin" && (await tx.user.count({ where: { role: "admin" } })) <= 1)
      return { ok: false, error: "This is the last admin and cannot be removed." };
    await tx.verificationToken.deleteMany({ where: { identifier: user.email } });
    await tx.user.delete({ where: { id: userId } });
    await audit(tx, actor, "user.remove", userId, { role: user.role });
    return { ok: true };
  });
}
