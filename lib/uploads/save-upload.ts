// An editor's image upload: the bytes must be a PNG, JPEG, GIF or WebP by their content (sniff-image.ts),
// at most MAX_UPLOAD_BYTES; they are stored under a random key (so the URL is stable and unguessable) and
// an Upload row records who uploaded what (SHA-256) and when. The row is written after the bytes, so a
// failed write leaves no row pointing at nothing.
import { createHash, randomBytes } from "node:crypto";
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { sniffImage, type ImageType } from "./sniff-image.ts";
import { uploadStorage } from "./storage.ts";

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const EXTENSION: Record<ImageType, string> = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp" };

export type UploadRefusal = "empty" | "too_large" | "not_an_image";
export type SavedUpload = { ok: true; id: string; key: string; url: string; contentType: ImageType; width: number | null; height: number | null };

export async function saveUpload(opts: { bytes: Buffer | null; actor: AuditActor & { id: string } }): Promise<SavedUpload | { ok: false; refusal: UploadRefusal }> {
  const { bytes } = opts;
  if (bytes === null || bytes.length > MAX_UPLOAD_BYTES) return { ok: false, refusal: "too_large" };
  if (bytes.length === 0) return { ok: false, refusal: "empty" };
  const image = sniffImage(bytes);
  if (!image) return { ok: false, refusal: "not_an_image" };
  const key = `${randomBytes(18).toString("base64url")}.${EXTENSION[image.type]}`;
  const storage = uploadStorage();
  await storage.put(key, bytes, image.type);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.upload.create({
      data: {
        key, contentType: image.type, size: bytes.length, width: image.width, height: image.height,
        sha256: createHash("sha256").update(bytes).digest("hex"), storage: storage.kind, uploadedById: opts.actor.id,
      },
    });
    await audit(tx, opts.actor, "upload.create", created.id, { key, contentType: image.type, size: bytes.length });
    return created;
  });
  return { ok: true, id: row.id, key, url: storage.publicUrl(key), contentType: image.type, width: image.width, height: image.height };
}

/** An uploaded image's bytes and type for the public /media route; null for an unknown key. */
export async function readUpload(key: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  const row = await db.upload.findUnique({ where: { key }, select: { contentType: true } });
  if (!row) return null;
  const bytes = await uploadStorage().get(key);
  return bytes && { bytes, contentType: row.contentType };
}
