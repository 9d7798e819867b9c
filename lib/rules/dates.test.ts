import { describe, it, expect } from "vitest";
import { addMonths, cutoff, isIsoInstant, toMillis, wholeMonthsBetween } from "./dates";

describe("dates", () => {
  it.each<[string, boolean]>([
    ["2025-06-01", true],
    ["2025-06-01T12:00:00Z", true],
    ["2025-06-01T12:00:00.123+02:00", true],
    ["2025-06-01T12:00Z", true],
    ["2025-06-01T12:00:00", false], // no zone: would depend on the host
    ["2025-13-01", false],
    ["June 1st", false],
  ])("isIsoInstant(%s) = %s", (value, ok) => {
    expect(isIsoInstant(value)).toBe(ok);
    expect(Number.isNaN(toMillis(value))).toBe(!ok);
  });

  it.each<[string, number, string]>([
    ["2025-01-31T10:00:00Z", 1, "2025-02-28T10:00:00.000Z"],
    ["2024-01-31T10:00:00Z", 1, "2024-02-29T10:00:00.000Z"],
    ["2024-11-15T00:00:00Z", 3, "2025-02-15T00:00:00.000Z"],
    ["2025-03-31T00:00:00Z", -1, "2025-02-28T00:00:00.000Z"],
  ])("addMonths(%s, %i) = %s", (from, n, to) => {
    expect(new Date(addMonths(Date.parse(from), n)).toISOString()).toBe(to);
  });

  it.each<[string, string, number]>([
    ["2024-11-01T00:00:00Z", "2025-06-01T12:00:00Z", 7],
    ["2025-01-31T00:00:00Z", "2025-02-28T00:00:00Z", 1],
    ["2025-01-31T00:00:01Z", "2025-02-28T00:00:00Z", 0],
    ["2025-06-01T00:00:00Z", "2025-05-01T00:00:00Z", 0],
    ["x", "2025-05-01T00:00:00Z", Number.NaN],
  ])("wholeMonthsBetween(%s, %s) = %s", (a, b, n) => {
    expect(wholeMonthsBetween(a, b)).toBe(n);
  });

  it.each<[Date | string, number, string]>([
    ["2025-06-08T12:00:00Z", 7, "2025-06-01T12:00:00.000Z"],
    [new Date("2025-06-01T00:00:00Z"), 0, "2025-06-01T00:00:00.000Z"],
  ])("cutoff(%s, %i)", (now, days, expected) => {
    expect(cutoff(now, days).toISOString()).toBe(expected);
  });

  it("cutoff refuses an unparseable now", () => {
    expect(() => cutoff("soon", 7)).toThrow(RangeError);
  });
});
