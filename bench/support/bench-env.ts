// Shared by the SQLite benchmarks: whole-number flags, and a fresh, migrated database file in a temp dir
// with the environment the app's modules read (set before any of them is imported).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "../../lib/db/migrate.ts";

export function intArg(name: string, fallback: number): number {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  const n = a ? Number(a.split("=")[1]) : fallback;
  if (!Number.isInteger(n) || n < 0) {
    console.error(`error: --${name}: expected a whole number, got "${a?.split("=")[1]}"`);
    process.exit(2);
  }
  return n;
}

export async function freshBenchDatabase(prefix: string): Promise<{ dir: string; file: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const file = path.join(dir, "bench.db");
  Object.assign(process.env, {
    DATABASE_URL: `file:${file}`,
    DATA_DIR: path.join(dir, "data"),
    AUTH_SECRET: "bench-auth-secret-0123456789abcdef",
    SUPPRESSION_KEY: "bench-suppression-key-0123456789abcdef",
  });
  await migrate({ provider: "sqlite", url: `file:${file}` });
  return { dir, file };
}
