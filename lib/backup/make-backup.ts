// `npm run backup`: a consistent copy of the embedded SQLite database, checked before it gets its name.
import fs from "node:fs";
import path from "node:path";
import type { MigrationRow } from "../db/migrate.ts";
import { BackupError } from "./errors.ts";
import { fsyncDir, onlineCopy } from "./online-copy.ts";
import { assertSqliteFile, checkCopy } from "./sqlite-file.ts";

export type BackupResult = { file: string; bytes: number; migrations: number; ms: number };

const key = (rows: MigrationRow[]) =>
  JSON.stringify(rows.map((r) => [r.migration_name, r.checksum, r.finished_at != null, r.rolled_back_at != null]));

/**
 * Copies the database at `dbPath` to `out` (refused when it exists): first to `<out>.partial`, then
 * PRAGMA integrity_check on the copy and its `_prisma_migrations` compared with the source's, and only
 * then renamed to `out`. A failed check leaves no file behind.
 */
/** Where the copy is written until it has passed its checks. */
export const partialPathOf = (out: string) => `${path.resolve(out)}.partial`;

export async function makeBackup(opts: { dbPath: string; out: string }): Promise<BackupResult> {
  const started = Date.now();
  const out = path.resolve(opts.out);
  assertSqliteFile(opts.dbPath, "database");
  if (fs.existsSync(out)) throw new BackupError(`${out} already exists; name another file`);
  fs.mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 });
  const partial = partialPathOf(out);
  fs.rmSync(partial, { force: true });
  try {
    const { sourceMigrations } = await onlineCopy(opts.dbPath, partial);
    if (!sourceMigrations) throw new BackupError(`database ${opts.dbPath} is not a Proofmail database (it has no _prisma_migrations table)`);
    const copied = checkCopy(partial, "the copy");
    if (key(copied) !== key(sourceMigrations))
      throw new BackupError(`the copy's migrations (${copied.length}) differ from the database's (${sourceMigrations.length}); was a migration running? Try again`);
    fs.renameSync(partial, out);
    fsyncDir(path.dirname(out));
    return { file: out, bytes: fs.statSync(out).size, migrations: copied.length, ms: Date.now() - started };
  } catch (e) {
    fs.rmSync(partial, { force: true });
    for (const ext of ["-journal", "-wal", "-shm"]) fs.rmSync(partial + ext, { force: true });
    throw e;
  }
}
