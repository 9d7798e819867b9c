// Can this code run on a database with these migrations? Not when it has migrations this code does not
// know (made by a newer Proofmail) or ones whose migration.sql differs from ours; an older one is fine
// (the pending migrations are applied by `npm run db:migrate`, which `npm start` runs).
import { classifyMigrations, readMigrations, type MigrationRow } from "../db/migrate.ts";
import { BackupError } from "./errors.ts";

const list = (names: string[]) => (names.length > 3 ? `${names.slice(0, 3).join(", ")}, …` : names.join(", "));

/** Throws a BackupError for a newer or different schema; returns the migrations still to apply. */
export function assertSchemaKnown(rows: MigrationRow[], label: string, migrationsDir?: string): { pending: string[] } {
  const status = classifyMigrations(readMigrations("sqlite", migrationsDir), rows);
  if (status.missing.length)
    throw new BackupError(
      `${label} is from a newer schema: it has ${status.missing.length} migration(s) this code does not know (${list(status.missing)}); upgrade Proofmail first`,
    );
  if (status.modified.length) throw new BackupError(`${label} has migration(s) whose migration.sql differs from this code's (${list(status.modified)})`);
  if (status.failed.length) throw new BackupError(`${label} has failed migration(s) recorded (${list(status.failed)})`);
  return { pending: status.pending };
}
