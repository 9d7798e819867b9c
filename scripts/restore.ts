// `npm run restore -- FILE [--force]`: puts a backup made by `npm run backup` in place of the embedded
// SQLite database, after checking it (SQLite, integrity, not from a newer schema) and that no app or
// worker has the database open. The current database is kept as <db>.before-restore-YYYYMMDD-HHMMSS.
// On PostgreSQL it prints the pg_restore command instead.
import { ConfigError } from "../lib/config/index.ts";
import { BackupError } from "../lib/backup/errors.ts";
import { databaseTarget } from "../lib/backup/database-target.ts";
import { pgRestoreInstructions } from "../lib/backup/postgres-commands.ts";

const USAGE = `usage: npm run restore -- FILE [--force]
  FILE     a backup made by npm run backup
  --force  restore even when the app or a worker seems to have the database open (restart them afterwards)
  On PostgreSQL (DATABASE_URL=postgres://...) it prints the pg_restore command to use and does nothing else.`;

function usage(message: string): never {
  console.error(`error: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

let force = false;
const files: string[] = [];
for (const arg of process.argv.slice(2)) {
  if (arg === "--help" || arg === "-h") {
    console.log(USAGE);
    process.exit(0);
  } else if (arg === "--force") force = true;
  else if (arg.startsWith("-")) usage(`unknown argument "${arg}"`);
  else files.push(arg);
}

try {
  const target = databaseTarget();
  if (target.provider === "postgres") {
    for (const line of pgRestoreInstructions(target.url, files[0] ?? "proofmail-YYYYMMDD-HHMMSS.dump")) console.log(line);
    process.exit(0);
  }
  if (files.length !== 1) usage(files.length ? `expected one FILE, got ${files.length}` : "name the backup FILE to restore");
  const { restoreBackup } = await import("../lib/backup/restore-backup.ts");
  const r = await restoreBackup({ file: files[0], dbPath: target.dbPath, force });
  console.log(`restore: ${files[0]} is now the database ${r.dbPath}`);
  console.log(r.keptAs ? `restore: the previous database is kept as ${r.keptAs}` : "restore: there was no database before");
  if (r.pending.length) console.log(`restore: the backup is ${r.pending.length} migration(s) behind this code: run npm run db:migrate (npm start does it)`);
  if (r.forced) console.log("restore: --force: restart the app and every worker now (any still running has the old database open)");
  process.exit(0);
} catch (e) {
  if (e instanceof BackupError) console.error(`restore: refused: ${e.message}`);
  else if (e instanceof ConfigError) console.error(`proofmail: configuration error: ${e.message}`);
  else console.error(`restore: failed: ${String((e as Error).message ?? e).split("\n")[0]}`);
  process.exit(1);
}
