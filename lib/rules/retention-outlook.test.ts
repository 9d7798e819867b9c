// retentionOutlook: when the purge will delete, per subscription and for the person (complaint dossier).
import { describe, it, expect } from "vitest";
import { DEFAULT_RETENTION_POLICY as P, retentionAction, retentionOutlook, type OutlookSubscription } from "./index";

const NOW = "2025-06-01T12:00:00.000Z";
const sub = (o: Partial<OutlookSubscription>): OutlookSubscription => ({ status: "confirmed", createdAt: "2025-01-01T00:00:00.000Z", unsubscribedAt: null, terms: P, ...o });

describe("retentionOutlook", () => {
  it("pending: deleted pendingDays after the signup; active: kept while subscribed", () => {
    const r = retentionOutlook({ subscriptions: [sub({ status: "pending", createdAt: "2025-05-30T00:00:00.000Z" }), sub({})], contractUntil: null, defaultTerms: P }, NOW);
    expect(r.perSubscription).toEqual([
      { state: "pending-expiry", deleteAt: "2025-06-06T00:00:00.000Z", proofUntil: null },
      { state: "while-subscribed", deleteAt: null, proofUntil: null },
    ]);
    expect(r.person).toMatchObject({ state: "active", deleteAt: null, proofUntil: null });
  });

  it("all withdrawn: erased after the grace period from the latest withdrawal, proof kept keepProofMonths, with the shortest terms", () => {
    const r = retentionOutlook({
      subscriptions: [
        sub({ status: "unsubscribed", unsubscribedAt: "2025-05-01T00:00:00.000Z", terms: { ...P, withdrawnGraceDays: 10 } }),
        sub({ status: "unsubscribed", unsubscribedAt: "2025-05-20T00:00:00.000Z", terms: { ...P, keepProofMonths: 6 } }),
      ],
      contractUntil: null, defaultTerms: P,
    }, NOW);
    expect(r.perSubscription[0]).toEqual({ state: "after-withdrawal", deleteAt: "2025-05-11T00:00:00.000Z", proofUntil: "2026-05-01T00:00:00.000Z" });
    expect(r.person).toEqual({ state: "ended", deleteAt: "2025-05-30T00:00:00.000Z", proofUntil: "2025-11-20T00:00:00.000Z", terms: { ...P, withdrawnGraceDays: 10, keepProofMonths: 6 } });
  });

  it("agrees with retentionAction: in grace before deleteAt, erased after, proof until proofUntil", () => {
    const s = sub({ status: "unsubscribed", unsubscribedAt: "2025-05-20T00:00:00.000Z" });
    const { person } = retentionOutlook({ subscriptions: [s], contractUntil: null, defaultTerms: P }, NOW);
    const facts = { subscriptions: [{ status: s.status, createdAt: s.createdAt, unsubscribedAt: s.unsubscribedAt, basis: "consent" as const }], processingBasis: "none" as const, lastActivityAt: null };
    const before = new Date(Date.parse(person.deleteAt!) - 1000);
    const after = new Date(Date.parse(person.deleteAt!) + 1000);
    expect(retentionAction(facts, P, before).action).toBe("keep");
    const d = retentionAction(facts, P, after);
    expect(d).toMatchObject({ action: "erase", keepProofUntil: person.proofUntil });
  });

  it("a contract basis keeps the record at least until it ends; no proof when keepProofMonths is 0", () => {
    const r = retentionOutlook({ subscriptions: [sub({ status: "unsubscribed", unsubscribedAt: "2025-05-01T00:00:00.000Z", terms: { ...P, keepProofMonths: 0 } })], contractUntil: "2026-01-01T00:00:00.000Z", defaultTerms: P }, NOW);
    expect(r.person).toMatchObject({ state: "ended", deleteAt: "2026-01-01T00:00:00.000Z", proofUntil: null });
    expect(retentionOutlook({ subscriptions: [], contractUntil: null, defaultTerms: P }, NOW).person).toEqual({ state: "no-subscriptions", deleteAt: null, proofUntil: null, terms: P });
  });

  it("a bad date throws rather than guessing", () => {
    expect(() => retentionOutlook({ subscriptions: [sub({ status: "pending", createdAt: "yesterday" })], contractUntil: null, defaultTerms: P }, NOW)).toThrow(/subscriptions\[0\]\.createdAt/);
  });
});

describe("erasedOn", () => {
  it("the latest erasure entry still in force; withdrawals and lifted entries are not an erasure", async () => {
    const { erasedOn } = await import("./index");
    expect(erasedOn([])).toBeNull();
    expect(erasedOn([{ reason: "withdrawal", at: NOW, liftedAt: null }])).toBeNull();
    expect(erasedOn([{ reason: "erasure", at: NOW, liftedAt: "2025-06-02T00:00:00.000Z" }])).toBeNull();
    expect(erasedOn([
      { reason: "erasure", at: "2025-01-01T00:00:00.000Z", liftedAt: null }, { reason: "erasure", at: NOW, liftedAt: null }, { reason: "withdrawal", at: "2025-07-01T00:00:00.000Z", liftedAt: null },
    ])).toBe(NOW);
  });
});
