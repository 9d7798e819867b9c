import { describe, it, expect } from "vitest";
import { DEFAULT_FACTS, deepMerge, type Facts } from "./facts";
import { decideSend } from "./decide-send";
import { suppressionFacts, type StoredSuppression } from "./suppression-facts";
import { suppressionCause } from "./suppression-cause";

// The facts a recipient with these stored entries gets (as lib/sending builds them), and the cause named.
function cause(stored: StoredSuppression[], over: Partial<Facts> = {}) {
  const facts = deepMerge(DEFAULT_FACTS, { ...over, suppressions: suppressionFacts({ entries: stored, ended: null, objectedAtCheckout: [] }) } as never) as Facts;
  const decision = decideSend(facts);
  expect(decision.reason).toBe("DENY_SUPPRESSED");
  return suppressionCause({ decision, facts, stored });
}

describe("suppressionCause", () => {
  it("names a hard bounce and a complaint as their own causes", () => {
    expect(cause([{ scope: "all", reason: "bounce", at: "2025-05-01T00:00:00Z" }])).toBe("SUPPRESSED_BOUNCE");
    expect(cause([{ scope: "all", reason: "complaint", at: "2025-05-01T00:00:00Z" }])).toBe("SUPPRESSED_COMPLAINT");
    expect(cause([{ scope: "A", reason: "withdrawal", at: "2025-05-01T00:00:00Z" }])).toBe("SUPPRESSED_WITHDRAWAL");
    expect(cause([{ scope: "all", reason: "erasure", at: "2025-05-01T00:00:00Z" }])).toBe("SUPPRESSED_ERASURE");
    expect(cause([{ scope: "all", reason: "something-new", at: "2025-05-01T00:00:00Z" }])).toBe("SUPPRESSED_OBJECTION");
  });

  it("names the strongest of the entries that block, ignoring another newsletter's and lifted ones", () => {
    expect(cause([
      { scope: "all", reason: "bounce", at: "2025-05-01T00:00:00Z" },
      { scope: "all", reason: "complaint", at: "2025-05-02T00:00:00Z" },
    ])).toBe("SUPPRESSED_COMPLAINT");
    // B's complaint does not block A; the bounce does.
    expect(cause([{ scope: "B", reason: "complaint", at: "2025-05-01T00:00:00Z" }, { scope: "all", reason: "bounce", at: "2025-05-01T00:00:00Z" }])).toBe("SUPPRESSED_BOUNCE");
    // A complaint before the DOI (January) is lifted for this consent; the later bounce is not.
    expect(cause([{ scope: "all", reason: "complaint", at: "2024-12-01T00:00:00Z" }, { scope: "all", reason: "bounce", at: "2025-05-01T00:00:00Z" }])).toBe("SUPPRESSED_BOUNCE");
  });

  it("falls back to the facts' own reason when no stored entry blocks (an ended subscription)", () => {
    const facts = deepMerge(DEFAULT_FACTS, {
      suppressions: suppressionFacts({ entries: [], ended: { newsletterId: "A", basis: "consent", at: "2025-05-01T00:00:00Z" }, objectedAtCheckout: [] }),
    } as never) as Facts;
    expect(suppressionCause({ decision: decideSend(facts), facts, stored: [] })).toBe("SUPPRESSED_WITHDRAWAL");
  });

  it("names nothing for a recipient the gate did not refuse as suppressed", () => {
    const stored = [{ scope: "B", reason: "bounce", at: "2025-05-01T00:00:00Z" }];
    const facts = deepMerge(DEFAULT_FACTS, { suppressions: suppressionFacts({ entries: stored, ended: null, objectedAtCheckout: [] }) } as never) as Facts;
    expect(suppressionCause({ decision: decideSend(facts), facts, stored })).toBeNull();
  });
});
