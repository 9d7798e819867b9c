import { describe, it, expect } from "vitest";
import { decideWithdrawal, type WithdrawalFacts } from "./decide-withdrawal";
import { suppressionFacts, storedSuppressionReason } from "./suppression-facts";
import { liftsSuppression, type LiftFacts } from "./lifts-suppression";
import { WITHDRAWAL_REASONS } from "./reasons";

const W = (o: Partial<WithdrawalFacts>): WithdrawalFacts => ({ requested: { newsletterId: "A" }, basis: "consent", kind: "withdrawal", newsletterId: "A", ...o });

describe("decideWithdrawal (R-UNSUB-SCOPE)", () => {
  it.each<[string, Partial<WithdrawalFacts>, { scope: string; reason: string; eventType: string; code: string }]>([
    ["the link in newsletter A withdraws A", {}, { scope: "A", reason: "withdrawal", eventType: "withdraw", code: "WITHDRAW_AS_REQUESTED" }],
    ["\"all newsletters\" withdraws everything", { requested: "all" }, { scope: "all", reason: "withdrawal", eventType: "withdraw", code: "WITHDRAW_AS_REQUESTED" }],
    ["an objection by phone for A", { kind: "objection" }, { scope: "A", reason: "objection", eventType: "objection", code: "OBJECTION_AS_REQUESTED" }],
    ["an objection to all", { kind: "objection", requested: "all" }, { scope: "all", reason: "objection", eventType: "objection", code: "OBJECTION_AS_REQUESTED" }],
    ["leaving customer-basis mail is an objection to all", { basis: "existing-customer" }, { scope: "all", reason: "objection", eventType: "objection", code: "WITHDRAW_CUSTOMER_ALL" }],
    ["also when only that newsletter was asked", { basis: "existing-customer", kind: "withdrawal", requested: { newsletterId: "C" }, newsletterId: "C" }, { scope: "all", reason: "objection", eventType: "objection", code: "WITHDRAW_CUSTOMER_ALL" }],
    ["the request names another newsletter: the subscription's own is recorded", { requested: { newsletterId: "B" } }, { scope: "A", reason: "withdrawal", eventType: "withdraw", code: "WITHDRAW_AS_REQUESTED" }],
  ])("%s", (_name, facts, expected) => {
    const d = decideWithdrawal(W(facts));
    expect(d).toMatchObject({ ...expected, ruleId: "R-UNSUB-SCOPE" });
    expect(WITHDRAWAL_REASONS).toContain(d.code);
  });

  it("covers every withdrawal code", () => {
    const seen = new Set([W({}), W({ kind: "objection" }), W({ basis: "existing-customer" })].map((f) => decideWithdrawal(f).code));
    expect([...seen].sort()).toEqual([...WITHDRAWAL_REASONS].sort());
  });
});

describe("storedSuppressionReason", () => {
  it.each([
    ["withdrawal", "withdrawal"], ["bounce", "withdrawal"],
    ["objection", "objection"], ["erasure", "objection"], ["complaint", "objection"], ["something-new", "objection"],
  ])("%s counts as %s", (stored, fact) => expect(storedSuppressionReason(stored)).toBe(fact));
});

describe("suppressionFacts", () => {
  const at = "2025-03-01T00:00:00Z";
  it("passes every stored entry, lifted or not, with its mapped reason", () => {
    expect(suppressionFacts({ entries: [{ scope: "all", reason: "erasure", at }, { scope: "A", reason: "bounce", at }], ended: null, objectedAtCheckout: [] }))
      .toEqual([{ scope: "all", reason: "objection", at }, { scope: "A", reason: "withdrawal", at }]);
  });
  it.each<["consent" | "existing-customer", string, string]>([
    ["consent", "A", "withdrawal"],
    ["existing-customer", "all", "objection"],
  ])("an ended %s subscription without its entry still counts (scope %s, %s)", (basis, scope, reason) => {
    expect(suppressionFacts({ entries: [], ended: { newsletterId: "A", basis, at }, objectedAtCheckout: [] })).toEqual([{ scope, reason, at }]);
  });
  it("an objection at checkout is an objection to all", () => {
    expect(suppressionFacts({ entries: [], ended: null, objectedAtCheckout: [at] })).toEqual([{ scope: "all", reason: "objection", at }]);
  });
});

describe("liftsSuppression (E2, R-UNSUBSCRIBED-STAYS)", () => {
  const base: LiftFacts = {
    entry: { scope: "A", at: "2025-03-01T00:00:00Z" }, newsletterId: "A", basis: "consent",
    consent: { status: "confirmed", method: "double-opt-in", confirmedAt: "2025-04-01T00:00:00Z", newsletterIds: ["A"] },
  };
  it.each<[string, Partial<LiftFacts>, boolean]>([
    ["a later DOI for this newsletter lifts its entry", {}, true],
    ["…and an \"all\" entry, for this newsletter", { entry: { scope: "all", at: "2025-03-01T00:00:00Z" } }, true],
    ["never for the customer basis", { basis: "existing-customer" }, false],
    ["not an entry for another newsletter", { entry: { scope: "B", at: "2025-03-01T00:00:00Z" } }, false],
    ["not a DOI before the entry", { consent: { ...base.consent!, confirmedAt: "2025-02-01T00:00:00Z" } }, false],
    ["not at the same instant", { consent: { ...base.consent!, confirmedAt: "2025-03-01T00:00:00Z" } }, false],
    ["not a single opt-in", { consent: { ...base.consent!, method: "single-opt-in" } }, false],
    ["not a pending signup", { consent: { ...base.consent!, status: "pending", confirmedAt: null } }, false],
    ["not consent for another newsletter", { consent: { ...base.consent!, newsletterIds: ["B"] } }, false],
    ["not without consent", { consent: null }, false],
    ["not with an unparseable entry date", { entry: { scope: "A", at: "yesterday" } }, false],
  ])("%s", (_name, o, expected) => expect(liftsSuppression({ ...base, ...o })).toBe(expected));
});
