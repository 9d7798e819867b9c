// Which database the backup and restore commands work on: DATABASE_URL (default file:./data/proofmail.db),
// read the way the app and the migrator read it.
import path from "node:path";
import { parseDatabaseUrl } from "../config/index.ts";
import { sqlitePath } from "../db/migrate.ts";

export type DatabaseTarget = { provider: "sqlite"; dbPath: string; dataDir: string } | { provider: "postgres"; url: string; dataDir: string };

/** Throws ConfigError (one line naming DATABASE_URL) on a bad value. */
export function databaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const { provider, url } = parseDatabaseUrl(env.DATABASE_URL || "file:./data/proofmail.db");
  const dataDir = path.resolve(env.DATA_DIR || "data");
  return provider === "sqlite" ? { provider, dbPath: sqlitePath(url), dataDir } : { provider, url, dataDir };
}
