// The one Prisma client, for SQLite (embedded default) or PostgreSQL, chosen by DATABASE_URL.
// The app is typed against the SQLite client; the PostgreSQL client is generated from the same models
// (prisma/models.prisma) and loaded behind the same type.
import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "./generated/postgres/client.ts";
import { config, parseDatabaseUrl, type DbProvider } from "../config/index.ts";
import { pgPoolSize } from "../config/tuning.ts";
import path from "node:path";

export type Db = InstanceType<typeof SqliteClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export * from "./generated/sqlite/enums.ts";
export type * as Models from "./generated/sqlite/models.ts";
export { Prisma } from "./generated/sqlite/client.ts";

/** The PostgreSQL schema named by `?schema=` (tests use one per file), else public. */
export function pgSchemaOf(url: string): string | undefined {
  return new URL(url).searchParams.get("schema") ?? undefined;
}

/** The SQLite file path of a `file:` URL, relative paths resolved against the working directory. */
export function sqlitePathOf(url: string): string {
  const p = url.slice("file:".length);
  return path.isAbsolute(p) ? p : path.resolve(/*turbopackIgnore: true*/ p);
}

export function createDb(databaseUrl: string): { db: Db; provider: DbProvider } {
  const { provider, url } = parseDatabaseUrl(databaseUrl);
  if (provider === "sqlite") {
    const adapter = new PrismaBetterSqlite3({ url: `file:${sqlitePathOf(url)}`, timeout: 10_000 });
    const client = new SqliteClient({ adapter });
    // WAL (set by the migrator, persistent) + synchronous=NORMAL: commits no longer wait for an fsync;
    // durable against a process crash, and a power cut can lose only the last commits, never corrupt.
    // The adapter keeps one connection, so the first query sets it for all.
    void client.$executeRawUnsafe("PRAGMA synchronous = NORMAL").catch(() => {});
    return { db: client, provider };
  }
  const u = new URL(url);
  const schema = pgSchemaOf(url);
  u.searchParams.delete("schema");
  // search_path too, so raw SQL (queue claiming with SKIP LOCKED) finds the same tables as the client.
  const adapter = new PrismaPg(
    { connectionString: u.toString(), max: pgPoolSize(), ...(schema ? { options: `-c search_path="${schema}"` } : {}) },
    schema ? { schema } : undefined,
  );
  return { db: new PostgresClient({ adapter }) as unknown as Db, provider };
}

const g = globalThis as unknown as { __proofmailDb?: { db: Db; provider: DbProvider } };

function instance() {
  g.__proofmailDb ??= createDb(config().databaseUrl);
  return g.__proofmailDb;
}

/** The shared client. A Proxy so importing this module never opens a connection by itself. */
export const db: Db = new Proxy({} as Db, {
  get(_t, prop) {
    const client = instance().db as unknown as Record<string | symbol, unknown>;
    const v = client[prop];
    return typeof v === "function" ? (v as (...args: unknown[]) => unknown).bind(client) : v;
  },
});

export function dbProvider(): DbProvider {
  return instance().provider;
}
