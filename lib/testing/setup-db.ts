// Runs before each test file: a fresh database of its own, test secrets, and a private data dir.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import { migrate } from "../db/migrate.ts";
import { testDatabaseBase, TEST_SECRETS } from "./test-env.ts";

const id = randomBytes(5).toString("hex");
const base = testDatabaseBase();
const dir = process.env.PROOFMAIL_TEST_DIR!;
Object.assign(process.env, TEST_SECRETS, { DATA_DIR: path.join(dir, `data-${id}`), APP_URL: "http://localhost:3999" });
delete process.env.SMTP_URL;
process.env.LOG_LEVEL ||= "warn"; // test output stays readable; lib/log tests make their own logger

if (base.provider === "sqlite") {
  const file = path.join(dir, `t-${id}.db`);
  fs.copyFileSync(process.env.PROOFMAIL_SQLITE_TEMPLATE!, file);
  process.env.DATABASE_URL = `file:${file}`;
} else {
  const schema = `t_${id}`;
  const u = new URL(base.url);
  u.searchParams.set("schema", schema);
  await migrate({ provider: "postgres", url: u.toString() });
  process.env.DATABASE_URL = u.toString();
  afterAll(async () => {
    const g = globalThis as { __proofmailDb?: { db: { $disconnect(): Promise<void> } } };
    await g.__proofmailDb?.db.$disconnect();
    const pg = await import("pg");
    const c = new pg.default.Client({ connectionString: base.url });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.end();
  });
}
