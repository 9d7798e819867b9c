// `npm run restore -- FILE`: puts a backup in place of the embedded SQLite database.
//
// Nothing is changed until the backup has passed every check: a copy of it is made beside the database
// (same directory, so the final rename is atomic), and that copy is integrity-checked and its migrations
// compared with this code's. The current database is kept as <db>.before-restore-<time> (an online copy,
// so what sits in its -wal is kept too), its -wal/-shm/-journal are removed (a stale WAL would be replayed
// into the restored file), and the copy is renamed over the database.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { BackupError } from "./errors.ts";
import { databaseInUse } from "./in-use.ts";
import { stamp, unusedPath } from "./names.ts";
import { fsyncDir, fsyncFile, onlineCopy } from "./online-copy.ts";
import { assertSchemaKnown } from "./schema-check.ts";
import { assertSqliteFile, checkCopy } from "./sqlite-file.ts";

export type RestoreResult = { dbPath: string; keptAs: string | null; pending: string[]; forced: boolean };

const SIDE_FILES = ["-wal", "-shm", "-journal"];

function removeSideFiles(file: string): void {
  for (const ext of SIDE_FILES) fs.rmSync(file + ext, { force: true });
}

export async function restoreBackup(opts: { file: string; dbPath: string; force?: boolean; now?: Date; migrationsDir?: string }): Promise<RestoreResult> {
  const file = path.resolve(opts.file);
  const dbPath = path.resolve(opts.dbPath);
  const now = opts.now ?? new Date();
  if (file === dbPath) throw new BackupError(`${file} is the database itself`);
  assertSqliteFile(file, "backup");

  fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  const staged = unusedPath(`${dbPath}.restoring-${stamp(now)}`);
  let pending: string[];
  try {
    fs.copyFileSync(file, staged);
    // The restored database keeps the permissions the current one has (a backup file may be 0600 or 0644).
    if (fs.existsSync(dbPath)) fs.chmodSync(staged, fs.statSync(dbPath).mode & 0o777);
    const rows = checkCopy(staged, `backup ${file}`);
    ({ pending } = assertSchemaKnown(rows, `backup ${file}`, opts.migrationsDir));
    // The journal mode the migrator gives the live database.
    const db = new Database(staged, { fileMustExist: true });
    try {
      db.pragma("journal_mode = WAL");
    } finally {
      db.close();
    }
    removeSideFiles(staged);
    fsyncFile(staged);
  } catch (e) {
    fs.rmSync(staged, { force: true });
    removeSideFiles(staged);
    throw e;
  }

  // Only now look at the live database (opening it may checkpoint its -wal): a bad backup changes nothing.
  let inUse: ReturnType<typeof databaseInUse>;
  try {
    inUse = databaseInUse(dbPath);
    if (!opts.force) {
      if (inUse === "in-use")
        throw new BackupError(`database ${dbPath} is in use by another process (the app or a worker?): stop them first, or pass --force`);
      if (inUse === "unknown")
        throw new BackupError(`cannot tell whether the app or a worker uses ${dbPath} (it is not in WAL mode): stop them, then run again with --force`);
    }
  } catch (e) {
    fs.rmSync(staged, { force: true });
    throw e;
  }

  let keptAs: string | null = null;
  try {
    if (fs.existsSync(dbPath)) {
      keptAs = unusedPath(`${dbPath}.before-restore-${stamp(now)}`);
      await onlineCopy(dbPath, keptAs);
    }
  } catch (e) {
    fs.rmSync(staged, { force: true });
    if (keptAs) fs.rmSync(keptAs, { force: true });
    throw new BackupError(`could not keep the current database aside (nothing was changed): ${(e as Error).message.split("\n")[0]}`);
  }
  removeSideFiles(dbPath);
  fs.renameSync(staged, dbPath);
  removeSideFiles(dbPath);
  fsyncDir(path.dirname(dbPath));
  return { dbPath, keptAs, pending, forced: !!opts.force && inUse !== "free" };
}
