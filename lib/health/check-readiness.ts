// Readiness: can this process serve? The database answers, and every migration this code ships
// (prisma/<provider>/migrations) is applied to it. Read through the shared client, at most HEALTH_TIMEOUT_MS
// each, so a probe never hangs on a database that does not answer. The mail server is not contacted.
import { db, dbProvider } from "../db/index.ts";
import { classifyMigrations, readMigrations, type Migration, type MigrationRow } from "../db/migrate.ts";

const TIMEOUT_MS = 3_000;

export type DatabaseCheck = { ok: boolean; provider: string; error?: string };
export type MigrationsCheck = { ok: boolean; pending: string[]; modified: string[]; failed: string[]; error?: string };

function within<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

// The shipped migrations do not change while the process runs: read the directory once.
const shipped = new Map<string, (Migration & { bytes: Buffer })[]>();

export async function checkDatabase(): Promise<DatabaseCheck> {
  const provider = dbProvider();
  try {
    await within(db.$queryRawUnsafe("SELECT 1"), "database");
    return { ok: true, provider };
  } catch (err) {
    // The first line only: driver errors can carry connection details.
    return { ok: false, provider, error: String((err as Error).message ?? err).split("\n")[0].slice(0, 200) };
  }
}

export async function checkMigrations(): Promise<MigrationsCheck> {
  const provider = dbProvider();
  try {
    if (!shipped.has(provider)) shipped.set(provider, readMigrations(provider));
    const migrations = shipped.get(provider)!;
    let rows: MigrationRow[] = [];
    try {
      rows = await within(db.$queryRawUnsafe<MigrationRow[]>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`), "migrations");
    } catch (err) {
      if (!/_prisma_migrations/.test(String((err as Error).message))) throw err; // no table yet: nothing applied
    }
    const s = classifyMigrations(migrations, rows);
    return { ok: !s.pending.length && !s.modified.length && !s.failed.length, pending: s.pending, modified: s.modified, failed: s.failed };
  } catch (err) {
    return { ok: false, pending: [], modified: [], failed: [], error: String((err as Error).message ?? err).split("\n")[0].slice(0, 200) };
  }
}

export async function checkReadiness() {
  const database = await checkDatabase();
  const migrations = database.ok ? await checkMigrations() : { ok: false, pending: [], modified: [], failed: [], error: "database unreachable" };
  return { ready: database.ok && migrations.ok, database, migrations };
}
