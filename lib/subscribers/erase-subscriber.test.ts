import { describe, it, expect } from "vitest";
import { db } from "../db/index.ts";
import { verifyLedger } from "../consent/ledger.ts";
import { decideErasure, decideSend, decideImport, deepMerge, DEFAULT_FACTS, type Facts } from "../rules/index.ts";
import { createNewsletterWithForm, createSubscriber } from "../testing/fixtures.ts";
import { findInAllTables } from "../testing/find-in-all-tables.ts";
import { issueToken } from "../security/tokens.ts";
import { hit, rateLimitRowKey } from "../security/rate-limit.ts";
import { eraseSubscriber, eraseSubscribersInTx, isErasedTombstone } from "./erase-subscriber.ts";
import { exportSubscriberData } from "./export-subscriber-data.ts";
import { suppressionKey, suppressionsFor } from "./suppression.ts";
import { normaliseEmail } from "./normalise-email.ts";

const day = 86_400_000;

/** A person with everything a real one leaves behind: subscriptions, events, purchases, a token, deliveries, a rate-limit counter. */
async function personWithHistory(tag: string) {
  const email = `${tag}.scanvogel@example.nl`;
  const name = `Jantje ${tag} Scanvogel`;
  const { newsletter: a, formVersion: fa } = await createNewsletterWithForm();
  const { newsletter: b, formVersion: fb } = await createNewsletterWithForm();
  const t0 = new Date(Date.now() - 200 * day);
  const { subscriber, subscriptions } = await createSubscriber({
    email, name,
    subscriptions: [
      { newsletterId: a.id, formVersionId: fa.id, status: "confirmed", createdAt: t0 },
      { newsletterId: b.id, formVersionId: fb.id, status: "unsubscribed", createdAt: t0, unsubscribedAt: new Date(t0.getTime() + day), proofReference: `paper form of ${name}` },
    ],
    purchases: [{ at: t0, reference: `order for ${name}` }],
  });
  await issueToken(db, { purpose: "optin", subjectId: subscriber.id, data: { email }, ttlMs: day });
  await db.rateLimit.create({ data: { key: `signup:${email}`, points: 1, expire: new Date(Date.now() + day) } }); // written before keys were hashed
  await hit("signup-mail-addr", suppressionKey(email), { points: 5, durationSec: 3600 });
  await hit("login-addr", email, { points: 5, durationSec: 3600 });
  const issue = await db.issue.create({ data: { newsletterId: a.id, subject: "Issue 1" } });
  const other = await createSubscriber({ subscriptions: [{ newsletterId: a.id, formVersionId: fa.id, status: "confirmed", createdAt: t0 }] });
  const send = await db.send.create({ data: { issueId: issue.id, status: "running", total: 3 } });
  const issue2 = await db.issue.create({ data: { newsletterId: a.id, subject: "Issue 0" } });
  const send2 = await db.send.create({ data: { issueId: issue2.id, status: "done", total: 1 } });
  await db.delivery.create({ data: { sendId: send2.id, issueId: issue2.id, subscriberId: subscriber.id, subscriptionId: subscriptions[0].id, status: "sent", smtpReply: `250 2.0.0 <${email}> queued`, sentAt: t0 } });
  await db.delivery.create({ data: { sendId: send.id, issueId: issue.id, subscriberId: subscriber.id, subscriptionId: subscriptions[0].id, status: "queued" } });
  await db.delivery.create({ data: { sendId: send.id, issueId: issue.id, subscriberId: other.subscriber.id, subscriptionId: other.subscriptions[0].id, status: "queued" } });
  return { email, name, subscriber, subscriptions, a, b, fa, send };
}

function gateFacts(sup: { scope: string; reason: string; at: Date }[], newsletterId: string): Facts {
  return deepMerge(DEFAULT_FACTS, {
    message: { newsletterId },
    consent: { newsletterIds: [newsletterId] },
    suppressions: sup.map((s) => ({ scope: s.scope, reason: s.reason === "withdrawal" ? "withdrawal" : "objection", at: s.at.toISOString() })),
  }) as Facts;
}

describe("eraseSubscriber (on request)", () => {
  it("leaves no address or name in any column of any table, yet the address stays suppressed and the ledger verifies", async () => {
    const p = await personWithHistory("req");
    // The scan itself must be able to see them before erasure.
    const before = await findInAllTables([p.email, p.name]);
    expect(before.map((h) => `${h.table}.${h.column}`)).toEqual(expect.arrayContaining(["Subscriber.email", "Subscriber.name", "Delivery.smtpReply", "Token.data", "RateLimit.key", "Purchase.reference", "Subscription.proofReference"]));

    const hashedCounters = { key: { in: [rateLimitRowKey("signup-mail-addr", suppressionKey(p.email)), rateLimitRowKey("login-addr", p.email)] } };
    expect(await db.rateLimit.count({ where: hashedCounters })).toBe(2);

    const r = await eraseSubscriber({ subscriberId: p.subscriber.id, actor: "subject" });
    expect(r).toEqual({ erased: true });

    expect(await findInAllTables([p.email, p.name])).toEqual([]);
    expect(await db.rateLimit.count({ where: hashedCounters })).toBe(0);
    expect(await db.subscriber.count({ where: { id: p.subscriber.id } })).toBe(0);
    expect(await db.subscription.count({ where: { subscriberId: p.subscriber.id } })).toBe(0);
    expect(await db.token.count({ where: { subjectId: p.subscriber.id } })).toBe(0);

    // Suppressed: a send skips the address, an import refuses it.
    // A later signup/import of the same address (any case) normalises to the same key.
    const again = normaliseEmail(p.email.toUpperCase());
    if (!again.ok) throw new Error(again.error);
    const sup = await suppressionsFor(db, again.email);
    expect(sup).toEqual([expect.objectContaining({ scope: "all", liftedAt: null })]);
    expect(decideSend(gateFacts(sup, p.a.id)).reason).toBe("DENY_SUPPRESSED");
    expect(decideImport({ now: new Date().toISOString(), emailValid: true, duplicateInFile: false, suppressed: sup.length > 0, existingSubscriptionStatus: null, basis: "consent", customerWindowMonths: 24 }).reason).toBe("SUPPRESSED");

    // The ledger: events kept without ip/user agent, one erase event without personal data, chain intact.
    const events = await db.consentEvent.findMany({ where: { subscriberId: p.subscriber.id }, orderBy: { seq: "asc" } });
    expect(events.every((e) => e.ip === null && e.userAgent === null)).toBe(true);
    const erase = events.at(-1)!;
    expect(erase).toMatchObject({ type: "erase", actor: "subject", details: { reason: "subject-request" } });
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it("keeps a send in progress consistent: the person's queued delivery is skipped, counts still add up", async () => {
    const p = await personWithHistory("send");
    await eraseSubscriber({ subscriberId: p.subscriber.id, actor: "subject" });
    const rows = await db.delivery.findMany({ where: { sendId: p.send.id } });
    expect(rows).toHaveLength(2);
    const mine = rows.find((d) => d.subscriberId === null)!;
    expect(mine).toMatchObject({ status: "skipped", reason: "DENY_SUPPRESSED", subscriptionId: null, lockedBy: null });
    expect(rows.filter((d) => d.subscriberId !== null).map((d) => d.status)).toEqual(["queued"]);
    const sent = await db.delivery.findFirst({ where: { status: "sent", subscriberId: null } });
    expect(sent).toMatchObject({ smtpReply: null, subscriptionId: null });
  });

  it("is idempotent and writes an audit entry for an admin request", async () => {
    const p = await personWithHistory("idem");
    const r1 = await eraseSubscriber({ subscriberId: p.subscriber.id, actor: "user:u1", auditActor: { id: "u1", email: "admin@org.example" } });
    const events = await db.consentEvent.count();
    const r2 = await eraseSubscriber({ subscriberId: p.subscriber.id, actor: "user:u1", auditActor: { id: "u1", email: "admin@org.example" } });
    expect([r1, r2]).toEqual([{ erased: true }, { erased: false }]);
    expect(await db.consentEvent.count()).toBe(events);
    expect(await db.auditLog.findMany({ where: { action: "subscriber.erase" } })).toEqual([expect.objectContaining({ target: p.subscriber.id, actorId: "u1" })]);
    expect((await db.consentEvent.findFirst({ where: { subscriberId: p.subscriber.id, type: "erase" } }))?.details).toEqual({ reason: "admin-request" });
  });

  it("blocks again after a lifted suppression (the person had re-subscribed by double opt-in)", async () => {
    const p = await personWithHistory("lift");
    const keyHash = suppressionKey(p.email);
    await db.suppression.create({ data: { keyHash, scope: "all", reason: "withdrawal", at: new Date(Date.now() - 100 * day), liftedAt: new Date(Date.now() - 50 * day), liftedReason: "doi" } });
    await eraseSubscriber({ subscriberId: p.subscriber.id, actor: "subject" });
    expect(await db.suppression.findMany({ where: { keyHash } })).toEqual([expect.objectContaining({ scope: "all", reason: "erasure", liftedAt: null })]);
  });
});

describe("eraseSubscribersInTx (the purge's erasure)", () => {
  it("keeps the consent record as a tombstone without address or name until the proof period ends", async () => {
    const p = await personWithHistory("proof");
    // The purge only erases people whose subscriptions all ended.
    await db.subscription.updateMany({ where: { subscriberId: p.subscriber.id }, data: { status: "unsubscribed", unsubscribedAt: new Date() } });
    const until = new Date(Date.now() + 300 * day);
    const out = await db.$transaction((tx) =>
      eraseSubscribersInTx(tx, [{ subscriberId: p.subscriber.id, ...decideErasure({ kind: "purge", action: "erase", reason: "RET_PURPOSE_ENDED", keepProofUntil: until.toISOString(), deleteSubscriber: false }) }], { actor: "system" }));
    expect(out).toEqual([{ subscriberId: p.subscriber.id, outcome: "proof-kept" }]);
    expect(await findInAllTables([p.email, p.name])).toEqual([]);

    const tomb = await db.subscriber.findUniqueOrThrow({ where: { id: p.subscriber.id }, include: { subscriptions: true, purchases: true } });
    expect(isErasedTombstone(tomb.email)).toBe(true);
    expect(tomb.email).toContain(suppressionKey(p.email));
    expect(tomb.name).toBeNull();
    expect(tomb.purchases).toEqual([]);
    expect(tomb.subscriptions.map((s) => s.formVersionId).sort()).toEqual([p.fa.id, p.subscriptions[1].formVersionId].sort());
    expect(tomb.subscriptions.every((s) => s.proofReference === null)).toBe(true); // it quoted the name
    expect(await db.consentEvent.findFirst({ where: { subscriberId: p.subscriber.id, type: "erase" } })).toMatchObject({ details: { reason: "RET_PURPOSE_ENDED", keptProofUntil: until.toISOString() } });
    expect(await exportSubscriberData({ subscriberId: p.subscriber.id })).toBeNull();

    // Proof period over: the tombstone goes too, no second suppression entry is made from it.
    const suppressions = await db.suppression.count();
    await db.$transaction((tx) => eraseSubscribersInTx(tx, [{ subscriberId: p.subscriber.id, ...decideErasure({ kind: "purge", action: "erase-proof", reason: "RET_PROOF_EXPIRED", keepProofUntil: null, deleteSubscriber: true }) }], { actor: "system" }));
    expect(await db.subscriber.count({ where: { id: p.subscriber.id } })).toBe(0);
    expect(await db.suppression.count()).toBe(suppressions);
    expect(await db.suppression.count({ where: { keyHash: suppressionKey(p.email) } })).toBe(1);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it("a never-confirmed signup is deleted with nothing kept, not even a suppression entry", async () => {
    const { newsletter, formVersion } = await createNewsletterWithForm();
    const { subscriber } = await createSubscriber({ subscriptions: [{ newsletterId: newsletter.id, formVersionId: formVersion.id, status: "pending", createdAt: new Date(Date.now() - 20 * day) }] });
    await db.$transaction((tx) => eraseSubscribersInTx(tx, [{ subscriberId: subscriber.id, ...decideErasure({ kind: "purge", action: "delete-pending", reason: "RET_PENDING_EXPIRED", keepProofUntil: null, deleteSubscriber: true }) }], { actor: "system" }));
    expect(await suppressionsFor(db, subscriber.email)).toEqual([]);
    expect(await findInAllTables([subscriber.email])).toEqual([]);
    expect((await verifyLedger(db)).ok).toBe(true);
  });
});

describe("exportSubscriberData", () => {
  it("holds the profile, each subscription with the form text agreed to, events, purchases and deliveries; not the suppression list", async () => {
    const p = await personWithHistory("export");
    await db.suppression.create({ data: { keyHash: suppressionKey(p.email), scope: p.b.id, reason: "withdrawal" } });
    const data = (await exportSubscriberData({ subscriberId: p.subscriber.id, now: new Date("2026-01-01T00:00:00Z") }))!;
    expect(data.exportedAt).toBe("2026-01-01T00:00:00.000Z");
    expect(data.subscriber).toMatchObject({ email: p.email, name: p.name });
    expect(data.subscriptions).toHaveLength(2);
    const a = data.subscriptions.find((s) => s.newsletter.id === p.a.id)!;
    expect(a.consentSnapshot).toMatchObject({ formVersionId: p.fa.id, text: p.fa.renderedText, contentHash: p.fa.contentHash });
    expect(data.consentEvents.map((e) => e.type)).toEqual(["signup", "confirm", "signup", "confirm", "withdraw"]);
    expect(data.consentEvents[0].ip).toBe("192.0.2.10");
    expect(data.purchases).toHaveLength(1);
    expect(data.deliveries).toMatchObject({ total: 2, byStatus: { sent: 1, queued: 1 } });
    const json = JSON.stringify(data);
    expect(json).not.toContain(suppressionKey(p.email));
    expect(json).not.toMatch(/keyHash/);
  });

  it("returns null for an unknown subscriber", async () => {
    expect(await exportSubscriberData({ subscriberId: "nobody" })).toBeNull();
  });
});
