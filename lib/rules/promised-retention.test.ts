// Retention as promised (catalogue §3.2 item 5, R-RET-*), the storage basis apart from consent
// (R-TWO-LAYERS) and what an erasure keeps: table-driven.
import { describe, it, expect } from "vitest";
import {
  DEFAULT_RETENTION_POLICY, decideErasure, effectiveRetentionTerms, processingBasis, retentionAction, shortestTerms,
  type ErasureDecision, type ErasureRequest, type RetentionDecision, type RetentionFacts, type RetentionPolicyInput,
  type RetentionSubscription,
} from "./index";

const NOW = "2025-06-01T12:00:00Z";
const daysAgo = (d: number) => new Date(Date.parse(NOW) - d * 86_400_000).toISOString();
const P = DEFAULT_RETENTION_POLICY; // 7 / 30 / 12 / 90
const promise = (o: Partial<typeof P>, version = 1) => ({ ...P, ...o, version });
const withdrawn = (age: number, o: Partial<RetentionSubscription> = {}): RetentionSubscription =>
  ({ status: "unsubscribed", createdAt: daysAgo(800), unsubscribedAt: daysAgo(age), basis: "consent", ...o });
const pending = (age: number, o: Partial<RetentionSubscription> = {}): RetentionSubscription =>
  ({ status: "pending", createdAt: daysAgo(age), unsubscribedAt: null, basis: "consent", ...o });
const person = (subscriptions: RetentionSubscription[], o: Partial<RetentionFacts> = {}): RetentionFacts =>
  ({ subscriptions, processingBasis: "none", lastActivityAt: null, ...o });

describe("effectiveRetentionTerms: min(promised, current), field by field", () => {
  it.each<[string, Parameters<typeof effectiveRetentionTerms>[0], RetentionPolicyInput, typeof P]>([
    ["no promise: the current policy", null, { withdrawnGraceDays: 60 }, { ...P, withdrawnGraceDays: 60 }],
    ["undefined promise: the current policy", undefined, {}, P],
    ["policy shortened since: the shorter current term", promise({ withdrawnGraceDays: 60 }), { withdrawnGraceDays: 30 }, { ...P, withdrawnGraceDays: 30 }],
    ["policy lengthened since: the shorter promise", promise({ withdrawnGraceDays: 30 }), { withdrawnGraceDays: 90 }, { ...P, withdrawnGraceDays: 30 }],
    ["field by field, not the whole of one side", promise({ pendingDays: 3, keepProofMonths: 24 }), { pendingDays: 10, keepProofMonths: 6 }, { ...P, pendingDays: 3, keepProofMonths: 6 }],
    ["delivery logs too", promise({ deliveryLogDays: 30 }), { deliveryLogDays: 180 }, { ...P, deliveryLogDays: 30 }],
    ["equal: unchanged", promise({}), {}, P],
  ])("%s", (_n, promised, current, expected) => {
    expect(effectiveRetentionTerms(promised, current)).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["a term missing from the stored promise", { version: 1, pendingDays: 7, withdrawnGraceDays: 30, keepProofMonths: 12 }, /promised\.deliveryLogDays/],
    ["a term that is not a number", { ...promise({}), withdrawnGraceDays: "30" }, /promised\.withdrawnGraceDays/],
    ["a negative term", promise({ keepProofMonths: -1 }), /keepProofMonths/],
  ])("refuses %s instead of guessing", (_n, promised, message) => {
    expect(() => effectiveRetentionTerms(promised, {})).toThrow(message);
  });

  it("shortestTerms over several policies", () => {
    expect(shortestTerms([{ pendingDays: 3 }, { withdrawnGraceDays: 10 }, {}])).toEqual({ ...P, pendingDays: 3, withdrawnGraceDays: 10 });
    expect(() => shortestTerms([])).toThrow(/at least one/);
  });
});

describe("retentionAction with promised terms", () => {
  it.each<[string, RetentionFacts, RetentionPolicyInput, Partial<RetentionDecision>]>([
    ["promised 60 days grace, policy now 30: erased at day 45 (shortening applies to everyone)",
      person([withdrawn(45, { promised: promise({ withdrawnGraceDays: 60 }) })]), { withdrawnGraceDays: 30 },
      { action: "erase", reason: "RET_PURPOSE_ENDED", terms: { ...P, withdrawnGraceDays: 30 } }],
    ["promised 30 days grace, policy now 90: still erased at day 45 (lengthening does not reach them)",
      person([withdrawn(45, { promised: promise({ withdrawnGraceDays: 30 }) })]), { withdrawnGraceDays: 90 },
      { action: "erase", terms: { ...P, withdrawnGraceDays: 30 } }],
    ["promised 90 days grace (consented after the change), policy 90: kept at day 45",
      person([withdrawn(45, { promised: promise({ withdrawnGraceDays: 90 }, 2) })]), { withdrawnGraceDays: 90 },
      { action: "keep", reason: "RET_IN_GRACE" }],
    ["no promise (import or customer without a form): the current 90 days",
      person([withdrawn(45, { promised: null })]), { withdrawnGraceDays: 90 }, { action: "keep", reason: "RET_IN_GRACE" }],
    ["the subscription's own current policy beats the argument",
      person([withdrawn(45, { policy: { withdrawnGraceDays: 30 } })]), { withdrawnGraceDays: 90 }, { action: "erase" }],
    ["two newsletters: the shortest effective term of all subscriptions",
      person([withdrawn(45, { promised: promise({ withdrawnGraceDays: 90 }) }), withdrawn(50, { promised: promise({ withdrawnGraceDays: 40 }) })]), { withdrawnGraceDays: 90 },
      { action: "erase", terms: { ...P, withdrawnGraceDays: 40 } }],
    ["promised pending term shorter than the current one: the signup expires by the promise",
      person([pending(4, { promised: promise({ pendingDays: 3 }) })]), { pendingDays: 7 },
      { action: "delete-pending", reason: "RET_PENDING_EXPIRED", deleteSubscriber: true }],
    ["promised proof 3 months, policy now 12: proof kept 3 months",
      person([withdrawn(31, { promised: promise({ keepProofMonths: 3 }) })]), {},
      { action: "erase", keepProofUntil: "2025-08-01T12:00:00.000Z" }],
    ["promised proof 0 months, policy now 12: nothing kept",
      person([withdrawn(31, { promised: promise({ keepProofMonths: 0 }) })]), {},
      { action: "erase", deleteProof: true, deleteSubscriber: true, keepProofUntil: null }],
    ["erased tombstone: the proof term promised counts, not a longer current one",
      person([withdrawn(120, { promised: promise({ keepProofMonths: 3 }) })], { erased: true, proofRetained: true }), { keepProofMonths: 24 },
      { action: "erase-proof", reason: "RET_PROOF_EXPIRED" }],
    ["no subscriptions: the policy argument (global default)",
      person([]), { withdrawnGraceDays: 5 }, { action: "erase", terms: { ...P, withdrawnGraceDays: 5 } }],
  ])("%s", (_n, facts, policy, expected) => {
    expect(retentionAction(facts, policy, NOW)).toMatchObject(expected);
  });

  it("a broken stored promise stops the decision for that person", () => {
    expect(() => retentionAction(person([withdrawn(45, { promised: { pendingDays: 7 } })]), {}, NOW)).toThrow(/promised\.withdrawnGraceDays/);
  });
});

describe("processingBasis (R-TWO-LAYERS)", () => {
  it.each<[string, string | null, number, "contract" | "none", string | null]>([
    ["never bought anything", null, 24, "none", null],
    ["bought 3 months ago, record term 24 months", "2025-03-01T12:00:00Z", 24, "contract", "2027-03-01T12:00:00.000Z"],
    ["bought exactly 24 months ago: the term is over", "2023-06-01T12:00:00Z", 24, "none", null],
    ["bought 24 months minus a day ago", "2023-06-02T12:00:00Z", 24, "contract", "2025-06-02T12:00:00.000Z"],
    ["bought 13 months ago, record term 12 months", "2024-05-01T00:00:00Z", 12, "none", null],
    ["a long record term", "2020-01-01T00:00:00Z", 120, "contract", "2030-01-01T00:00:00.000Z"],
  ])("%s", (_n, lastPurchaseAt, customerRecordMonths, basis, until) => {
    expect(processingBasis({ lastPurchaseAt, customerRecordMonths, now: NOW })).toEqual({ basis, until, ruleId: "R-TWO-LAYERS" });
  });

  it.each<[string, Parameters<typeof processingBasis>[0], RegExp]>([
    // @ts-expect-error: a missing term (null) is what the check must refuse
    ["no term (forever is not a term)", { lastPurchaseAt: null, customerRecordMonths: null, now: NOW }, /customerRecordMonths/],
    ["zero months", { lastPurchaseAt: null, customerRecordMonths: 0, now: NOW }, /customerRecordMonths/],
    ["a fraction", { lastPurchaseAt: null, customerRecordMonths: 1.5, now: NOW }, /customerRecordMonths/],
    ["more than a century", { lastPurchaseAt: null, customerRecordMonths: 1201, now: NOW }, /customerRecordMonths/],
    ["a bad purchase date", { lastPurchaseAt: "last year", customerRecordMonths: 24, now: NOW }, /lastPurchaseAt/],
    ["a bad now", { lastPurchaseAt: null, customerRecordMonths: 24, now: "soon" }, /now/],
  ])("refuses %s", (_n, facts, message) => {
    expect(() => processingBasis(facts)).toThrow(message);
  });

  it("independent of the marketing customer window: a contract keeps the record, retentionAction keeps it", () => {
    const basis = processingBasis({ lastPurchaseAt: daysAgo(300), customerRecordMonths: 24, now: NOW }).basis;
    expect(retentionAction(person([withdrawn(100)], { processingBasis: basis }), {}, NOW)).toMatchObject({ action: "keep", reason: "RET_OTHER_BASIS" });
    const over = processingBasis({ lastPurchaseAt: daysAgo(800), customerRecordMonths: 24, now: NOW }).basis;
    expect(retentionAction(person([withdrawn(100)], { processingBasis: over }), {}, NOW)).toMatchObject({ action: "erase" });
  });
});

describe("decideErasure", () => {
  const until = "2026-01-01T00:00:00.000Z";
  it.each<[string, ErasureRequest, ErasureDecision]>([
    ["the person asks", { kind: "subject-request" },
      { reason: "subject-request", ruleId: "R-RET-SUPPRESSION-HASH", suppress: true, keepProofUntil: null, skipQueuedAs: "DENY_SUPPRESSED" }],
    ["an admin on request", { kind: "admin-request" },
      { reason: "admin-request", ruleId: "R-RET-SUPPRESSION-HASH", suppress: true, keepProofUntil: null, skipQueuedAs: "DENY_SUPPRESSED" }],
    ["purge: purpose ended, proof kept for the stated period", { kind: "purge", action: "erase", reason: "RET_PURPOSE_ENDED", keepProofUntil: until, deleteSubscriber: false },
      { reason: "RET_PURPOSE_ENDED", ruleId: "R-RET-SUPPRESSION-HASH", suppress: true, keepProofUntil: until, skipQueuedAs: "DENY_SUPPRESSED" }],
    ["purge: purpose ended, no proof to keep", { kind: "purge", action: "erase", reason: "RET_PURPOSE_ENDED", keepProofUntil: null, deleteSubscriber: true },
      { reason: "RET_PURPOSE_ENDED", ruleId: "R-RET-SUPPRESSION-HASH", suppress: true, keepProofUntil: null, skipQueuedAs: "DENY_SUPPRESSED" }],
    ["purge: proof period over", { kind: "purge", action: "erase-proof", reason: "RET_PROOF_EXPIRED", keepProofUntil: null, deleteSubscriber: true },
      { reason: "RET_PROOF_EXPIRED", ruleId: "R-RET-PROOF-AFTER-WITHDRAWAL", suppress: true, keepProofUntil: null, skipQueuedAs: "DENY_SUPPRESSED" }],
    ["purge: never confirmed, nothing kept, not even a suppression entry", { kind: "purge", action: "delete-pending", reason: "RET_PENDING_EXPIRED", keepProofUntil: null, deleteSubscriber: true },
      { reason: "RET_PENDING_EXPIRED", ruleId: "R-PENDING-EXPIRY", suppress: false, keepProofUntil: null, skipQueuedAs: "DENY_NO_BASIS" }],
  ])("%s", (_n, request, expected) => {
    expect(decideErasure(request)).toEqual(expected);
  });

  it.each<[string, ErasureRequest]>([
    ["a keep", { kind: "purge", action: "keep", reason: "RET_IN_GRACE", keepProofUntil: null, deleteSubscriber: false }],
    ["expired signups of someone still subscribed", { kind: "purge", action: "delete-pending", reason: "RET_PENDING_EXPIRED", keepProofUntil: null, deleteSubscriber: false }],
  ])("is no erasure: %s", (_n, request) => {
    expect(() => decideErasure(request)).toThrow(RangeError);
  });
});
