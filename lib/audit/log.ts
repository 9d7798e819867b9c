// The audit log: every admin action (export, import, form publish, send, erase, role change) with its actor.
import { z } from "zod";
import type { Db, Prisma, Tx } from "../db/index.ts";

export const auditActorSchema = z.union([z.object({ id: z.string().nullish(), email: z.string() }), z.literal("system"), z.templateLiteral(["api:", z.string()])]);
export type AuditActor = z.infer<typeof auditActorSchema>;

export async function audit(client: Db | Tx, actor: AuditActor, action: string, target?: string | null, details?: Prisma.InputJsonObject) {
  const a = typeof actor === "string" ? { id: null, email: actor } : actor;
  await client.auditLog.create({
    data: { actorId: a.id ?? null, actor: a.email, action, target: target ?? null, details: details ?? undefined },
  });
}
