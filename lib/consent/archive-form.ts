// Closes (or reopens) a form. Its versions stay: consents point to them.
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";

export async function archiveForm({ formId, archived, actor }: { formId: string; archived: boolean; actor: AuditActor }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.form.updateMany({ where: { id: formId }, data: { archivedAt: archived ? new Date() : null } });
    if (count) await audit(tx, actor, archived ? "form.archive" : "form.restore", formId);
    return count === 1;
  });
}
