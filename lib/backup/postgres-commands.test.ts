import { describe, it, expect } from "vitest";
import { pgDumpInstructions, pgRestoreInstructions, shellQuote } from "./postgres-commands.ts";
import { formatSize, stamp } from "./names.ts";

describe("the PostgreSQL commands", () => {
  it("public schema, no password: no --schema, no password note", () => {
    expect(pgDumpInstructions("postgres://proofmail@db:5432/proofmail", "a.dump")).toEqual([
      expect.stringContaining("pg_dump"),
      "  pg_dump --format=custom --no-owner --file=a.dump postgres://proofmail@db:5432/proofmail",
    ]);
    expect(pgRestoreInstructions("postgresql://proofmail@db/proofmail", "a.dump")[1]).toBe(
      "  pg_restore --clean --if-exists --no-owner --single-transaction --dbname=postgresql://proofmail@db/proofmail a.dump",
    );
  });

  it("quotes what a shell would split or expand, and keeps other URL parameters", () => {
    expect(shellQuote("it's here.dump")).toBe(`'it'\\''s here.dump'`);
    expect(pgDumpInstructions("postgres://u:p@db/x?sslmode=require&schema=s", "/backups/my dump.dump")[1]).toBe(
      "  pg_dump --format=custom --no-owner --schema=s '--file=/backups/my dump.dump' 'postgres://u@db/x?sslmode=require'",
    );
  });
});

describe("names", () => {
  it("stamps in UTC, sizes in binary units", () => {
    expect(stamp(new Date("2026-03-04T05:06:07.890Z"))).toBe("20260304-050607");
    expect([formatSize(900), formatSize(1536), formatSize(5 * 1024 * 1024)]).toEqual(["900 B", "1.5 KB", "5.0 MB"]);
  });
});
