// Migrates one SQLite template once per run; each test file copies it (fast). PostgreSQL files each
// migrate their own schema instead.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "../db/migrate.ts";
import { testDatabaseBase } from "./test-env.ts";

export default async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "proofmail-test-"));
  process.env.PROOFMAIL_TEST_DIR = dir;
  if (testDatabaseBase().provider === "sqlite") {
    const template = path.join(dir, "template.db");
    await migrate({ provider: "sqlite", url: `file:${template}` });
    process.env.PROOFMAIL_SQLITE_TEMPLATE = template;
  }
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
