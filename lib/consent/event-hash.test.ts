import { describe, it, expect } from "vitest";
import { canonicalJson } from "../util/canonical-json.ts";
import { sha256 } from "../util/hash.ts";
import { eventHash, eventPayload, piiDigestOf, type HashedFields } from "./event-hash.ts";

// The definition the fast serializer must reproduce byte for byte (the chain's hashes depend on it).
const reference = (prevHash: string, e: HashedFields) =>
  prevHash + "\n" + canonicalJson({
    seq: e.seq, type: e.type, at: e.at.toISOString(), subscriberId: e.subscriberId, subscriptionId: e.subscriptionId,
    newsletterIds: e.newsletterIds ?? null, formVersionId: e.formVersionId, actor: e.actor, details: e.details ?? null, piiDigest: e.piiDigest,
  });

const base: HashedFields = {
  seq: 1, type: "signup", at: new Date("2025-01-10T09:00:00.123Z"), subscriberId: "s1", subscriptionId: "sb1", newsletterIds: ["nl1"],
  formVersionId: "fv1", actor: "subject", details: null, piiDigest: "ab".repeat(32),
};

const cases: [string, Partial<HashedFields>][] = [
  ["plain", {}],
  ["all nullable fields null", { subscriberId: null, subscriptionId: null, newsletterIds: null, formVersionId: null, details: null, piiDigest: null }],
  ["undefined fields are left out", { subscriberId: undefined, newsletterIds: undefined, details: undefined, piiDigest: undefined }],
  ["nested details with unsorted keys", { details: { z: 1, a: { y: [3, { b: 2, a: 1 }], x: null }, m: "mid", B: true, "": "empty key" } }],
  ["unicode and escapes", { actor: "user:émile 😀 \u2028\u0000\"\\\n\t", details: { "ключ": "значение", "é": "e\u0301", lone: "\ud800" }, type: "admin_change" }],
  ["escapes in top-level strings", { subscriberId: "\ud800 lone", subscriptionId: "\udc00", formVersionId: "\u001f\u007f\u0080", type: "a\\b\"c", piiDigest: "\r\b\f" }],
  ["arrays", { newsletterIds: ["b", "a", "ü"], details: { list: [[], [null, 1, "x"], { k: [] }], empty: {} } }],
  ["numbers", { seq: 2_147_483_647, details: { f: 1.5, neg: -0, big: 1e21, small: 5e-7, nan: NaN, inf: -Infinity, int: 42 } }],
  ["undefined inside details", { details: { gone: undefined, kept: [undefined, 1] } }],
  ["dates inside details", { details: { when: new Date("2024-02-29T23:59:59.999Z") } }],
  ["a string as details and a non-array newsletterIds", { details: "just text", newsletterIds: { odd: true } }],
  ["epoch and far dates", { at: new Date(0) }],
  ["year 10000", { at: new Date("+010000-01-01T00:00:00.000Z") }],
];

describe("eventHash's serializer", () => {
  it.each(cases)("is byte-identical to canonicalJson: %s", (_name, patch) => {
    const e = { ...base, ...patch } as HashedFields;
    expect(e.at.toISOString().length).toBeGreaterThan(0);
    expect("prev\n" + eventPayload(e, e.at.toISOString())).toBe(reference("prev", e));
    expect(eventHash("prev", e)).toBe(sha256(reference("prev", e)));
  });

  it("is byte-identical over many generated events", () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);
    const pick = <T,>(xs: T[]) => xs[rnd(xs.length)];
    const value = (depth: number): unknown =>
      depth > 2 || rnd(3) === 0
        ? pick<unknown>([null, 0, -1.25, 1e-9, "x", "é\"\\", "😀", true, false, ""])
        : rnd(2)
          ? Array.from({ length: rnd(4) }, () => value(depth + 1))
          : Object.fromEntries(Array.from({ length: rnd(5) }, () => [pick(["b", "a", "Z", "aa", "é", "_", "10", "9"]), value(depth + 1)]));
    for (let i = 0; i < 2000; i++) {
      const e: HashedFields = {
        seq: rnd(1e9), type: pick(["signup", "confirm", "erase"]), at: new Date(rnd(2 ** 31) * 1000 + rnd(1000)),
        subscriberId: pick([null, "s" + i]), subscriptionId: pick([null, "sb" + i]), newsletterIds: pick([null, ["a"], ["b", "a"], []]),
        formVersionId: pick([null, "fv"]), actor: pick(["subject", "system", "user:ü"]), details: pick([null, value(0)]), piiDigest: pick([null, "d" + i]),
      };
      expect(eventPayload(e, e.at.toISOString())).toBe(reference("", e).slice(1));
    }
  });

  it("writes the personal-data digest as canonicalJson({ ip, userAgent }) does", () => {
    for (const [ip, ua] of [["10.0.0.1", "Mozilla/5.0 (X11) \"quoted\" ü"], ["::1", null], [null, "UA"], ["", "UA"], [undefined, "😀\u2028"]] as const)
      expect(piiDigestOf(ip, ua)).toBe(sha256(canonicalJson({ ip: ip ?? null, userAgent: ua ?? null })));
    expect(piiDigestOf(null, undefined)).toBeNull();
    expect(piiDigestOf("", "")).toBeNull();
  });
});
