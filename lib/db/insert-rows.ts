// Multi-row INSERT for hot bulk paths (the purge appends ledger events and suppression entries by the
// thousand). Prisma's createMany costs ~0.4 ms per row here; one statement per chunk costs ~0.02 ms.
// Values are always bound parameters. Dates and JSON are written exactly as Prisma writes them
// (SQLite: ISO text with "+00:00", which Prisma compares as text; PostgreSQL: timestamp(3) and jsonb).
import { randomBytes } from "node:crypto";
import { dbProvider, type Db, type Tx } from "./index.ts";

export type ColumnKind = "text" | "int" | "bool" | "date" | "json";

const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** A date as a raw-SQL parameter, stored the way Prisma stores it (append `::timestamp(3)` on PostgreSQL). */
export function dateParam(d: Date): string {
  return dbProvider() === "postgres" ? d.toISOString().replace("Z", "") : sqliteDate(d);
}

export async function insertRows(
  client: Db | Tx,
  table: string,
  columns: Record<string, ColumnKind>,
  rows: Record<string, unknown>[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const pg = dbProvider() === "postgres";
  const names = Object.keys(columns);
  if (!pg) return insertRowsAsJson(client, table, columns, rows);
  const perStatement = Math.max(1, Math.floor(30_000 / names.length));
  let inserted = 0;
  for (let start = 0; start < rows.length; start += perStatement) {
    const part = rows.slice(start, start + perStatement);
    const values: unknown[] = [];
    const tuples = part.map((row) => {
      const slots = names.map((name) => {
        const kind = columns[name];
        const v = row[name];
        values.push(convert(v, kind, pg));
        const p = pg ? `$${values.length}` : "?";
        if (!pg || v === null || v === undefined) return p;
        return kind === "date" ? `${p}::timestamp(3)` : kind === "json" ? `${p}::jsonb` : kind === "int" ? `${p}::int` : kind === "bool" ? `${p}::boolean` : p;
      });
      return `(${slots.join(", ")})`;
    });
    inserted += await client.$executeRawUnsafe(
      `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(", ")}) VALUES ${tuples.join(", ")}`,
      ...values,
    );
  }
  return inserted;
}

// SQLite: the rows as ONE JSON parameter (an array per row) unpacked by json_each. Binding a parameter per
// value (at most 999 a statement) made the statement text, its compilation and the per-argument work of
// the driver cost more than the insert itself. `->>` gives back exactly what was bound before: text,
// integer or NULL (dates as Prisma's ISO text, JSON columns as their text).
async function insertRowsAsJson(client: Db | Tx, table: string, columns: Record<string, ColumnKind>, rows: Record<string, unknown>[]) {
  const names = Object.keys(columns);
  const sql = `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(", ")}) SELECT ${names.map((_, i) => `value ->> ${i}`).join(", ")} FROM json_each(?)`;
  let inserted = 0;
  for (let start = 0; start < rows.length; start += 5000) {
    const json = JSON.stringify(rows.slice(start, start + 5000).map((row) => names.map((name) => convert(row[name], columns[name], false))));
    inserted += await client.$executeRawUnsafe(sql, json);
  }
  return inserted;
}

function convert(v: unknown, kind: ColumnKind, pg: boolean): unknown {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case "date": {
      const d = v instanceof Date ? v : new Date(v as string);
      // timestamp(3) without time zone holds UTC wall-clock time, as Prisma writes it.
      return pg ? d.toISOString().replace("Z", "") : sqliteDate(d);
    }
    case "json":
      return JSON.stringify(v);
    case "bool":
      return pg ? Boolean(v) : v ? 1 : 0;
    default:
      return v;
  }
}

/** A collision-resistant id in the shape of Prisma's cuid() defaults (rows inserted without Prisma). */
export function newId(): string {
  return `c${Date.now().toString(36)}${randomChunk().toString("base64url").toLowerCase().replace(/[^a-z0-9]/g, "0")}`;
}

// 9 random bytes per id, taken from a pool refilled 1,024 ids at a time (one crypto call per id cost
// more than the insert of the row it names).
let pool = Buffer.alloc(0);
let poolAt = 0;
function randomChunk(): Buffer {
  if (poolAt + 9 > pool.length) {
    pool = randomBytes(9 * 1024);
    poolAt = 0;
  }
  poolAt += 9;
  return pool.subarray(poolAt - 9, poolAt);
}

/**
 * Parameters for one raw statement, numbered for the provider ($n on PostgreSQL, ? on SQLite: call the
 * helpers in the order their placeholders appear in the text). `list` and `rows` pass a whole batch as
 * ONE JSON parameter, so a set-based statement covers any batch size with the same SQL text, clear of
 * SQLite's bound-parameter limit, instead of one statement per few hundred ids.
 */
export function sqlParams() {
  const pg = dbProvider() === "postgres";
  const values: unknown[] = [];
  const value = (v: unknown) => (values.push(v), pg ? `$${values.length}` : "?");
  return {
    pg,
    values,
    value,
    /** A date compared or stored the way Prisma stores it. */
    date: (d: Date) => (pg ? `${value(dateParam(d))}::timestamp(3)` : value(dateParam(d))),
    /** A subquery of the strings, for `x IN (${list(ids)})`. */
    list: (xs: string[]) =>
      pg ? `SELECT jsonb_array_elements_text(${value(JSON.stringify(xs))}::jsonb)` : `SELECT value FROM json_each(${value(JSON.stringify(xs))})`,
    /** A subquery of text rows with the given columns, for `FROM (${rows(...)}) AS t`. */
    rows: (xs: Record<string, string | null>[], columns: string[]) =>
      pg
        ? `SELECT * FROM jsonb_to_recordset(${value(JSON.stringify(xs))}::jsonb) AS r(${columns.map((c) => `"${c}" text`).join(", ")})`
        : `SELECT ${columns.map((c) => `value ->> '${c}' AS "${c}"`).join(", ")} FROM json_each(${value(JSON.stringify(xs))})`,
  };
}

export type SqlParams = ReturnType<typeof sqlParams>;

/** Runs a raw query whose text is built with fresh sqlParams (`rawQuery(tx, (q) => \`… ${q.list(ids)}\`)`). */
export async function rawQuery<T>(client: Db | Tx, build: (q: SqlParams) => string): Promise<T[]> {
  const q = sqlParams();
  const sql = build(q);
  return client.$queryRawUnsafe<T[]>(sql, ...q.values);
}

/** Like rawQuery for a statement; returns the number of rows changed. */
export async function rawExec(client: Db | Tx, build: (q: SqlParams) => string): Promise<number> {
  const q = sqlParams();
  const sql = build(q);
  return client.$executeRawUnsafe(sql, ...q.values);
}
