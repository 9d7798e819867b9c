import { describe, it, expect } from "vitest";
import {
  DEFAULT_RETENTION_POLICY, cutoff, deliveryLogAction, resolveRetentionPolicy, retentionAction, retentionStatement,
  type RetentionDecision, type RetentionFacts, type RetentionPolicyInput, type RetentionSubscription,
} from "./retention-action";

const NOW = "2025-06-01T12:00:00Z";
const daysAgo = (d: number) => new Date(Date.parse(NOW) - d * 86_400_000).toISOString();
const pending = (age: number): RetentionSubscription => ({ status: "pending", createdAt: daysAgo(age), unsubscribedAt: null, basis: "consent" });
const confirmed = (): RetentionSubscription => ({ status: "confirmed", createdAt: daysAgo(400), unsubscribedAt: null, basis: "consent" });
const withdrawn = (age: number | null): RetentionSubscription =>
  ({ status: "unsubscribed", createdAt: daysAgo(800), unsubscribedAt: age === null ? null : daysAgo(age), basis: "consent" });
const subscriber = (subscriptions: RetentionSubscription[], o: Partial<RetentionFacts> = {}): RetentionFacts =>
  ({ subscriptions, processingBasis: "none", lastActivityAt: null, ...o });

describe("retentionAction", () => {
  it.each<[string, RetentionFacts, RetentionPolicyInput, Partial<RetentionDecision>]>([
    ["confirmed subscription", subscriber([confirmed()]), {},
      { action: "keep", reason: "RET_ACTIVE_SUBSCRIPTION", deleteSubscriber: false, deleteProof: false }],
    ["fresh pending signup", subscriber([pending(3)]), {}, { action: "keep", reason: "RET_ACTIVE_SUBSCRIPTION" }],
    ["pending exactly pendingDays old is not yet older", subscriber([pending(7)]), {}, { action: "keep" }],
    ["only expired pending: delete the subscriber, keep nothing", subscriber([pending(8), pending(9)]), {},
      { action: "delete-pending", reason: "RET_PENDING_EXPIRED", ruleId: "R-PENDING-EXPIRY", deleteSubscriptions: [0, 1], deleteSubscriber: true, deleteProof: true, keepProofUntil: null }],
    ["pendingDays from the policy", subscriber([pending(8)]), { pendingDays: 30 }, { action: "keep" }],
    ["expired pending beside a confirmed one", subscriber([confirmed(), pending(8)]), {},
      { action: "delete-pending", deleteSubscriptions: [1], deleteSubscriber: false, deleteProof: false }],
    ["expired pending beside a fresh pending one", subscriber([pending(8), pending(1)]), {},
      { action: "delete-pending", deleteSubscriptions: [0], deleteSubscriber: false }],
    ["expired pending of an active customer", subscriber([pending(8)], { processingBasis: "contract" }), {},
      { action: "delete-pending", deleteSubscriptions: [0], deleteSubscriber: false }],
    ["withdrawn within the grace period", subscriber([withdrawn(10)]), {}, { action: "keep", reason: "RET_IN_GRACE" }],
    ["withdrawn exactly graceDays ago is not yet older", subscriber([withdrawn(30)]), {}, { action: "keep", reason: "RET_IN_GRACE" }],
    ["withdrawn after the grace period: erase, keep proof 12 months", subscriber([withdrawn(31)]), {},
      { action: "erase", reason: "RET_PURPOSE_ENDED", ruleId: "R-RET-SUPPRESSION-HASH", deleteSubscriber: false, deleteProof: false, keepProofUntil: "2026-05-01T12:00:00.000Z" }],
    ["keepProofMonths 0: proof goes with the profile", subscriber([withdrawn(31)]), { keepProofMonths: 0 },
      { action: "erase", deleteSubscriber: true, deleteProof: true, keepProofUntil: null }],
    ["erased late: the proof period is over too", subscriber([withdrawn(400)]), {},
      { action: "erase", deleteProof: true, deleteSubscriber: true, keepProofUntil: null }],
    ["grace 0 erases at once", subscriber([withdrawn(1)]), { withdrawnGraceDays: 0 }, { action: "erase" }],
    ["withdrawn but still a customer: only the marketing flag changed", subscriber([withdrawn(100)], { processingBasis: "contract" }), {},
      { action: "keep", reason: "RET_OTHER_BASIS" }],
    ["withdrawn from A, still subscribed to B", subscriber([withdrawn(100), confirmed()]), {}, { action: "keep", reason: "RET_ACTIVE_SUBSCRIPTION" }],
    ["the latest withdrawal counts", subscriber([withdrawn(100), withdrawn(10)]), {}, { action: "keep", reason: "RET_IN_GRACE" }],
    ["withdrawal without date: last activity is the anchor", subscriber([withdrawn(null)], { lastActivityAt: daysAgo(40) }), {},
      { action: "erase", keepProofUntil: "2026-04-22T12:00:00.000Z" }],
    ["withdrawal without any date: the subscription's creation is the anchor", subscriber([withdrawn(null)]), {},
      { action: "erase", deleteProof: true }],
    ["old withdrawal plus expired pending: erase both", subscriber([withdrawn(60), pending(20)]), {},
      { action: "erase", deleteSubscriptions: [1] }],
    ["recent withdrawal plus expired pending: only the pending goes", subscriber([withdrawn(5), pending(20)]), {},
      { action: "delete-pending", deleteSubscriptions: [1], deleteSubscriber: false }],
    ["no subscription, no basis, no activity: purpose ended", subscriber([]), {},
      { action: "erase", reason: "RET_PURPOSE_ENDED", deleteSubscriber: true, deleteProof: true, keepProofUntil: null }],
    ["no subscription but recent activity", subscriber([], { lastActivityAt: daysAgo(5) }), {}, { action: "keep", reason: "RET_IN_GRACE" }],
    ["no subscription, active customer", subscriber([], { processingBasis: "contract" }), {}, { action: "keep", reason: "RET_OTHER_BASIS" }],
    ["erased, proof within its term", subscriber([withdrawn(180)], { erased: true, proofRetained: true }), {},
      { action: "keep", reason: "RET_PROOF_PERIOD", keepProofUntil: "2025-12-03T12:00:00.000Z" }],
    ["erased, proof term over", subscriber([withdrawn(366)], { erased: true, proofRetained: true }), {},
      { action: "erase-proof", reason: "RET_PROOF_EXPIRED", ruleId: "R-RET-PROOF-AFTER-WITHDRAWAL", deleteProof: true }],
    ["erased, proof term shortened by the policy", subscriber([withdrawn(180)], { erased: true }), { keepProofMonths: 3 },
      { action: "erase-proof" }],
    ["erased, policy keeps no proof", subscriber([withdrawn(40)], { erased: true }), { keepProofMonths: 0 }, { action: "erase-proof" }],
    ["erased and proof already gone", subscriber([withdrawn(40)], { erased: true, proofRetained: false }), {},
      { action: "keep", reason: "RET_ALREADY_ERASED" }],
  ])("%s", (_n, facts, policy, expected) => {
    expect(retentionAction(facts, policy, NOW)).toMatchObject(expected);
  });

  it("accepts a Date for now", () => {
    expect(retentionAction(subscriber([pending(8)]), {}, new Date(NOW)).action).toBe("delete-pending");
  });

  it.each<[string, RetentionFacts, RetentionPolicyInput, Date | string, RegExp]>([
    ["bad createdAt", subscriber([{ ...pending(1), createdAt: "last week" }]), {}, NOW, /subscriptions\[0\]\.createdAt/],
    ["bad unsubscribedAt", subscriber([{ ...withdrawn(1), unsubscribedAt: "2025-05-01T10:00" }]), {}, NOW, /unsubscribedAt/],
    ["bad now", subscriber([]), {}, "now-ish", /now/],
    ["negative term", subscriber([]), { withdrawnGraceDays: -1 }, NOW, /policy\.withdrawnGraceDays/],
    ["zero pending days", subscriber([]), { pendingDays: 0 }, NOW, /policy\.pendingDays/],
  ])("refuses to decide on %s", (_n, facts, policy, now, message) => {
    expect(() => retentionAction(facts, policy, now)).toThrow(message);
  });
});

describe("retention policy", () => {
  it("defaults", () => {
    expect(DEFAULT_RETENTION_POLICY).toEqual({ pendingDays: 7, withdrawnGraceDays: 30, keepProofMonths: 12, deliveryLogDays: 90 });
    expect(resolveRetentionPolicy({ keepProofMonths: 0, pendingDays: undefined }))
      .toEqual({ ...DEFAULT_RETENTION_POLICY, keepProofMonths: 0 });
  });

  it.each<[number, number, "keep" | "strip-personal-data"]>([
    [89, 90, "keep"], [90, 90, "keep"], [91, 90, "strip-personal-data"], [8, 7, "strip-personal-data"],
  ])("deliveryLogAction: delivered %i days ago, term %i → %s", (age, days, action) => {
    expect(deliveryLogAction(daysAgo(age), { deliveryLogDays: days }, NOW)).toBe(action);
  });

  it("cutoff is a pure date subtraction", () => {
    expect(cutoff(NOW, 30).toISOString()).toBe("2025-05-02T12:00:00.000Z");
  });
});

describe("retentionStatement", () => {
  it.each<[RetentionPolicyInput, "en" | "nl", string[]]>([
    [{}, "en", ["within 7 days", "within 30 days", "for 12 months", "after 90 days", "hashed"]],
    [{}, "nl", ["binnen 7 dagen", "binnen 30 dagen", "nog 12 maanden", "na 90 dagen", "gehashte"]],
    [{ pendingDays: 1, keepProofMonths: 1, deliveryLogDays: 1 }, "en", ["within 1 day,", "for 1 month", "after 1 day."]],
    [{ pendingDays: 1, keepProofMonths: 1 }, "nl", ["binnen 1 dag,", "nog 1 maand"]],
    [{ keepProofMonths: 0 }, "en", ["The proof of your consent is deleted along with your details."]],
    [{ keepProofMonths: 0 }, "nl", ["Het bewijs van je toestemming verwijderen we samen met je gegevens."]],
    [{ withdrawnGraceDays: 0, deliveryLogDays: 0 }, "en", ["delete your details straight away", "anonymous straight away"]],
    [{ withdrawnGraceDays: 0, deliveryLogDays: 0 }, "nl", ["verwijderen we je gegevens direct", "direct anoniem"]],
  ])("%j in %s", (policy, lang, parts) => {
    const text = retentionStatement(policy, lang);
    for (const part of parts) expect(text).toContain(part);
  });

  it("changes whenever the policy changes, so forms cannot drift from the purge job", () => {
    const texts = new Set([
      retentionStatement({}, "en"), retentionStatement({ pendingDays: 8 }, "en"),
      retentionStatement({ withdrawnGraceDays: 31 }, "en"), retentionStatement({ keepProofMonths: 6 }, "en"),
      retentionStatement({ deliveryLogDays: 60 }, "en"),
    ]);
    expect(texts.size).toBe(5);
  });
});

describe("resolveRetentionPolicy, called again and again (the purge)", () => {
  it("re-validates a changed input instead of reusing an earlier answer", () => {
    const input: Record<string, unknown> = { pendingDays: 3 };
    expect(resolveRetentionPolicy(input).pendingDays).toBe(3);
    input.pendingDays = 0;
    expect(() => resolveRetentionPolicy(input)).toThrow(/pendingDays/);
    input.pendingDays = Number.NaN;
    expect(() => resolveRetentionPolicy(input)).toThrow(/pendingDays/);
    expect(resolveRetentionPolicy({ pendingDays: 3 })).toEqual({ ...DEFAULT_RETENTION_POLICY, pendingDays: 3 });
  });
});
