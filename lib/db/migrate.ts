// Runtime migrator: applies the checked-in migrations prisma/<provider>/migrations/*/migration.sql and
// records them in the standard `_prisma_migrations` table exactly as Prisma's schema engine does, so the
// official `prisma migrate deploy` / `migrate status` accept the history. No Prisma engine is involved
// (the WASM schema engine is a dev-time tool, see scripts/db/engine.ts).
//
// - One transaction per migration; the `_prisma_migrations` row is written in the same transaction, so a
//   failing migration leaves neither schema changes nor a row behind (safe to fix and re-run).
// - Concurrency: PostgreSQL takes pg_advisory_lock(72707369), the same key Prisma's engine uses, so this
//   runner and `prisma migrate` exclude each other; SQLite uses BEGIN IMMEDIATE (+ busy_timeout).
// - The applied state is re-read inside each migration's transaction/lock, so processes racing at start-up
//   apply each migration once.
// - An applied migration whose migration.sql changed since (sha256 differs) is an error, as is a failed
//   row (finished_at null, not rolled back) left behind by `prisma migrate`.
// - PostgreSQL gets each migration.sql as one simple-protocol query, as Prisma sends it (which runs it as
//   one implicit transaction anyway). Prisma's enum rewrites carry their own BEGIN;...COMMIT;: that COMMIT
//   ends our transaction early (PostgreSQL only warns), so such a migration is atomic up to there only,
//   as with Prisma itself. The row is still written after the script succeeds.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type DbProvider = "sqlite" | "postgres";

export interface MigrateOptions {
  provider: DbProvider;
  /** sqlite: file:/abs/path.db or file:./rel.db (relative to process.cwd()); postgres: postgres(ql)://... */
  url: string;
  /** PostgreSQL schema; default: `?schema=` of the url, else public. */
  schema?: string;
  log?: (line: string) => void;
  /** Migrations directory; default <cwd>/prisma/<provider>/migrations. */
  dir?: string;
}

export interface MigrationStatus {
  /** In the directory and applied (checksum matches). */
  applied: string[];
  /** In the directory, not applied yet. */
  pending: string[];
  /** Applied, but migration.sql changed since. */
  modified: string[];
  /** Started by `prisma migrate` and failed (finished_at null, not rolled back). */
  failed: string[];
  /** Applied to the database but absent from the directory. */
  missing: string[];
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

// Prisma's own DDL (prisma-engines sql-schema-connector), verified against what the engine creates.
const SQLITE_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;
const POSTGRES_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;
/** Prisma's engine holds this advisory lock while migrating. */
const PRISMA_ADVISORY_LOCK = 72707369;

export function migrationsDir(provider: DbProvider, dir?: string): string {
  return dir ?? path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", provider, "migrations");
}

/** sha256 hex of the file's bytes, as Prisma computes it. */
export function checksum(sql: string | Buffer): string {
  return createHash("sha256").update(sql).digest("hex");
}

/** Old Prisma versions wrote checksums with each byte's leading zero dropped; the engine accepts both. */
function checksumMatches(stored: string, sql: Buffer): boolean {
  const digest = createHash("sha256").update(sql).digest();
  return stored === digest.toString("hex") || stored === [...digest].map((b) => b.toString(16)).join("");
}

/** The migration directories, in Prisma's order (localeCompare of the directory names). */
export function readMigrations(provider: DbProvider, dir?: string): (Migration & { bytes: Buffer })[] {
  const base = migrationsDir(provider, dir);
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const file = path.join(base, name, "migration.sql");
      if (!existsSync(file)) throw new Error(`migration ${name}: ${file} is missing`);
      const bytes = readFileSync(file);
      return { name, bytes, sql: bytes.toString("utf8"), checksum: checksum(bytes) };
    });
}

/** The directory's migrations against the rows of `_prisma_migrations`. */
export function classifyMigrations(migrations: (Migration & { bytes: Buffer })[], rows: MigrationRow[]): MigrationStatus {
  const live = rows.filter((r) => r.rolled_back_at == null);
  const status: MigrationStatus = { applied: [], pending: [], modified: [], failed: [], missing: [] };
  const names = new Set(migrations.map((m) => m.name));
  for (const m of migrations) {
    const mine = live.filter((r) => r.migration_name === m.name);
    const done = mine.filter((r) => r.finished_at != null);
    if (done.length) {
      if (done.some((r) => checksumMatches(r.checksum, m.bytes))) status.applied.push(m.name);
      else status.modified.push(m.name);
    } else if (mine.length) status.failed.push(m.name);
    else status.pending.push(m.name);
  }
  for (const r of live) if (!names.has(r.migration_name) && !status.missing.includes(r.migration_name)) status.missing.push(r.migration_name);
  return status;
}

function assertClean(status: MigrationStatus, where: string, provider: DbProvider): void {
  if (status.modified.length)
    throw new Error(
      `${where}: migration(s) ${status.modified.join(", ")} changed after being applied (sha256 of migration.sql ` +
        `differs from _prisma_migrations.checksum). Restore prisma/${provider}/migrations/<name>/migration.sql; ` +
        `put new changes in a new migration (npm run db:new -- <name>).`,
    );
  if (status.failed.length)
    throw new Error(
      `${where}: migration(s) ${status.failed.join(", ")} are recorded as failed in _prisma_migrations ` +
        `(finished_at is null). Fix the database by hand, then mark them with \`prisma migrate resolve\`.`,
    );
}

// ---------------------------------------------------------------- SQLite

/** file:/abs.db, file:./rel.db, file:rel.db, file:///abs.db (query string ignored) → absolute path. */
export function sqlitePath(url: string): string {
  if (!url.startsWith("file:")) throw new Error(`SQLite url must start with file:, got "${url}"`);
  let p = url.slice("file:".length).replace(/\?.*$/, "");
  if (p.startsWith("//")) p = p.slice(2); // file:///abs
  if (!p) throw new Error(`SQLite url has no path: "${url}"`);
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), p);
}

type SqliteDb = import("better-sqlite3").Database;

async function openSqlite(url: string, create: boolean): Promise<SqliteDb | undefined> {
  const file = sqlitePath(url);
  if (!create && !existsSync(file)) return undefined;
  mkdirSync(path.dirname(file), { recursive: true });
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(file);
  db.pragma("busy_timeout = 30000");
  return db;
}

function sqliteRows(db: SqliteDb): MigrationRow[] {
  const has = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
  if (!has) return [];
  return db.prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`).all() as MigrationRow[];
}

/** The timestamp format Prisma's engine writes into SQLite's DATETIME columns (through a driver adapter). */
function sqliteNow(): string {
  return new Date().toISOString().replace("Z", "+00:00");
}

async function migrateSqlite(opts: MigrateOptions): Promise<{ applied: string[] }> {
  const migrations = readMigrations("sqlite", opts.dir);
  const db = (await openSqlite(opts.url, true))!;
  const applied: string[] = [];
  try {
    db.pragma("journal_mode = WAL");
    // Prisma's SQLite table redefinitions rely on `PRAGMA foreign_keys=OFF`, which is a no-op inside a
    // transaction, and better-sqlite3 turns foreign keys on by default: a DROP TABLE of a parent would then
    // run ON DELETE CASCADE on its children. So (the procedure in SQLite's ALTER TABLE docs): foreign keys
    // off outside the transaction, `PRAGMA foreign_key_check` before each commit.
    db.pragma("foreign_keys = OFF");
    for (;;) {
      db.exec("BEGIN IMMEDIATE");
      try {
        if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get()) db.exec(SQLITE_TABLE);
        const status = classifyMigrations(migrations, sqliteRows(db));
        assertClean(status, sqlitePath(opts.url), "sqlite");
        const next = migrations.find((m) => m.name === status.pending[0]);
        if (!next) {
          db.exec("COMMIT");
          break;
        }
        const t0 = Date.now();
        const startedAt = sqliteNow();
        try {
          db.exec(next.sql);
        } catch (e) {
          throw new Error(`migration ${next.name} failed: ${(e as Error).message}`, { cause: e });
        }
        const violations = db.pragma("foreign_key_check") as unknown[];
        if (violations.length)
          throw new Error(`migration ${next.name} leaves ${violations.length} foreign key violation(s), e.g. ${JSON.stringify(violations[0])}`);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
        ).run(randomUUID(), next.checksum, sqliteNow(), next.name, startedAt);
        db.exec("COMMIT");
        applied.push(next.name);
        opts.log?.(`applied ${next.name} (${Date.now() - t0} ms)`);
      } catch (e) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw e;
      }
    }
  } finally {
    db.close();
  }
  return { applied };
}

async function statusSqlite(opts: MigrateOptions): Promise<MigrationStatus> {
  const migrations = readMigrations("sqlite", opts.dir);
  const db = await openSqlite(opts.url, false);
  if (!db) return classifyMigrations(migrations, []);
  try {
    return classifyMigrations(migrations, sqliteRows(db));
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------- PostgreSQL

type PgClient = import("pg").Client;

/** The connection string without `schema` (a Prisma convention pg does not know) and that schema. */
export function pgTarget(url: string, schema?: string): { connectionString: string; schema: string } {
  const u = new URL(url);
  const fromUrl = u.searchParams.get("schema");
  u.searchParams.delete("schema");
  return { connectionString: u.toString(), schema: schema ?? (fromUrl || "public") };
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

async function openPg(url: string, schema?: string): Promise<{ client: PgClient; schema: string }> {
  const { default: pg } = await import("pg");
  const target = pgTarget(url, schema);
  const client = new pg.Client({ connectionString: target.connectionString });
  await client.connect();
  return { client, schema: target.schema };
}

async function pgRows(client: PgClient, schema: string): Promise<MigrationRow[]> {
  const has = await client.query(`SELECT to_regclass($1) AS t`, [`${ident(schema)}."_prisma_migrations"`]);
  if (!has.rows[0].t) return [];
  const r = await client.query(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM ${ident(schema)}."_prisma_migrations" ORDER BY started_at`,
  );
  return r.rows as MigrationRow[];
}

async function migratePg(opts: MigrateOptions): Promise<{ applied: string[] }> {
  const migrations = readMigrations("postgres", opts.dir);
  const { client, schema } = await openPg(opts.url, opts.schema);
  const applied: string[] = [];
  const where = `PostgreSQL schema "${schema}"`;
  try {
    await client.query(`SELECT pg_advisory_lock(${PRISMA_ADVISORY_LOCK})`);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`);
      await client.query(`SET search_path TO ${ident(schema)}`);
      const exists = await client.query(`SELECT to_regclass($1) AS t`, [`${ident(schema)}."_prisma_migrations"`]);
      if (!exists.rows[0].t) await client.query(POSTGRES_TABLE.replace("CREATE TABLE ", `CREATE TABLE ${ident(schema)}.`));
      for (;;) {
        await client.query("BEGIN");
        try {
          const status = classifyMigrations(migrations, await pgRows(client, schema));
          assertClean(status, where, "postgres");
          const next = migrations.find((m) => m.name === status.pending[0]);
          if (!next) {
            await client.query("COMMIT");
            break;
          }
          const t0 = Date.now();
          // Database clock, not now(): now() is the transaction's start time for both columns.
          const startedAt = (await client.query(`SELECT clock_timestamp() AS t`)).rows[0].t as Date;
          try {
            await client.query(next.sql); // no parameters: simple protocol, the whole script at once
          } catch (e) {
            throw new Error(`migration ${next.name} failed: ${(e as Error).message}`, { cause: e });
          }
          // The script may have changed search_path; name the table explicitly.
          await client.query(
            `INSERT INTO ${ident(schema)}."_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
             VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
            [randomUUID(), next.checksum, next.name, startedAt],
          );
          await client.query("COMMIT");
          applied.push(next.name);
          opts.log?.(`applied ${next.name} (${Date.now() - t0} ms)`);
        } catch (e) {
          await client.query("ROLLBACK").catch(() => {});
          throw e;
        }
      }
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${PRISMA_ADVISORY_LOCK})`).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
  return { applied };
}

async function statusPg(opts: MigrateOptions): Promise<MigrationStatus> {
  const migrations = readMigrations("postgres", opts.dir);
  const { client, schema } = await openPg(opts.url, opts.schema);
  try {
    return classifyMigrations(migrations, await pgRows(client, schema));
  } finally {
    await client.end().catch(() => {});
  }
}

// ---------------------------------------------------------------- API

/** Applies the pending migrations; re-running is a no-op. Throws on modified or failed migrations. */
export async function migrate(opts: MigrateOptions): Promise<{ applied: string[] }> {
  return opts.provider === "sqlite" ? migrateSqlite(opts) : migratePg(opts);
}

/** Applied / pending / modified (and failed, missing) migrations; changes nothing. */
export async function migrationStatus(opts: MigrateOptions): Promise<MigrationStatus> {
  return opts.provider === "sqlite" ? statusSqlite(opts) : statusPg(opts);
}

/** file: → sqlite, postgres:// or postgresql:// → postgres, else undefined. */
export function providerFromUrl(url: string): DbProvider | undefined {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  return undefined;
}
