import { describe, it, expect } from "vitest";
import { decideWithdrawal, type WithdrawalFacts } from "./decide-withdrawal";
import { suppressionFacts, storedSuppressionReason } from "./suppression-facts";
import { liftsSuppression, type LiftFacts } from "./lifts-suppression";
import { WITHDRAWAL_REASONS } from "./reasons";

const one = (o: { basis?: "consent" | "existing-customer"; kind?: "withdrawal" | "objection"; requested?: WithdrawalFacts["requested"] } = {}): WithdrawalFacts => ({
  requested: o.requested ?? { newsletterId: "A" }, kind: o.kind ?? "withdrawal", subscriptions: [{ newsletterId: "A", basis: o.basis ?? "consent" }],
});

describe("decideWithdrawal (R-UNSUB-SCOPE)", () => {
  it.each<[string, WithdrawalFacts, { scope: string; reason: string; eventType: string; code: string }, { scope: string; reason: string }[]]>([
    ["the link in newsletter A withdraws A", one(), { scope: "A", reason: "withdrawal", eventType: "withdraw", code: "WITHDRAW_AS_REQUESTED" }, [{ scope: "A", reason: "withdrawal" }]],
    ["\"all newsletters\" withdraws everything", one({ requested: "all" }), { scope: "all", reason: "withdrawal", eventType: "withdraw", code: "WITHDRAW_AS_REQUESTED" }, [{ scope: "all", reason: "withdrawal" }]],
    ["an objection by phone for A", one({ kind: "objection" }), { scope: "A", reason: "objection", eventType: "objection", code: "OBJECTION_AS_REQUESTED" }, [{ scope: "A", reason: "objection" }]],
    ["an objection to all", one({ kind: "objection", requested: "all" }), { scope: "all", reason: "objection", eventType: "objection", code: "OBJECTION_AS_REQUESTED" }, [{ scope: "all", reason: "objection" }]],
    ["leaving customer-basis mail is an objection to all", one({ basis: "existing-customer" }), { scope: "all", reason: "objection", eventType: "objection", code: "WITHDRAW_CUSTOMER_ALL" }, [{ scope: "all", reason: "objection" }]],
    ["also with \"all\" asked as a withdrawal", one({ basis: "existing-customer", requested: "all" }), { scope: "all", reason: "objection", eventType: "objection", code: "WITHDRAW_CUSTOMER_ALL" }, [{ scope: "all", reason: "objection" }]],
  ])("%s", (_name, facts, expected, suppressions) => {
    const d = decideWithdrawal(facts);
    expect(d.perSubscription).toEqual([{ newsletterId: "A", ...expected }]);
    expect(d.suppressions).toEqual(suppressions);
    expect(d.ruleId).toBe("R-UNSUB-SCOPE");
  });

  it("a customer-basis objection in an \"all\" withdrawal is not written down as a withdrawal, whatever the order", () => {
    for (const subscriptions of [
      [{ newsletterId: "C", basis: "existing-customer" as const }, { newsletterId: "A", basis: "consent" as const }],
      [{ newsletterId: "A", basis: "consent" as const }, { newsletterId: "C", basis: "existing-customer" as const }],
    ]) {
      const d = decideWithdrawal({ requested: "all", kind: "withdrawal", subscriptions });
      expect(d.suppressions).toEqual([{ scope: "all", reason: "objection" }]);
      expect(d.perSubscription.map((p) => [p.newsletterId, p.eventType])).toEqual(subscriptions.map((s) => [s.newsletterId, s.basis === "consent" ? "withdraw" : "objection"]));
    }
  });

  it("\"all\" with no subscription left still writes the entry (a person who phoned in)", () => {
    expect(decideWithdrawal({ requested: "all", kind: "objection", subscriptions: [] })).toMatchObject({ perSubscription: [], suppressions: [{ scope: "all", reason: "objection" }] });
  });

  it("one newsletter of a customer writes only the \"all\" entry", () => {
    const d = decideWithdrawal({ requested: { newsletterId: "C" }, kind: "withdrawal", subscriptions: [{ newsletterId: "C", basis: "existing-customer" }] });
    expect(d.suppressions).toEqual([{ scope: "all", reason: "objection" }]);
  });

  it("covers every withdrawal code", () => {
    const seen = new Set([one(), one({ kind: "objection" }), one({ basis: "existing-customer" })].flatMap((f) => decideWithdrawal(f).perSubscription.map((p) => p.code)));
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
