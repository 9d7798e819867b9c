import { describe, it, expect, beforeEach } from "vitest";
import { db, dbProvider } from "../db/index.ts";
import { appendEvents, verifyLedger } from "../consent/ledger.ts";
import { insertRows } from "../db/insert-rows.ts";
import { addMonths } from "../rules/index.ts";
import { createNewsletterWithForm, createSubscriber, type FixtureSubscription } from "../testing/fixtures.ts";
import { findInAllTables } from "../testing/find-in-all-tables.ts";
import { suppressionsFor } from "../subscribers/suppression.ts";
import { isErasedTombstone } from "../subscribers/erase-subscriber.ts";
import { runPurge, queuePurgeRun } from "./run-purge.ts";
import { updateRetentionPolicy, removeRetentionPolicy } from "./update-retention-policy.ts";
import { getRetentionPolicy } from "./get-retention-policy.ts";

const NOW = new Date("2026-03-01T12:00:00Z");
const DAY = 86_400_000;
const ago = (days: number, from = NOW) => new Date(from.getTime() - days * DAY);
const admin = { id: "u1", email: "admin@org.example" };

async function wipe() {
  for (const m of ["delivery", "send", "issue", "token", "purchase", "subscription", "subscriber", "consentEvent", "suppression", "retentionPolicy", "purgeRun", "auditLog"] as const)
    await (db[m] as unknown as { deleteMany(): Promise<unknown> }).deleteMany();
}

async function person(subs: Omit<FixtureSubscription, "newsletterId" | "formVersionId">[], nl: { newsletter: { id: string }; formVersion: { id: string } }, extra: { purchases?: { at: Date }[]; name?: string } = {}) {
  return createSubscriber({
    name: extra.name ?? null,
    createdAt: subs[0]?.createdAt ?? ago(400),
    subscriptions: subs.map((s) => ({ ...s, newsletterId: nl.newsletter.id, formVersionId: nl.formVersion.id })),
    purchases: extra.purchases,
  });
}

const exists = async (id: string) => (await db.subscriber.count({ where: { id } })) === 1;

/** Everything the purge could change, to compare two states. */
async function snapshot() {
  const [subscribers, subscriptions, events, suppressions, deliveries, tokens] = await Promise.all([
    db.subscriber.findMany({ orderBy: { id: "asc" } }),
    db.subscription.findMany({ orderBy: { id: "asc" } }),
    db.consentEvent.findMany({ orderBy: { seq: "asc" } }),
    db.suppression.findMany({ orderBy: { id: "asc" } }),
    db.delivery.findMany({ orderBy: { id: "asc" } }),
    db.token.findMany({ orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify({ subscribers, subscriptions, events, suppressions, deliveries, tokens });
}

describe("runPurge", () => {
  beforeEach(wipe);

  it("pending expiry: an unconfirmed signup older than pendingDays is deleted with nothing kept; a younger one stays", async () => {
    const nl = await createNewsletterWithForm();
    const old = await person([{ status: "pending", createdAt: ago(8) }], nl);
    const young = await person([{ status: "pending", createdAt: ago(6) }], nl);
    const mixed = await person([{ status: "confirmed", createdAt: ago(100) }], nl);
    const nl2 = await createNewsletterWithForm();
    const sub2 = await db.subscription.create({ data: { subscriberId: mixed.subscriber.id, newsletterId: nl2.newsletter.id, status: "pending", createdAt: ago(10) } });

    const r = await runPurge({ trigger: "cli", now: NOW });
    expect(await exists(old.subscriber.id)).toBe(false);
    expect(await suppressionsFor(db, old.subscriber.email)).toEqual([]); // the address may be someone else's
    expect(await exists(young.subscriber.id)).toBe(true);
    expect(await exists(mixed.subscriber.id)).toBe(true);
    expect(await db.subscription.count({ where: { id: sub2.id } })).toBe(0);
    expect(await db.subscription.count({ where: { subscriberId: mixed.subscriber.id } })).toBe(1);
    expect(r.counts).toMatchObject({ subscribersErased: 1, pendingSubscriptionsDeleted: 1, actions: { "delete-pending": 2 }, reasons: { RET_PENDING_EXPIRED: 2 } });
    expect(await db.consentEvent.findFirst({ where: { subscriberId: old.subscriber.id, type: "erase" } })).toMatchObject({ actor: "system:purge", details: { reason: "RET_PENDING_EXPIRED" } });
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it("withdrawal grace period: erased after withdrawnGraceDays keeping only the suppression entry (keepProofMonths 0), kept within it", async () => {
    const nl = await createNewsletterWithForm();
    await updateRetentionPolicy({ newsletterId: null, values: { pendingDays: 7, withdrawnGraceDays: 30, keepProofMonths: 0, deliveryLogDays: 90 }, actor: admin });
    const gone = await person([{ status: "unsubscribed", createdAt: ago(300), unsubscribedAt: ago(31) }], nl, { name: "Gerda Graceperiode" });
    const grace = await person([{ status: "unsubscribed", createdAt: ago(300), unsubscribedAt: ago(29) }], nl);

    const r = await runPurge({ trigger: "cli", now: NOW });
    expect(await exists(gone.subscriber.id)).toBe(false);
    expect(await exists(grace.subscriber.id)).toBe(true);
    expect(await suppressionsFor(db, gone.subscriber.email)).toEqual([expect.objectContaining({ scope: "all", reason: "erasure" })]);
    expect(await findInAllTables([gone.subscriber.email, "Gerda Graceperiode"])).toEqual([]);
    expect(r.counts).toMatchObject({ subscribersErased: 1, proofKept: 0, reasons: { RET_PURPOSE_ENDED: 1, RET_IN_GRACE: 1 } });
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it("inactive subscriber: no subscription and no other basis is erased; a recent customer is kept", async () => {
    const nl = await createNewsletterWithForm();
    const stale = await person([], nl, { purchases: [{ at: ago(900) }] });
    const customer = await person([], nl, { purchases: [{ at: ago(90) }] });
    const r = await runPurge({ trigger: "cli", now: NOW });
    expect(await exists(stale.subscriber.id)).toBe(false);
    expect(await exists(customer.subscriber.id)).toBe(true);
    expect(r.counts.reasons).toMatchObject({ RET_PURPOSE_ENDED: 1, RET_OTHER_BASIS: 1 });
  });

  it("delivery-log ageing: rows older than deliveryLogDays lose their personal data, counts stay; per-newsletter terms apply", async () => {
    const a = await createNewsletterWithForm();
    const b = await createNewsletterWithForm();
    await updateRetentionPolicy({ newsletterId: b.newsletter.id, values: { pendingDays: 7, withdrawnGraceDays: 30, keepProofMonths: 12, deliveryLogDays: 10 }, actor: admin });
    const p = await person([{ status: "confirmed", createdAt: ago(400) }], a);
    const rows: Record<string, string> = {};
    for (const [key, nl, days] of [["a91", a, 91], ["a89", a, 89], ["b11", b, 11], ["b9", b, 9]] as const) {
      const issue = await db.issue.create({ data: { newsletterId: nl.newsletter.id, subject: key } });
      const send = await db.send.create({ data: { issueId: issue.id, status: "done", total: 1 } });
      const d = await db.delivery.create({ data: { sendId: send.id, issueId: issue.id, subscriberId: p.subscriber.id, subscriptionId: p.subscriptions[0].id, status: "sent", sentAt: ago(days), smtpReply: "250 ok" } });
      rows[key] = d.id;
    }
    const r = await runPurge({ trigger: "cli", now: NOW });
    expect(r.counts.deliveriesStripped).toBe(2);
    const after = Object.fromEntries(await Promise.all(Object.entries(rows).map(async ([k, id]) => [k, await db.delivery.findUniqueOrThrow({ where: { id } })])));
    for (const k of ["a91", "b11"]) expect(after[k]).toMatchObject({ subscriberId: null, subscriptionId: null, smtpReply: null, status: "sent" });
    for (const k of ["a89", "b9"]) expect(after[k]).toMatchObject({ subscriberId: p.subscriber.id, smtpReply: "250 ok" });
    expect(await db.delivery.count()).toBe(4);
  });

  it("a policy that keeps proof for N months: a tombstone without address until then, then erase-proof", async () => {
    const nl = await createNewsletterWithForm();
    await updateRetentionPolicy({ newsletterId: nl.newsletter.id, values: { pendingDays: 7, withdrawnGraceDays: 30, keepProofMonths: 6, deliveryLogDays: 90 }, actor: admin });
    const unsubscribedAt = ago(40);
    const p = await person([{ status: "unsubscribed", createdAt: ago(300), unsubscribedAt }], nl, { name: "Piet Proefbewijs" });
    const email = p.subscriber.email;

    const r1 = await runPurge({ trigger: "schedule", now: NOW });
    expect(r1.counts).toMatchObject({ proofKept: 1, subscribersErased: 0, actions: { erase: 1 } });
    const tomb = await db.subscriber.findUniqueOrThrow({ where: { id: p.subscriber.id }, include: { subscriptions: true } });
    expect(isErasedTombstone(tomb.email)).toBe(true);
    expect(tomb.subscriptions).toEqual([expect.objectContaining({ formVersionId: nl.formVersion.id, status: "unsubscribed" })]);
    expect(await findInAllTables([email, "Piet Proefbewijs"])).toEqual([]);
    const until = new Date(addMonths(unsubscribedAt.getTime(), 6)).toISOString();
    expect(await db.consentEvent.findFirst({ where: { subscriberId: p.subscriber.id, type: "erase" } })).toMatchObject({ details: { keptProofUntil: until } });

    const r2 = await runPurge({ trigger: "schedule", now: new Date(NOW.getTime() + 60 * DAY) });
    expect(r2.counts.reasons).toEqual({ RET_PROOF_PERIOD: 1 });
    expect(await exists(p.subscriber.id)).toBe(true);

    const r3 = await runPurge({ trigger: "schedule", now: new Date(new Date(until).getTime() + DAY) });
    expect(r3.counts).toMatchObject({ actions: { "erase-proof": 1 }, reasons: { RET_PROOF_EXPIRED: 1 }, subscribersErased: 1 });
    expect(await exists(p.subscriber.id)).toBe(false);
    expect(await suppressionsFor(db, email)).toHaveLength(1);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it("is idempotent: a second run changes nothing", async () => {
    const nl = await createNewsletterWithForm();
    await person([{ status: "pending", createdAt: ago(20) }], nl);
    await person([{ status: "unsubscribed", createdAt: ago(300), unsubscribedAt: ago(60) }], nl);
    await person([{ status: "unsubscribed", createdAt: ago(300), unsubscribedAt: ago(10) }], nl);
    await person([{ status: "confirmed", createdAt: ago(300) }], nl);
    await person([], nl, { purchases: [{ at: ago(1000) }] });
    const first = await runPurge({ trigger: "cli", now: NOW });
    expect(first.counts.subscribersErased + first.counts.proofKept).toBe(3);
    const before = await snapshot();
    const second = await runPurge({ trigger: "cli", now: NOW });
    expect(await snapshot()).toBe(before);
    expect(second.counts).toMatchObject({ subscribersErased: 0, proofKept: 0, pendingSubscriptionsDeleted: 0, deliveriesStripped: 0, actions: { erase: 0, "delete-pending": 0, "erase-proof": 0 } });
  });

  it("a dry run writes nothing and predicts the real run's counts", async () => {
    const nl = await createNewsletterWithForm();
    await person([{ status: "pending", createdAt: ago(20) }], nl);
    await person([{ status: "unsubscribed", createdAt: ago(300), unsubscribedAt: ago(60) }], nl);
    await person([{ status: "unsubscribed", createdAt: ago(300), unsubscribedAt: ago(10) }], nl);
    const before = await snapshot();
    const dry = await runPurge({ trigger: "admin", dryRun: true, now: NOW });
    expect(await snapshot()).toBe(before);
    const real = await runPurge({ trigger: "cli", now: NOW });
    expect(dry.counts.actions).toEqual(real.counts.actions);
    expect(dry.counts.reasons).toEqual(real.counts.reasons);
    const runs = await db.purgeRun.findMany({ orderBy: { startedAt: "asc" } });
    expect(runs.map((x) => [x.dryRun, x.status, x.processed === x.total])).toEqual([[true, "done", true], [false, "done", true]]);
  });

  it("a purge during a send leaves the send consistent", async () => {
    const nl = await createNewsletterWithForm();
    const leaving = await person([{ status: "unsubscribed", createdAt: ago(300), unsubscribedAt: ago(60) }], nl);
    const staying = await person([{ status: "confirmed", createdAt: ago(300) }], nl);
    const third = await person([{ status: "confirmed", createdAt: ago(300) }], nl);
    const issue = await db.issue.create({ data: { newsletterId: nl.newsletter.id, subject: "Now sending", status: "sending" } });
    const send = await db.send.create({ data: { issueId: issue.id, status: "running", total: 3 } });
    // The person withdrew after the deliveries were created; one other row is mid-SMTP (locked by a worker).
    await db.delivery.create({ data: { sendId: send.id, issueId: issue.id, subscriberId: leaving.subscriber.id, subscriptionId: leaving.subscriptions[0].id, status: "queued" } });
    await db.delivery.create({ data: { sendId: send.id, issueId: issue.id, subscriberId: staying.subscriber.id, subscriptionId: staying.subscriptions[0].id, status: "queued" } });
    const locked = await db.delivery.create({ data: { sendId: send.id, issueId: issue.id, subscriberId: third.subscriber.id, subscriptionId: third.subscriptions[0].id, status: "sending", lockedBy: "w1", lockedUntil: new Date(Date.now() + 60_000) } });

    await runPurge({ trigger: "schedule", now: NOW });
    const rows = await db.delivery.findMany({ where: { sendId: send.id } });
    expect(rows).toHaveLength(3);
    const byStatus = Object.fromEntries(["queued", "sending", "skipped"].map((s) => [s, rows.filter((r) => r.status === s).length]));
    expect(byStatus).toEqual({ queued: 1, sending: 1, skipped: 1 });
    expect(rows.find((r) => r.status === "skipped")).toMatchObject({ subscriberId: null, reason: "DENY_SUPPRESSED" });
    // The worker holding the lock can still finish its row.
    await db.delivery.update({ where: { id: locked.id }, data: { status: "sent", sentAt: new Date(), lockedBy: null } });
    expect(await db.delivery.count({ where: { sendId: send.id } })).toBe((await db.send.findUniqueOrThrow({ where: { id: send.id } })).total);
  });

  it("a newsletter's own shorter pending term applies to its signups; removing it restores the default", async () => {
    const strict = await createNewsletterWithForm();
    const normal = await createNewsletterWithForm();
    await updateRetentionPolicy({ newsletterId: strict.newsletter.id, values: { pendingDays: 2, withdrawnGraceDays: 30, keepProofMonths: 12, deliveryLogDays: 90 }, actor: admin });
    const s = await person([{ status: "pending", createdAt: ago(3) }], strict);
    const n = await person([{ status: "pending", createdAt: ago(3) }], normal);
    await runPurge({ trigger: "cli", now: NOW });
    expect([await exists(s.subscriber.id), await exists(n.subscriber.id)]).toEqual([false, true]);
    await removeRetentionPolicy({ newsletterId: strict.newsletter.id, actor: admin });
    expect(await getRetentionPolicy(db, strict.newsletter.id)).toEqual({ pendingDays: 7, withdrawnGraceDays: 30, keepProofMonths: 12, deliveryLogDays: 90 });
    expect(await db.auditLog.count({ where: { action: { in: ["retention.update", "retention.reset"] } } })).toBe(2);
  });

  it("a batch larger than SQLite's bound-parameter limit is purged in one transaction (id lists travel as one parameter)", async () => {
    const nl = await createNewsletterWithForm();
    await updateRetentionPolicy({ newsletterId: null, values: { pendingDays: 7, withdrawnGraceDays: 30, keepProofMonths: 12, deliveryLogDays: 90 }, actor: admin });
    const nl2 = await createNewsletterWithForm();
    // 1,200 people straight into the tables: a third withdrew long ago (erased), a third withdrew 60 days
    // ago (tombstone), a third are active with an expired pending second signup (that signup goes).
    const N = 1200;
    const kind = (i: number) => (["old", "proof", "mixed"] as const)[i % 3];
    const ids = Array.from({ length: N }, (_, i) => `bulk${String(i).padStart(5, "0")}`);
    await insertRows(db, "Subscriber", { id: "text", email: "text", name: "text", createdAt: "date", updatedAt: "date" },
      ids.map((id) => ({ id, email: `${id}@bulk.example`, name: `Bulk Person ${id}`, createdAt: ago(900), updatedAt: ago(900) })));
    type Row = { id: string; subscriberId: string; newsletterId: string; status: string; method: string; formVersionId: string; createdAt: Date; updatedAt: Date; unsubscribedAt: Date | null };
    const subs = ids.flatMap((id, i): Row[] => {
      const k = kind(i);
      const base = { subscriberId: id, method: "double_opt_in", formVersionId: nl.formVersion.id, createdAt: ago(800), updatedAt: ago(800) };
      return k === "mixed"
        ? [{ ...base, id: `${id}a`, newsletterId: nl.newsletter.id, status: "confirmed", unsubscribedAt: null },
           { ...base, id: `${id}b`, newsletterId: nl2.newsletter.id, status: "pending", formVersionId: nl2.formVersion.id, createdAt: ago(20), updatedAt: ago(20), unsubscribedAt: null }]
        : [{ ...base, id: `${id}a`, newsletterId: nl.newsletter.id, status: "unsubscribed", unsubscribedAt: k === "old" ? ago(500) : ago(60) }];
    });
    await insertRows(db, "Subscription", { id: "text", subscriberId: "text", newsletterId: "text", status: "text", method: "text", formVersionId: "text", createdAt: "date", updatedAt: "date", unsubscribedAt: "date" }, subs);
    await db.$transaction((tx) => appendEvents(tx, subs.map((x) => ({ type: "signup", at: x.createdAt, subscriberId: x.subscriberId, subscriptionId: x.id, newsletterIds: [x.newsletterId], actor: "subject", ip: "192.0.2.7", userAgent: "UA" }))));

    const r = await runPurge({ trigger: "cli", now: NOW, batchSize: N });
    expect(r.counts).toMatchObject({ checked: N, subscribersErased: N / 3, proofKept: N / 3, pendingSubscriptionsDeleted: N / 3, errors: 0 });
    expect(await db.subscriber.count({ where: { id: { startsWith: "bulk" }, email: { endsWith: "@bulk.example" } } })).toBe(N / 3);
    expect(await db.subscriber.count({ where: { id: { startsWith: "bulk" } } })).toBe((2 * N) / 3); // with the tombstones
    expect(await db.suppression.count({ where: { scope: "all", reason: "erasure" } })).toBe((2 * N) / 3);
    expect(await db.consentEvent.count({ where: { type: "erase", actor: "system:purge" } })).toBe(N);
    // Only the active subscriptions' events keep ip and user agent.
    const withPii = await db.consentEvent.findMany({ where: { subscriberId: { startsWith: "bulk" }, OR: [{ ip: { not: null } }, { userAgent: { not: null } }] }, select: { subscriptionId: true } });
    expect(withPii).toHaveLength(N / 3);
    expect(withPii.every((e) => e.subscriptionId?.endsWith("a"))).toBe(true);
    const sample = [0, 1, N - 3, N - 2].map((i) => ids[i]); // erased and tombstoned, first and last
    expect(await findInAllTables(sample.flatMap((id) => [`${id}@bulk.example`, `Bulk Person ${id}`]))).toEqual([]);
    expect((await verifyLedger(db)).ok).toBe(true);
    const second = await runPurge({ trigger: "cli", now: NOW, batchSize: N });
    expect(second.counts).toMatchObject({ subscribersErased: 0, proofKept: 0, pendingSubscriptionsDeleted: 0 });
  });

  it("SQLite: checkpoints the WAL less often during the run, then restores the connection's threshold", async () => {
    const nl = await createNewsletterWithForm();
    await person([{ status: "pending", createdAt: ago(30) }], nl);
    const threshold = async () => {
      if (dbProvider() !== "sqlite") return null; // PostgreSQL: nothing is changed
      const [row] = await db.$queryRawUnsafe<{ wal_autocheckpoint: bigint }[]>("PRAGMA wal_autocheckpoint");
      return Number(row.wal_autocheckpoint);
    };
    const before = await threshold();
    const during: Promise<number | null>[] = [];
    await runPurge({ trigger: "cli", now: NOW, onProgress: () => void during.push(threshold()) });
    expect(await threshold()).toBe(before);
    expect(await during[0]).toBe(dbProvider() === "sqlite" ? 50_000 : null);
  });

  it("fills a queued PurgeRun and records progress", async () => {
    const nl = await createNewsletterWithForm();
    for (let i = 0; i < 5; i++) await person([{ status: "pending", createdAt: ago(30) }], nl);
    const runId = await queuePurgeRun({ trigger: "admin", dryRun: true });
    const seen: number[] = [];
    await runPurge({ trigger: "admin", dryRun: true, runId, now: NOW, batchSize: 2, onProgress: (p) => seen.push(p.processed) });
    expect(seen).toEqual([2, 4, 5]);
    const run = await db.purgeRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "done", dryRun: true, processed: 5, total: 5, counts: expect.objectContaining({ actions: expect.objectContaining({ "delete-pending": 5 }) }) });
    expect(await db.subscriber.count()).toBe(5);
  });
});

describe("updateRetentionPolicy", () => {
  beforeEach(wipe);

  it("refuses bad terms with a message naming the field, writing nothing", async () => {
    const r = await updateRetentionPolicy({ newsletterId: null, values: { pendingDays: "0", withdrawnGraceDays: 30, keepProofMonths: 12, deliveryLogDays: 90 }, actor: admin });
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining("pendingDays") });
    const r2 = await updateRetentionPolicy({ newsletterId: null, values: { pendingDays: 7, withdrawnGraceDays: "abc", keepProofMonths: 12, deliveryLogDays: 90 }, actor: admin });
    expect(r2).toMatchObject({ ok: false, error: expect.stringContaining("withdrawnGraceDays") });
    const r3 = await updateRetentionPolicy({ newsletterId: "nope", values: { pendingDays: 7, withdrawnGraceDays: 30, keepProofMonths: 12, deliveryLogDays: 90 }, actor: admin });
    expect(r3).toMatchObject({ ok: false });
    expect(await db.retentionPolicy.count()).toBe(0);
  });
});
