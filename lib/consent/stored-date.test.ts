import { describe, it, expect } from "vitest";
import { isoOfStored } from "./stored-date.ts";

describe("isoOfStored", () => {
  it("rewrites Prisma's SQLite text to toISOString's form, exactly", () => {
    for (const iso of ["2025-01-10T09:00:00.120Z", "1970-01-01T00:00:00.000Z", "2024-02-29T23:59:59.999Z", "0999-12-31T00:00:00.001Z"])
      expect(isoOfStored(iso.replace("Z", "+00:00"))).toBe(new Date(iso).toISOString());
  });

  it("passes Dates and nulls through, and leaves any other text to Prisma", () => {
    expect(isoOfStored(new Date("2025-01-10T09:00:00.120Z"))).toBe("2025-01-10T09:00:00.120Z");
    expect(isoOfStored(null)).toBeNull();
    for (const other of ["2025-01-10T09:00:00.120Z", "2025-01-10 09:00:00", "2025-01-10T10:00:00.120+01:00", "1736499600000", "2025-01-10T09:00:00+00:00"])
      expect(isoOfStored(other)).toBeUndefined();
  });
});
