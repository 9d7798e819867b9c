// Is another process (the app, a worker, a sqlite3 shell) using the database file?
//
// Every connection to a WAL database holds a shared lock in its -shm file for as long as it is open,
// idle or not. A connection in locking_mode=EXCLUSIVE does not use the shared memory: its first
// transaction needs the file to itself and fails at once (SQLITE_BUSY, busy timeout 0) while any
// other connection is open. For a database not in WAL mode an idle connection holds no lock, so
// nothing can be told: the answer is "unknown".
import fs from "node:fs";
import Database from "better-sqlite3";
import { isWalFile } from "./sqlite-file.ts";

export type InUse = "free" | "in-use" | "unknown";

export function databaseInUse(dbPath: string): InUse {
  if (!fs.existsSync(dbPath)) return "free";
  if (!isWalFile(dbPath)) return "unknown";
  const db = new Database(dbPath, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
    db.exec("COMMIT");
    return "free";
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith("SQLITE_BUSY") || (e as { code?: string }).code?.startsWith("SQLITE_LOCKED")) return "in-use";
    throw e;
  } finally {
    db.close();
  }
}
