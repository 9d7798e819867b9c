import { describe, it, expect } from "vitest";
import { DEFAULT_FACTS, deepMerge, factsSchema } from "./facts";
import { formatIssue } from "./format-issue";

describe("deepMerge", () => {
  it.each<[string, unknown, unknown, unknown]>([
    ["objects merge key by key", { a: { x: 1, y: 2 } }, { a: { y: 3 } }, { a: { x: 1, y: 3 } }],
    ["arrays replace", { a: [1, 2] }, { a: [3] }, { a: [3] }],
    ["null replaces an object", { a: { x: 1 } }, { a: null }, { a: null }],
    ["an object replaces null", { a: null }, { a: { x: 1 } }, { a: { x: 1 } }],
    ["scalars replace", { a: 1, b: "x" }, { b: "y" }, { a: 1, b: "y" }],
    ["new keys are added", { a: 1 }, { b: 2 }, { a: 1, b: 2 }],
    ["undefined keeps the base", { a: 1 }, { a: undefined }, { a: 1 }],
    ["no override clones", { a: { b: [1] } }, undefined, { a: { b: [1] } }],
  ])("%s", (_n, base, override, expected) => {
    expect(deepMerge(base, override)).toEqual(expected);
  });

  it("shares no structure with the defaults", () => {
    const merged = deepMerge(DEFAULT_FACTS, {});
    merged.suppressions.push({ scope: "all", reason: "objection", at: "2025-01-01T00:00:00Z" });
    merged.consent!.newsletterIds.push("B");
    expect(DEFAULT_FACTS.suppressions).toEqual([]);
    expect(DEFAULT_FACTS.consent!.newsletterIds).toEqual(["A"]);
  });

  it("DEFAULT_FACTS is frozen", () => {
    expect(Object.isFrozen(DEFAULT_FACTS.consent)).toBe(true);
  });
});

describe("factsSchema", () => {
  it("accepts DEFAULT_FACTS (catalogue §2.1)", () => {
    expect(factsSchema.parse(DEFAULT_FACTS)).toEqual(DEFAULT_FACTS);
  });

  const without = (path: string[]): unknown => {
    const f = structuredClone(DEFAULT_FACTS) as Record<string, unknown>;
    let at = f;
    for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
    delete at[path[path.length - 1]];
    return f;
  };

  it.each<[string, unknown, string]>([
    ["bad enum", deepMerge(DEFAULT_FACTS, { consent: { status: "done" } }),
      'facts.consent.status: expected "pending" | "confirmed", received "done"'],
    ["missing enum", without(["consent", "status"]),
      'facts.consent.status: expected "pending" | "confirmed", but it is missing'],
    ["missing object", without(["org"]), "facts.org: expected object, but it is missing"],
    ["wrong type", deepMerge(DEFAULT_FACTS, { recipient: { eea: "yes" } }),
      "facts.recipient.eea: expected boolean, received string"],
    ["array element", deepMerge(DEFAULT_FACTS, { suppressions: [{ scope: "all", reason: "objection", at: 5 }] }),
      "facts.suppressions[0].at: expected string, received number"],
    ["zone-less date", deepMerge(DEFAULT_FACTS, { now: "2025-06-01T12:00:00" }),
      'facts.now: expected an ISO-8601 date-time with a time zone, e.g. "2025-06-01T12:00:00Z"'],
    ["not an object", [], "facts: expected object, received array"],
  ])("rejects %s with a one-line message naming the path", (_n, input, message) => {
    const r = factsSchema.safeParse(input, { reportInput: true });
    expect(r.success).toBe(false);
    expect(formatIssue(r.error!, "facts")).toBe(message);
  });

  it("counts further problems", () => {
    const r = factsSchema.safeParse({}, { reportInput: true });
    expect(formatIssue(r.error!, "facts")).toMatch(/^facts\.now: .* \(and \d+ more problems\)$/);
  });
});
