// Archives (or restores) a newsletter. Never deleted: subscriptions, consents and sends point to it.
// Forms stop offering an archived newsletter; signups for it are refused.
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";

export async function archiveNewsletter({ id, archived, actor }: { id: string; archived: boolean; actor: AuditActor }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.newsletter.updateMany({ where: { id }, data: { archivedAt: archived ? new Date() : null } });
    if (count) await audit(tx, actor, archived ? "newsletter.archive" : "newsletter.restore", id);
    return count === 1;
  });
}
