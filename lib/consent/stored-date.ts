// Dates read by raw SQL on hot paths (ledger verification, bulk export). SQLite keeps Prisma's DateTimes as
// text in one form ("2025-01-10T09:00:00.120+00:00"); selecting that text (sqliteDateText) and rewriting it to
// toISOString's form skips a Date per value, a measurable share at millions of rows. PostgreSQL returns Dates.

/** The column as raw SQL should select it: as text on SQLite, as is on PostgreSQL. */
export const storedDateColumn = (pg: boolean, column: string, as: string) => (pg ? `${column} AS "${as}"` : `CAST(${column} AS TEXT) AS "${as}"`);

const PRISMA_SQLITE_FORM = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/;

/**
 * toISOString of a stored date, or undefined for text in any other form than Prisma's (written by something
 * else): the caller then reads that row through Prisma, so it is interpreted exactly as the app reads it.
 */
export function isoOfStored(v: Date | string | null): string | null | undefined {
  if (v === null) return null;
  if (v instanceof Date) return v.toISOString();
  return PRISMA_SQLITE_FORM.test(v) ? v.slice(0, 23) + "Z" : undefined;
}
