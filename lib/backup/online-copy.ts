// A consistent copy of a live SQLite database, taken while the app and worker write to it.
//
// SQLite's online backup API copies in steps, and a write by another connection between two steps makes
// it start over: under continuous writes a paged backup never ends. So the whole database is copied in
// ONE step (`progress` asks for more pages than there are), which holds a read transaction for the
// duration; in WAL mode writers carry on meanwhile and the copy is the snapshot at the step's start.
import fs from "node:fs";
import Database from "better-sqlite3";
import type { MigrationRow } from "../db/migrate.ts";
import { migrationRows } from "./sqlite-file.ts";

export const ALL_PAGES = 1e9;

/**
 * Copies the database `source` to `dest` (which must not exist) in one step and returns the source's
 * migration rows (null: none). The copy (mode 0600) is switched to journal_mode=DELETE: one self-contained file.
 */
export async function onlineCopy(source: string, dest: string): Promise<{ sourceMigrations: MigrationRow[] | null }> {
  const db = new Database(source, { fileMustExist: true, timeout: 30_000 });
  try {
    // Personal data: readable by the owner only, from the first byte (SQLite takes an empty file as a new database).
    fs.writeFileSync(dest, "", { mode: 0o600, flag: "wx" });
    await db.backup(dest, { progress: () => ALL_PAGES });
    const sourceMigrations = migrationRows(db);
    const copy = new Database(dest, { fileMustExist: true });
    try {
      copy.pragma("journal_mode = DELETE");
    } finally {
      copy.close();
    }
    fsyncFile(dest);
    return { sourceMigrations };
  } finally {
    db.close();
  }
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** fsync of a directory, so a rename in it survives a power cut (best effort: not every OS allows it). */
export function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* not supported here */
  }
}
