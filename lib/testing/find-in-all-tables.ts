// Test helper: every (table, column) of the test database whose value contains one of the given strings
// (case-insensitive). Tables and columns are enumerated from the database itself (sqlite_master /
// information_schema), so a model added later is scanned too — used to prove that erasure leaves no
// address or name anywhere.
import { db, dbProvider, pgSchemaOf } from "../db/index.ts";

export async function findInAllTables(needles: string[]): Promise<{ table: string; column: string; needle: string }[]> {
  const hits: { table: string; column: string; needle: string }[] = [];
  const columns: { table: string; column: string }[] = [];
  let from: (t: string) => string;
  let asText: (c: string) => string;
  if (dbProvider() === "postgres") {
    const schema = pgSchemaOf(process.env.DATABASE_URL!) ?? "public";
    const rows = await db.$queryRawUnsafe<{ table_name: string; column_name: string }[]>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1`, schema);
    for (const r of rows) columns.push({ table: r.table_name, column: r.column_name });
    from = (t) => `"${schema}"."${t}"`;
    asText = (c) => `lower("${c}"::text)`;
  } else {
    const tables = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
    for (const t of tables) {
      const cols = await db.$queryRawUnsafe<{ name: string }[]>(`PRAGMA table_info("${t.name}")`);
      for (const c of cols) columns.push({ table: t.name, column: c.name });
    }
    from = (t) => `"${t}"`;
    asText = (c) => `lower(CAST("${c}" AS TEXT))`;
  }
  if (columns.length === 0) throw new Error("no tables found: the scan would prove nothing");
  for (const { table, column } of columns)
    for (const needle of needles) {
      const p = dbProvider() === "postgres" ? "$1" : "?";
      const [row] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(
        `SELECT COUNT(*) AS n FROM ${from(table)} WHERE ${asText(column)} LIKE ${p}`, `%${needle.toLowerCase()}%`);
      if (Number(row.n) > 0) hits.push({ table, column, needle });
    }
  return hits;
}
