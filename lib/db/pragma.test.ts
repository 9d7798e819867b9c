import { describe, it, expect } from "vitest";
import { db, dbProvider } from "./index.ts";

describe("database connection settings", () => {
  it("SQLite runs in WAL mode with synchronous=NORMAL; PostgreSQL answers", async () => {
    if (dbProvider() === "sqlite") {
      const [mode] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
      const [sync] = await db.$queryRawUnsafe<{ synchronous: number | bigint }[]>("PRAGMA synchronous");
      expect(mode.journal_mode).toBe("wal");
      expect(Number(sync.synchronous)).toBe(1);
    } else {
      const [row] = await db.$queryRawUnsafe<{ one: number }[]>("SELECT 1 AS one");
      expect(Number(row.one)).toBe(1);
    }
  });
});
