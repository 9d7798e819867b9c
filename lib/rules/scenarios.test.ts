// Catalogue §2.4 scenarios (scenarios.json, copied verbatim) plus our own (scenarios-extra.json):
// each starts from DEFAULT_FACTS, deep-merges its overrides, and must give the expected decision.
import { describe, it, expect } from "vitest";
import catalogue from "./scenarios.json";
import extra from "./scenarios-extra.json";
import { DEFAULT_FACTS, deepMerge, factsSchema, type Facts } from "./facts";
import { decideSend } from "./decide-send";
import { marketingObligations } from "./obligations";
import { SEND_REASONS } from "./reasons";

type Scenario = { id: string; description: string; facts: unknown; expected: { allowed: boolean; reason: string } };
const all = [...catalogue, ...extra] as Scenario[];

function factsOf(s: Scenario): Facts {
  return factsSchema.parse(deepMerge(DEFAULT_FACTS, s.facts));
}

describe.each([
  ["catalogue §2.4", catalogue as Scenario[]],
  ["own", extra as Scenario[]],
])("%s scenarios", (_name, scenarios) => {
  it.each(scenarios.map((s) => [s.id, s.description, s] as const))("%s %s", (_id, _d, s) => {
    const facts = factsOf(s);
    const decision = decideSend(facts);
    expect({ allowed: decision.allowed, reason: decision.reason }).toEqual(s.expected);
    // Obligations: §3.1 for every allowed marketing message, the DOI rules for the DOI mail, none otherwise.
    const expectedObligations =
      !decision.allowed || decision.reason === "ALLOW_TRANSACTIONAL" ? []
      : decision.reason === "ALLOW_CONFIRMATION_REQUEST" ? ["O-CONFIRMATION-MAIL"]
      : marketingObligations(facts.channel);
    expect(decision.obligations).toEqual(expectedObligations);
  });
});

describe("scenario set", () => {
  it("has at least 40 own scenarios with unique ids", () => {
    expect(extra.length).toBeGreaterThanOrEqual(40);
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
  });

  it("covers every send reason code", () => {
    const covered = new Set(all.map((s) => s.expected.reason));
    expect(SEND_REASONS.filter((r) => !covered.has(r))).toEqual([]);
  });

  it("keeps the catalogue's 17 scenarios", () => {
    expect(catalogue.map((s) => s.id)).toEqual([
      "S01", "S02", "S03", "S04", "S05", "S06", "S10", "S11", "S13", "S14",
      "S19", "S21", "S22", "S24", "S27", "S30", "S35",
    ]);
  });
});
