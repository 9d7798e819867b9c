// Files staged for the mapping step (ImportUpload): stored when the admin chooses the file, read by the
// mapping screen and by the run, deleted once imported; anything older than a day goes at the next upload
// and in the daily purge (lib/retention/purge-job.ts).
import { db } from "../db/index.ts";

export const UPLOAD_HOURS = 24;

export type StagedDeclaration = Record<string, string>;

/** Deletes staged files older than a day (they hold addresses): at every upload and in the daily purge. */
export async function purgeStaleUploads(now = new Date()): Promise<number> {
  const { count } = await db.importUpload.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - UPLOAD_HOURS * 3600_000) } } });
  return count;
}

export async function stageUpload(o: { actorId: string; fileName: string; content: Buffer; sourceName?: string; declaration?: StagedDeclaration; now?: Date }) {
  const now = o.now ?? new Date();
  await purgeStaleUploads(now);
  return db.importUpload.create({
    data: {
      createdById: o.actorId,
      fileName: o.fileName.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 200) || "upload.csv",
      sourceName: o.sourceName?.replace(/[\u0000-\u001f\u007f]/g, " ").trim().slice(0, 100) || null,
      content: new Uint8Array(o.content),
      declaration: o.declaration ?? {},
      createdAt: now,
    },
    select: { id: true },
  });
}

/** A staged file still within its day, or null. */
export async function loadUpload(id: string, now = new Date()) {
  const u = await db.importUpload.findUnique({ where: { id } });
  if (!u || u.createdAt.getTime() < now.getTime() - UPLOAD_HOURS * 3600_000) return null;
  return { ...u, content: Buffer.from(u.content), declaration: (u.declaration ?? {}) as StagedDeclaration };
}

export async function deleteUpload(id: string) {
  await db.importUpload.deleteMany({ where: { id } });
}

/** What the admin typed on the mapping screen, kept for the way back from a preview. */
export async function keepDeclaration(id: string, declaration: StagedDeclaration) {
  await db.importUpload.updateMany({ where: { id }, data: { declaration } });
}
