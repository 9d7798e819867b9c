// Prisma's schema engine, compiled to WebAssembly (@prisma/schema-engine-wasm), loaded on Node 20 without
// the native engine download. Used only by the dev-time scripts (db:new); the runtime migrator
// lib/db/migrate.ts never loads it. See /work/shared/notes/prisma-offline.md.
//
// Loading: the package's ESM entry does `import * as wasm from "./schema_engine_bg.wasm"`, which Node 20
// rejects. So: import the JS glue (schema_engine_bg.js), instantiate the .wasm ourselves with the glue as
// the "./schema_engine_bg.js" import object, then `__wbg_set_wasm(exports)` and `__wbindgen_start()`.
//
// Adapter fixes actually needed here (numbers as in the notes):
//   1. SQLite shadow replay sends each whole migration script through `executeRaw`; better-sqlite3 runs
//      one statement per call ("The supplied SQL string contains more than one statement"): fall back to
//      `executeScript` for argument-less queries that fail that way.
//   PostgreSQL needs no live adapter at all: db:new diffs two datamodels there (see scripts/db/new.ts),
//   which the engine does with the mock adapter, so fixes 2-6 are not needed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import {
  bindMigrationAwareSqlAdapterFactory,
  mockMigrationAwareAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type * as Glue from "@prisma/schema-engine-wasm/schema_engine_bg";

export type { DiffTarget, MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

const require = createRequire(import.meta.url);
let gluePromise: Promise<typeof Glue> | undefined;

/** The wasm-bindgen glue with its WebAssembly instance set up (once per process). */
export function loadEngine(): Promise<typeof Glue> {
  gluePromise ??= (async () => {
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue: typeof Glue = await import(pathToFileURL(gluePath).href);
    const bytes = readFileSync(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return glue;
  })();
  return gluePromise;
}

/** Fix 1: better-sqlite3 runs one statement per executeRaw; scripts go through executeScript. */
function withScriptFallback(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === "executeRaw") {
        return async (query: Parameters<SqlDriverAdapter["executeRaw"]>[0]) => {
          try {
            return await target.executeRaw(query);
          } catch (e) {
            if (query.args.length === 0 && /more than one statement/i.test(String((e as Error)?.message ?? e) + JSON.stringify((e as { cause?: unknown })?.cause ?? ""))) {
              await target.executeScript(query.sql);
              return 0;
            }
            throw e;
          }
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

/** SQLite adapter factory for the engine: main db at `url`, shadow db in memory. */
export function sqliteFactory(url = ":memory:"): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaBetterSqlite3({ url }, { shadowDatabaseUrl: ":memory:" });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => withScriptFallback(await inner.connect()),
    connectToShadowDb: async () => withScriptFallback(await inner.connectToShadowDb()),
  } as SqlMigrationAwareDriverAdapterFactory;
}

/**
 * A factory that touches no database: enough for datamodel-to-datamodel diffs. Fix (not in the notes):
 * the PostgreSQL connector probes the server on connect (`SELECT EXISTS(... pg_namespace ...),
 * version(), current_setting('server_version_num')`); the stock mock adapter rejects that and the engine
 * then dies with an uncaught "External error id#0" from a wasm closure. So answer that one probe
 * (schema exists, PostgreSQL 15) and reject everything else with a clear message.
 */
export function offlineFactory(provider: "sqlite" | "postgres"): SqlMigrationAwareDriverAdapterFactory {
  if (provider === "sqlite") return mockMigrationAwareAdapterFactory(provider);
  const refuse = (what: string) => () =>
    Promise.reject(new Error(`offline PostgreSQL adapter: ${what} needs a database (only datamodel diffs are offline)`));
  const adapter = (): SqlDriverAdapter =>
    ({
      provider: "postgres",
      adapterName: "proofmail-offline",
      async queryRaw(q: { sql: string }) {
        if (/server_version_num/.test(q.sql))
          return {
            columnNames: ["exists", "version", "numeric_version"],
            columnTypes: [5 /* Boolean */, 7 /* Text */, 0 /* Int32 */],
            rows: [[true, "PostgreSQL 15.0 (offline)", 150000]],
          };
        return refuse(`query ${q.sql.slice(0, 60)}`)();
      },
      executeRaw: refuse("executeRaw"),
      executeScript: refuse("executeScript"),
      startTransaction: refuse("startTransaction"),
      getConnectionInfo: () => ({ schemaName: "public", supportsRelationJoins: true }),
      dispose: () => Promise.resolve(),
    }) as unknown as SqlDriverAdapter;
  return {
    provider: "postgres",
    adapterName: "proofmail-offline",
    connect: async () => adapter(),
    connectToShadowDb: async () => adapter(),
  } as SqlMigrationAwareDriverAdapterFactory;
}

/** A SchemaEngine over `datamodels` ([path, text] pairs), talking to the database through `factory`. */
export async function createEngine(opts: {
  datamodels: [string, string][];
  factory: SqlMigrationAwareDriverAdapterFactory;
  log?: (line: string) => void;
}) {
  const glue = await loadEngine();
  return glue.SchemaEngine.new(
    { datamodels: opts.datamodels },
    (line: string) => opts.log?.(line),
    bindMigrationAwareSqlAdapterFactory(opts.factory),
  );
}

export const noFilters = { externalTables: [] as string[], externalEnums: [] as string[] };
