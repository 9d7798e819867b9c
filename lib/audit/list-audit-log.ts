// Reads the audit log for the admin page: filtered by action, actor (part of the address) and date
// range (UTC days), newest first, keyset-paginated on (at, id) so old pages stay as cheap as new ones.
import { db } from "../db/index.ts";

export type AuditFilter = { action?: string; actor?: string; from?: string; to?: string; before?: string; take?: number };

export async function listAuditLog(f: AuditFilter) {
  const take = Math.min(Math.max(f.take ?? 50, 1), 200);
  const [beforeAt, beforeId] = (f.before ?? "").split("_");
  const cursorAt = beforeAt ? new Date(beforeAt) : null;
  const at: { gte?: Date; lt?: Date } = {};
  if (f.from) at.gte = new Date(`${f.from}T00:00:00Z`);
  if (f.to) at.lt = new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86400_000);
  const rows = await db.auditLog.findMany({
    where: {
      ...(f.action ? { action: f.action } : {}),
      ...(f.actor ? { actor: { contains: f.actor.trim().toLowerCase() } } : {}),
      ...(Object.keys(at).length ? { at } : {}),
      ...(cursorAt && !Number.isNaN(cursorAt.getTime()) && beforeId
        ? { OR: [{ at: { lt: cursorAt } }, { at: cursorAt, id: { lt: beforeId } }] }
        : {}),
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: take + 1,
  });
  const entries = rows.slice(0, take);
  const last = entries.at(-1);
  const actions = (await db.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" } })).map((r) => r.action);
  return { entries, next: rows.length > take && last ? `${last.at.toISOString()}_${last.id}` : null, actions };
}
