// lib/db/migrate.ts on an empty SQLite file and on a fresh PostgreSQL schema: applies the checked-in
// migrations, writes Prisma-compatible _prisma_migrations rows, is a no-op the second time, reports a
// tampered checksum, and leaves a schema the generated Prisma clients can use.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, migrationStatus, readMigrations } from "./migrate.ts";

const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function expectedRows(provider: "sqlite" | "postgres") {
  const dir = path.join(process.cwd(), "prisma", provider, "migrations");
  return readMigrations(provider).map((m) => ({ name: m.name, checksum: sha256(path.join(dir, m.name, "migration.sql")) }));
}

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: unknown;
  migration_name: string;
  logs: unknown;
  rolled_back_at: unknown;
  started_at: unknown;
  applied_steps_count: number;
}

function checkRows(rows: MigrationRow[], provider: "sqlite" | "postgres") {
  const expected = expectedRows(provider);
  expect(expected.length).toBeGreaterThan(0);
  expect(rows.map((r) => ({ name: r.migration_name, checksum: r.checksum }))).toEqual(expected);
  for (const r of rows) {
    expect(r.id).toMatch(UUID);
    expect(r.finished_at).not.toBeNull();
    expect(r.rolled_back_at).toBeNull();
    expect(r.logs).toBeNull();
    expect(Number(r.applied_steps_count)).toBe(1);
    expect(new Date(r.finished_at as string).getTime()).toBeGreaterThanOrEqual(new Date(r.started_at as string).getTime());
  }
}

describe("migrate: SQLite", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "proofmail-migrate-"));
  const file = path.join(tmp, "nested", "dir", "m.db"); // parent directories get created
  const url = `file:${file}`;
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("applies every migration to an empty file and records it as Prisma does", async () => {
    const lines: string[] = [];
    const { applied } = await migrate({ provider: "sqlite", url, log: (l) => lines.push(l) });
    expect(applied).toEqual(expectedRows("sqlite").map((r) => r.name));
    expect(lines).toHaveLength(applied.length);
    expect(fs.existsSync(`${file}-wal`)).toBe(false); // checkpointed on close: the file alone is the database

    const { default: Database } = await import("better-sqlite3");
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      const ddl = db.prepare(`SELECT sql FROM sqlite_master WHERE name = '_prisma_migrations'`).get() as { sql: string };
      expect(ddl.sql).toContain(`"applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0`);
      checkRows(db.prepare(`SELECT * FROM _prisma_migrations ORDER BY started_at`).all() as MigrationRow[], "sqlite");
    } finally {
      db.close();
    }
  });

  it("applies nothing the second time", async () => {
    expect(await migrate({ provider: "sqlite", url })).toEqual({ applied: [] });
    const s = await migrationStatus({ provider: "sqlite", url });
    expect(s).toMatchObject({ pending: [], modified: [], failed: [], missing: [] });
    expect(s.applied).toEqual(expectedRows("sqlite").map((r) => r.name));
  });

  it("reports a pending migration and applies only it", async () => {
    const dir = path.join(tmp, "migrations");
    fs.cpSync(path.join(process.cwd(), "prisma", "sqlite", "migrations"), dir, { recursive: true });
    fs.mkdirSync(path.join(dir, "99990101000000_extra"));
    fs.writeFileSync(path.join(dir, "99990101000000_extra", "migration.sql"), `CREATE TABLE "Extra" ("id" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO "Extra" VALUES (1);\n`);
    const other = `file:${path.join(tmp, "pending.db")}`;
    fs.copyFileSync(file, path.join(tmp, "pending.db"));
    expect((await migrationStatus({ provider: "sqlite", url: other, dir })).pending).toEqual(["99990101000000_extra"]);
    expect(await migrate({ provider: "sqlite", url: other, dir })).toEqual({ applied: ["99990101000000_extra"] });
    expect((await migrationStatus({ provider: "sqlite", url: other, dir })).pending).toEqual([]);
  });

  it("rolls a failing migration back completely", async () => {
    const dir = path.join(tmp, "migrations-bad");
    fs.cpSync(path.join(process.cwd(), "prisma", "sqlite", "migrations"), dir, { recursive: true });
    fs.mkdirSync(path.join(dir, "99990101000000_bad"));
    fs.writeFileSync(path.join(dir, "99990101000000_bad", "migration.sql"), `CREATE TABLE "Half" ("id" INTEGER);\nSELECT * FROM "NoSuchTable";\n`);
    await expect(migrate({ provider: "sqlite", url, dir })).rejects.toThrow(/99990101000000_bad failed: .*NoSuchTable/);
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'Half'`).get()).toBeUndefined();
      expect(db.prepare(`SELECT count(*) AS n FROM _prisma_migrations WHERE migration_name = '99990101000000_bad'`).get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it("redefines a parent table the way Prisma's SQLite migrations do without cascading into its children", async () => {
    // better-sqlite3 enables foreign keys; inside a transaction Prisma's `PRAGMA foreign_keys=OFF` is a no-op,
    // so a naive runner's DROP TABLE "Subscriber" would run ON DELETE CASCADE on Subscription and Purchase.
    const { default: Database } = await import("better-sqlite3");
    const copy = path.join(tmp, "fk.db");
    fs.copyFileSync(file, copy);
    const db = new Database(copy);
    db.exec(`INSERT INTO "Subscriber" (id, email, "updatedAt") VALUES ('s1', 'fk@example.org', 0);
      INSERT INTO "Newsletter" (id, slug, name, "fromName", "fromEmail", categories, "updatedAt") VALUES ('n1', 'fk', 'FK', 'f', 'f@example.org', '[]', 0);
      INSERT INTO "Subscription" (id, "subscriberId", "newsletterId", status, "updatedAt") VALUES ('sub1', 's1', 'n1', 'confirmed', 0);`);
    const ddl = (db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'Subscriber'`).get() as { sql: string }).sql;
    db.close();
    const dir = path.join(tmp, "migrations-fk");
    fs.cpSync(path.join(process.cwd(), "prisma", "sqlite", "migrations"), dir, { recursive: true });
    fs.mkdirSync(path.join(dir, "99990101000000_redefine"));
    fs.writeFileSync(
      path.join(dir, "99990101000000_redefine", "migration.sql"),
      `-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
${ddl.replace(`CREATE TABLE "Subscriber"`, `CREATE TABLE "new_Subscriber"`)};
INSERT INTO "new_Subscriber" SELECT * FROM "Subscriber";
DROP TABLE "Subscriber";
ALTER TABLE "new_Subscriber" RENAME TO "Subscriber";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
`,
    );
    expect(await migrate({ provider: "sqlite", url: `file:${copy}`, dir })).toEqual({ applied: ["99990101000000_redefine"] });
    const after = new Database(copy, { readonly: true });
    try {
      expect(after.prepare(`SELECT count(*) AS n FROM "Subscription"`).get()).toEqual({ n: 1 });
    } finally {
      after.close();
    }
  });

  it("reports a migration whose checksum no longer matches", async () => {
    const { default: Database } = await import("better-sqlite3");
    const [first] = expectedRows("sqlite");
    const db = new Database(file);
    db.prepare(`UPDATE _prisma_migrations SET checksum = ? WHERE migration_name = ?`).run("0".repeat(64), first.name);
    db.close();
    const s = await migrationStatus({ provider: "sqlite", url });
    expect(s.modified).toEqual([first.name]);
    await expect(migrate({ provider: "sqlite", url })).rejects.toThrow(new RegExp(`${first.name}.*changed after being applied`));
    const db2 = new Database(file);
    db2.prepare(`UPDATE _prisma_migrations SET checksum = ? WHERE migration_name = ?`).run(first.checksum, first.name);
    db2.close();
    expect((await migrationStatus({ provider: "sqlite", url })).modified).toEqual([]);
  });

  it("gives a schema the generated SQLite client can use", async () => {
    const { PrismaClient } = await import("./generated/sqlite/client.ts");
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url }) });
    try {
      await expectRoundTrip(prisma);
    } finally {
      await prisma.$disconnect();
    }
  });
});

describe("migrate: PostgreSQL", () => {
  const base = "postgres://root@127.0.0.1:5432/test";
  const schema = `pm_migrate_${randomBytes(5).toString("hex")}`;
  const url = `${base}?schema=${schema}`;
  let pg: typeof import("pg").default;

  const query = async <T,>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    pg = (await import("pg")).default;
  });
  afterAll(async () => {
    await query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });

  it("applies every migration to a fresh schema, once, even with several processes starting at once", async () => {
    const runs = await Promise.all([1, 2, 3].map(() => migrate({ provider: "postgres", url })));
    const names = expectedRows("postgres").map((r) => r.name);
    expect(runs.flatMap((r) => r.applied).sort()).toEqual(names);
    const tables = await query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [schema]);
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["_prisma_migrations", "Subscriber", "ConsentEvent"]));
    const cols = await query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
      [schema],
    );
    expect(cols.map((c) => `${c.column_name} ${c.data_type}`)).toEqual([
      "id character varying",
      "checksum character varying",
      "finished_at timestamp with time zone",
      "migration_name character varying",
      "logs text",
      "rolled_back_at timestamp with time zone",
      "started_at timestamp with time zone",
      "applied_steps_count integer",
    ]);
    checkRows(await query<MigrationRow>(`SELECT * FROM "${schema}"._prisma_migrations ORDER BY started_at`), "postgres");
  });

  it("applies nothing the second time", async () => {
    expect(await migrate({ provider: "postgres", url })).toEqual({ applied: [] });
    // the schema option wins over ?schema=
    expect(await migrate({ provider: "postgres", url: `${base}?schema=ignored`, schema })).toEqual({ applied: [] });
    const s = await migrationStatus({ provider: "postgres", url });
    expect(s).toMatchObject({ pending: [], modified: [], failed: [], missing: [] });
    expect(s.applied).toHaveLength(expectedRows("postgres").length);
  });

  it("reports a migration whose checksum no longer matches", async () => {
    const [first] = expectedRows("postgres");
    await query(`UPDATE "${schema}"._prisma_migrations SET checksum = $1 WHERE migration_name = $2`, ["f".repeat(64), first.name]);
    expect((await migrationStatus({ provider: "postgres", url })).modified).toEqual([first.name]);
    await expect(migrate({ provider: "postgres", url })).rejects.toThrow(new RegExp(`${first.name}.*changed after being applied`));
    await query(`UPDATE "${schema}"._prisma_migrations SET checksum = $1 WHERE migration_name = $2`, [first.checksum, first.name]);
    expect((await migrationStatus({ provider: "postgres", url })).modified).toEqual([]);
  });

  it("gives a schema the generated PostgreSQL client can use", async () => {
    const { PrismaClient } = await import("./generated/postgres/client.ts");
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: base }, { schema }) });
    try {
      // the app's way: the PostgreSQL client behind the SQLite client's type (lib/db/index.ts)
      await expectRoundTrip(prisma as unknown as SqlitePrisma);
      const inSchema = await query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}"."Subscriber"`);
      expect(inSchema[0].n).toBe("1");
    } finally {
      await prisma.$disconnect();
    }
  });
});

type SqlitePrisma = InstanceType<typeof import("./generated/sqlite/client.ts").PrismaClient>;

/** One nested write and read through a generated client: the migrated schema matches the client. */
async function expectRoundTrip(prisma: SqlitePrisma) {
  const created = await prisma.newsletter.create({
    data: {
      slug: "news",
      name: "News",
      fromName: "Proofmail",
      fromEmail: "news@example.org",
      categories: ["books"],
      subscriptions: { create: { status: "confirmed", subscriber: { create: { email: "a@example.org", kind: "sole_trader" } } } },
    },
  });
  const read = await prisma.newsletter.findUniqueOrThrow({ where: { id: created.id }, include: { subscriptions: { include: { subscriber: true } } } });
  expect(read.categories).toEqual(["books"]);
  expect(read.subscriptions[0].subscriber.kind).toBe("sole_trader");
}
