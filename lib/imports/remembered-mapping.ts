// Remembered column mappings, per source: under the admin's name for the source ("Laposta leden") when one
// was given, and always under the file's set of header names, so the next export of the same tool or list
// is mapped the same way without asking again.
import { db, type Db, type Tx } from "../db/index.ts";
import { sha256 } from "../util/hash.ts";
import { fitMapping, MAPPED_FIELDS, type ColumnMapping } from "./mapping.ts";

/** The key of a set of header names: order and case do not matter. */
export const headersKey = (header: string[]) => `headers:${sha256(JSON.stringify([...new Set(header.map((h) => h.trim().toLowerCase()))].sort()))}`;
export const sourceKey = (name: string) => `source:${name.trim().toLowerCase().replace(/\s+/g, " ")}`;

const clean = (m: unknown): ColumnMapping =>
  m && typeof m === "object" ? (Object.fromEntries(Object.entries(m).filter(([f, h]) => (MAPPED_FIELDS as readonly string[]).includes(f) && typeof h === "string" && h !== "")) as ColumnMapping) : {};

/** The mapping remembered for this source name, else for these header names; only columns the file has. */
export async function rememberedMapping(header: string[], sourceName?: string | null, client: Db | Tx = db): Promise<{ mapping: ColumnMapping; by: "source" | "headers" } | null> {
  if (sourceName?.trim()) {
    const bySource = await client.importMapping.findUnique({ where: { key: sourceKey(sourceName) } });
    if (bySource) return { mapping: fitMapping(clean(bySource.mapping), header), by: "source" };
  }
  const byHeaders = await client.importMapping.findUnique({ where: { key: headersKey(header) } });
  return byHeaders ? { mapping: fitMapping(clean(byHeaders.mapping), header), by: "headers" } : null;
}

export async function rememberMapping(header: string[], mapping: ColumnMapping, sourceName?: string | null, client: Db | Tx = db): Promise<void> {
  const m = fitMapping(clean(mapping), header);
  const name = sourceName?.trim().slice(0, 100) || null;
  const keys = [headersKey(header), ...(name ? [sourceKey(name)] : [])];
  for (const key of keys)
    await client.importMapping.upsert({ where: { key }, create: { key, sourceName: name, headers: header, mapping: m }, update: { sourceName: name, headers: header, mapping: m } });
}
