// Every key exists in every language, with the same {placeholders}: a missing translation fails here,
// not in front of a subscriber.
import { describe, it, expect } from "vitest";
import { LOCALES, MESSAGES } from "./translator.ts";

function leaves(o: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    if (v && typeof v === "object") for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
    else out.set(`${prefix}${k}`, String(v));
  }
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

describe("messages", () => {
  const base = leaves(MESSAGES.en);
  for (const locale of LOCALES) {
    it(`${locale} has every key of en, no other, with the same placeholders, none empty`, () => {
      const own = leaves(MESSAGES[locale]);
      expect([...own.keys()].sort()).toEqual([...base.keys()].sort());
      for (const [k, v] of own) {
        expect(v.trim(), `${locale}:${k}`).not.toBe("");
        expect(placeholders(v), `${locale}:${k}`).toEqual(placeholders(base.get(k)!));
      }
    });
  }
});
