import { describe, it, expect } from "vitest";
import { decideExport, type ExportFacts } from "./decide-export";
import { EXPORT_REASONS } from "./reasons";

describe("decideExport", () => {
  it.each<[string, ExportFacts, { allowed: boolean; reason: string; ruleId: string }]>([
    ["proof export", { purpose: "proof", consent: { shareWithThirdParties: false } }, { allowed: true, reason: "ALLOW_PROOF_EXPORT", ruleId: "R-CONSENT-PROOF" }],
    ["sharing without a sharing consent", { purpose: "share-with-third-party", consent: { shareWithThirdParties: false } }, { allowed: false, reason: "DENY_SHARE_NO_CONSENT", ruleId: "R-SHARE-THIRD-PARTY" }],
    ["sharing with a separate sharing consent", { purpose: "share-with-third-party", consent: { shareWithThirdParties: true } }, { allowed: true, reason: "ALLOW_SHARE_CONSENT", ruleId: "R-SHARE-THIRD-PARTY" }],
  ])("%s", (_n, facts, expected) => {
    const d = decideExport(facts);
    expect(d).toEqual(expected);
    expect(EXPORT_REASONS).toContain(d.reason);
  });
});
