// RULES_VERSION names the scenarios it was set for; canonicalFacts is key-order independent.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import catalogue from "./scenarios.json";
import extra from "./scenarios-extra.json";
import { RULES_VERSION, canonicalFacts, canonicalJson, DEFAULT_FACTS, deepMerge } from "./index";

describe("RULES_VERSION", () => {
  it("is semver plus the hash of the scenarios it was set for (bump it when they change)", () => {
    const m = /^(\d+)\.(\d+)\.(\d+)\+scenarios\.([0-9a-f]{12})$/.exec(RULES_VERSION);
    expect(m).not.toBeNull();
    const now = createHash("sha256").update(JSON.stringify([catalogue, extra])).digest("hex").slice(0, 12);
    expect(m![4], "the scenarios changed: bump the semver of RULES_VERSION in lib/rules/version.ts and set this hash").toBe(now);
  });
});

describe("canonicalFacts", () => {
  it("sorts keys at every depth, keeps array order, leaves out undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });
  it("is JSON.stringify of the key-sorted value, byte for byte (escapes, numbers, undefined, Dates)", () => {
    const sorted = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sorted)
      : v && typeof v === "object" && !(v instanceof Date) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]))
      : v;
    const samples: unknown[] = [
      DEFAULT_FACTS, deepMerge(DEFAULT_FACTS, { consent: null, suppressions: [{ scope: "all", reason: "withdrawal", at: "2025-02-01T00:00:00Z" }] }),
      { s: 'quote " backslash \\ \u0001 é 😀', n: [0, -1.5, 1e21, NaN], u: [undefined, null], o: {}, a: [], d: new Date(0), z: { b: undefined } },
    ];
    for (const v of samples) expect(canonicalJson(v)).toBe(JSON.stringify(sorted(v)));
  });
  it("does not depend on the order the facts were built in", () => {
    const reversed = JSON.parse(JSON.stringify(DEFAULT_FACTS, Object.keys(DEFAULT_FACTS).reverse().concat(...allKeys(DEFAULT_FACTS))));
    expect(Object.keys(reversed)[0]).toBe("post");
    expect(canonicalFacts(reversed)).toBe(canonicalFacts(DEFAULT_FACTS));
    expect(canonicalFacts(deepMerge(DEFAULT_FACTS, { basis: "existing-customer" }))).not.toBe(canonicalFacts(DEFAULT_FACTS));
  });
});

function allKeys(v: unknown): string[] {
  if (!v || typeof v !== "object") return [];
  return Object.entries(v).flatMap(([k, x]) => [k, ...allKeys(x)]);
}
