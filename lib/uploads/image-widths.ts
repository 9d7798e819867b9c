// The pixel widths of the uploaded images an issue's Markdown links to, by their src, for the width
// attribute the template gives each image (lib/mail/render-issue.tsx).
import { db } from "../db/index.ts";
import type { ImageWidths } from "../mail/render-issue.tsx";
import { uploadStorage } from "./storage.ts";

const KEY_IN_URL = /\/(?:media|uploads)\/([A-Za-z0-9_-]{20,80}\.(?:png|jpg|gif|webp))\b/g;

export async function loadImageWidths(markdown: string): Promise<ImageWidths> {
  const keys = [...new Set([...markdown.matchAll(KEY_IN_URL)].map((m) => m[1]))];
  if (!keys.length) return {};
  const rows = await db.upload.findMany({ where: { key: { in: keys } }, select: { key: true, width: true } });
  const storage = uploadStorage();
  return Object.fromEntries(rows.filter((r) => r.width).map((r) => [storage.publicUrl(r.key), r.width!]));
}
