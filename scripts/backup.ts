// `npm run backup [-- FILE]`: a consistent copy of the embedded SQLite database while the app and worker
// keep writing (one-step online backup), checked (integrity, migrations) and then named FILE, by default
// ./data/backups/proofmail-YYYYMMDD-HHMMSS.db (UTC). On PostgreSQL it prints the pg_dump command instead.
import { rmSync } from "node:fs";
import { ConfigError } from "../lib/config/index.ts";
import { BackupError } from "../lib/backup/errors.ts";
import { databaseTarget } from "../lib/backup/database-target.ts";
import { defaultBackupPath, formatSize, stamp } from "../lib/backup/names.ts";
import { pgDumpInstructions } from "../lib/backup/postgres-commands.ts";

const USAGE = `usage: npm run backup -- [FILE]
  FILE   where to write the backup (default ./data/backups/proofmail-YYYYMMDD-HHMMSS.db, UTC); must not exist
  On PostgreSQL (DATABASE_URL=postgres://...) it prints the pg_dump command to use and does nothing else.`;

function usage(message: string): never {
  console.error(`error: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

const files: string[] = [];
for (const arg of process.argv.slice(2)) {
  if (arg === "--help" || arg === "-h") {
    console.log(USAGE);
    process.exit(0);
  } else if (arg.startsWith("-")) usage(`unknown argument "${arg}"`);
  else files.push(arg);
}
if (files.length > 1) usage(`expected at most one FILE, got ${files.length}`);

try {
  const target = databaseTarget();
  const now = new Date();
  if (target.provider === "postgres") {
    for (const line of pgDumpInstructions(target.url, files[0] ?? `proofmail-${stamp(now)}.dump`)) console.log(line);
    process.exit(0);
  }
  const { makeBackup, partialPathOf } = await import("../lib/backup/make-backup.ts");
  const out = files[0] ?? defaultBackupPath(target.dataDir, now);
  // Stopped half-way: no half-written copy is left behind.
  for (const sig of ["SIGINT", "SIGTERM"] as const)
    process.once(sig, () => {
      for (const ext of ["", "-journal"]) rmSync(partialPathOf(out) + ext, { force: true });
      console.error(`backup: stopped (${sig}); no backup written`);
      process.exit(1);
    });
  const r = await makeBackup({ dbPath: target.dbPath, out });
  console.log(`backup: ${r.file} (${formatSize(r.bytes)}, ${r.bytes} bytes; integrity ok, ${r.migrations} migrations; ${(r.ms / 1000).toFixed(1)} s)`);
  process.exit(0);
} catch (e) {
  if (e instanceof BackupError) console.error(`backup: refused: ${e.message}`);
  else if (e instanceof ConfigError) console.error(`proofmail: configuration error: ${e.message}`);
  else console.error(`backup: failed: ${String((e as Error).message ?? e).split("\n")[0]}`);
  process.exit(1);
}
