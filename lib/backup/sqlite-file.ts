// Checks on a SQLite file: is it one (header), is it whole (PRAGMA integrity_check), which migrations it has.
import fs from "node:fs";
import Database from "better-sqlite3";
import type { MigrationRow } from "../db/migrate.ts";
import { BackupError } from "./errors.ts";

const MAGIC = Buffer.from("SQLite format 3\0", "latin1");

/** Throws unless `file` is an existing regular file that starts with SQLite's header. */
export function assertSqliteFile(file: string, what: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new BackupError(`${what} ${file} does not exist`);
  }
  if (!stat.isFile()) throw new BackupError(`${what} ${file} is not a file`);
  const head = Buffer.alloc(MAGIC.length);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!head.equals(MAGIC)) throw new BackupError(`${what} ${file} is not a SQLite database`);
}

/** True when the file's header says WAL (write and read versions 2). */
export function isWalFile(file: string): boolean {
  const head = Buffer.alloc(20);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  return head[18] === 2 && head[19] === 2;
}

/** The rows of `_prisma_migrations`, or null when the table does not exist. */
export function migrationRows(db: Database.Database): MigrationRow[] | null {
  const has = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
  if (!has) return null;
  return db
    .prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name, started_at`)
    .all() as MigrationRow[];
}

/**
 * Opens `file` (read-write: a copy of ours, never the live database), runs PRAGMA integrity_check and
 * returns its migration rows. Throws a BackupError naming `label` when the file is damaged or has no
 * migrations table.
 */
export function checkCopy(file: string, label: string): MigrationRow[] {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    const result = db.pragma("integrity_check") as { integrity_check: string }[];
    const problems = result.map((r) => r.integrity_check).filter((r) => r !== "ok");
    if (problems.length) throw new BackupError(`${label} fails the integrity check: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""}`);
    const rows = migrationRows(db);
    if (!rows) throw new BackupError(`${label} is not a Proofmail database (it has no _prisma_migrations table)`);
    return rows;
  } catch (e) {
    if (e instanceof BackupError) throw e;
    // SQLITE_CORRUPT, SQLITE_NOTADB…: damage found before integrity_check could report it.
    throw new BackupError(`${label} fails the integrity check: ${(e as Error).message.split("\n")[0]}`);
  } finally {
    db?.close();
  }
}
