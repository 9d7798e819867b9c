// Erasure (AVG art. 17, R-RET-ON-END, R-RET-SUPPRESSION-HASH). In one transaction:
// - a suppression entry (scope "all", reason "erasure": a keyed HMAC, never the address) so the person
//   is never mailed or imported again; it survives the erasure. Skipped for a never-confirmed signup
//   (the address may be someone else's: nothing at all is kept, R-PENDING-EXPIRY);
// - Subscriptions, Purchases, Tokens (subjectId = the subscriber or one of its subscriptions), rate-limit
//   counters keyed by the address, and the Subscriber row are deleted;
// - Delivery rows keep their counts but lose subscriberId, subscriptionId and smtpReply (a reply may quote
//   the address); a still-queued delivery becomes `skipped`, so a send in progress stays consistent and
//   the sender never meets a recipient that no longer exists;
// - the person's ledger events lose ip/userAgent (the chain still verifies), and an `erase` event with no
//   personal data is appended (details: { reason, keptProofUntil? }).
//
// "The consent record" kept for proof (only when the PURGE erases and the policy's keepProofMonths says
// so; an erasure the person or an admin asks for keeps nothing but the suppression entry, catalogue §4.9):
// a tombstone Subscriber whose email is `erased:<suppression key>:<id>` (no address, no name, no country)
// with only its withdrawn Subscriptions (formVersionId, givenAt, confirmedAt, method, source, givenBy: the
// catalogue's proof record, R-CONSENT-PROOF), plus the ledger events keyed by the opaque subscriberId and
// the FormVersions they name. The suppression key lets an admin find the proof for a complaint about an
// address without storing it. When the period ends the purge erases the tombstone too (`erase-proof`).
import { db, dbProvider, type Tx } from "../db/index.ts";
import { insertRows, newId } from "../db/insert-rows.ts";
import { appendEvents, redactEvents, type NewEvent } from "../consent/ledger.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { suppressionKey } from "./suppression.ts";

export const ERASED_PREFIX = "erased:";

/** A subscriber row that is only the consent record kept after erasure (no address in it). */
export function isErasedTombstone(email: string): boolean {
  return email.startsWith(ERASED_PREFIX);
}

/** The tombstone email for a suppression key: what an admin searches for to find kept proof. */
export function tombstoneEmail(keyHash: string, subscriberId: string): string {
  return `${ERASED_PREFIX}${keyHash}:${subscriberId}`;
}

export type EraseItem = {
  subscriberId: string;
  /** Why, without personal data: "subject-request", "admin-request" or a RET_* reason of the purge. */
  reason: string;
  /** Add the suppression entry. False only for signups that were never confirmed. */
  suppress: boolean;
  /** Keep the consent record (a tombstone) until then; null/undefined = nothing but the suppression entry. */
  keepProofUntil?: Date | null;
};

export type EraseOutcome = { subscriberId: string; outcome: "erased" | "proof-kept" | "not-found" };

const chunk = <T>(xs: T[], n = 450): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/**
 * Erases many subscribers inside the caller's transaction (the purge passes a batch). Set-based, so a
 * batch costs a handful of statements, not a handful per person.
 */
export async function eraseSubscribersInTx(
  tx: Tx,
  items: EraseItem[],
  opts: { actor: string; at?: Date },
): Promise<EraseOutcome[]> {
  const at = opts.at ?? new Date();
  const outcomes: EraseOutcome[] = [];
  // SQLite binds at most 999 parameters per statement; a chunk's id lists stay well below that.
  for (const part of chunk(items, 400)) outcomes.push(...(await eraseChunk(tx, part, opts.actor, at)));
  return outcomes;
}

async function eraseChunk(tx: Tx, items: EraseItem[], actor: string, at: Date): Promise<EraseOutcome[]> {
  // Flat reads: Prisma's nested reads cost several times more per row, and the purge erases by the thousand.
  const rows = await tx.subscriber.findMany({ where: { id: { in: items.map((i) => i.subscriberId) } }, select: { id: true, email: true, name: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const found = items.filter((i) => byId.has(i.subscriberId));
  const ids = found.map((i) => i.subscriberId);
  if (ids.length === 0) return items.map((i) => ({ subscriberId: i.subscriberId, outcome: "not-found" as const }));
  const subscriptions = await tx.subscription.findMany({ where: { subscriberId: { in: ids } }, select: { id: true, subscriberId: true, proofReference: true } });

  // The suppression entry first: it is what keeps "unsubscribed = unsubscribed" once the address is gone.
  const keyOf = new Map<string, string>();
  for (const i of found) {
    const email = byId.get(i.subscriberId)!.email;
    if (!isErasedTombstone(email)) keyOf.set(i.subscriberId, suppressionKey(email));
  }
  const toSuppress = [...new Set(found.filter((i) => i.suppress && keyOf.has(i.subscriberId)).map((i) => keyOf.get(i.subscriberId)!))];
  if (toSuppress.length > 0) {
    const existing = await tx.suppression.findMany({ where: { keyHash: { in: toSuppress }, scope: "all" }, select: { keyHash: true, liftedAt: true } });
    const have = new Set(existing.map((e) => e.keyHash));
    const missing = toSuppress.filter((k) => !have.has(k));
    await insertRows(tx, "Suppression", { id: "text", keyHash: "text", scope: "text", reason: "text", at: "date" },
      missing.map((keyHash) => ({ id: newId(), keyHash, scope: "all", reason: "erasure", at })));
    // A lifted entry (the person re-subscribed by double opt-in) blocks again; an active one stays as it is.
    const lifted = existing.filter((e) => e.liftedAt !== null).map((e) => e.keyHash);
    if (lifted.length)
      await tx.suppression.updateMany({ where: { keyHash: { in: lifted }, scope: "all" }, data: { reason: "erasure", at, liftedAt: null, liftedReason: null } });
  }

  const subscriptionIds = subscriptions.map((s) => s.id);
  for (const part of chunk([...ids, ...subscriptionIds])) await tx.token.deleteMany({ where: { subjectId: { in: part } } });
  await tx.purchase.deleteMany({ where: { subscriberId: { in: ids } } });

  // A send in progress: its queued rows for these people are skipped now, so its counts stay whole.
  const suppressedIds = found.filter((i) => i.suppress).map((i) => i.subscriberId);
  const unsuppressedIds = found.filter((i) => !i.suppress).map((i) => i.subscriberId);
  const stripped = { subscriberId: null, subscriptionId: null, smtpReply: null };
  const skip = { ...stripped, status: "skipped" as const, lockedBy: null, lockedUntil: null };
  if (suppressedIds.length) await tx.delivery.updateMany({ where: { subscriberId: { in: suppressedIds }, status: "queued" }, data: { ...skip, reason: "DENY_SUPPRESSED" } });
  if (unsuppressedIds.length) await tx.delivery.updateMany({ where: { subscriberId: { in: unsuppressedIds }, status: "queued" }, data: { ...skip, reason: "DENY_NO_BASIS" } });
  await tx.delivery.updateMany({ where: { subscriberId: { in: ids } }, data: stripped });

  await deleteRateLimitCounters(tx, found.map((i) => byId.get(i.subscriberId)!.email).filter((e) => !isErasedTombstone(e)));
  await redactEvents(tx, ids);

  const keep = found.filter((i) => i.keepProofUntil && keyOf.has(i.subscriberId));
  const keepIds = new Set(keep.map((i) => i.subscriberId));
  const gone = ids.filter((id) => !keepIds.has(id));
  if (gone.length) await tx.subscriber.deleteMany({ where: { id: { in: gone } } });
  if (keep.length) {
    const kept = [...keepIds];
    // Only withdrawn consents are proof; a pending or still-active one is not kept.
    await tx.subscription.deleteMany({ where: { subscriberId: { in: kept }, status: { not: "unsubscribed" } } });
    // A free-text proof reference is kept (it points at paper or import proof) unless it quotes the person.
    const quoting = subscriptions.filter((s) => {
      if (!keepIds.has(s.subscriberId) || !s.proofReference) return false;
      const row = byId.get(s.subscriberId)!;
      const ref = s.proofReference.toLowerCase();
      return [row.email, row.name].some((x) => x && ref.includes(x.toLowerCase()));
    }).map((s) => s.id);
    if (quoting.length) await tx.subscription.updateMany({ where: { id: { in: quoting } }, data: { proofReference: null } });
    await tombstone(tx, kept.map((id) => ({ id, email: tombstoneEmail(keyOf.get(id)!, id) })), at);
  }

  const events: NewEvent[] = found.map((i) => ({
    type: "erase",
    at,
    subscriberId: i.subscriberId,
    actor,
    details: keepIds.has(i.subscriberId) ? { reason: i.reason, keptProofUntil: i.keepProofUntil!.toISOString() } : { reason: i.reason },
  }));
  await appendEvents(tx, events);

  return items.map((i) => ({
    subscriberId: i.subscriberId,
    outcome: !byId.has(i.subscriberId) ? "not-found" : keepIds.has(i.subscriberId) ? "proof-kept" : "erased",
  }));
}

// One UPDATE per chunk (a CASE over the ids) instead of one per person.
async function tombstone(tx: Tx, rows: { id: string; email: string }[], at: Date) {
  const pg = dbProvider() === "postgres";
  for (const part of chunk(rows, 200)) {
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), pg ? `$${params.length}` : "?");
    const cases = part.map((r) => `WHEN ${p(r.id)} THEN ${p(r.email)}`).join(" ");
    const when = pg ? `${p(at.toISOString().replace("Z", ""))}::timestamp(3)` : p(at.toISOString().replace("Z", "+00:00"));
    const list = part.map((r) => p(r.id)).join(", ");
    await tx.$executeRawUnsafe(
      `UPDATE "Subscriber" SET "email" = CASE "id" ${cases} END, "name" = NULL, "country" = NULL, "updatedAt" = ${when} WHERE "id" IN (${list})`,
      ...params,
    );
  }
}

// rate-limiter-flexible stores `<limiter>:<key>`; a limiter keyed by address would otherwise keep it.
async function deleteRateLimitCounters(tx: Tx, emails: string[]) {
  if (emails.length === 0) return;
  const keys = await tx.rateLimit.findMany({ where: { key: { contains: "@" } }, select: { key: true } });
  const wanted = new Set(emails.map((e) => e.toLowerCase()));
  const hits = keys.filter((k) => {
    const idx = k.key.indexOf(":");
    return idx >= 0 && wanted.has(k.key.slice(idx + 1).toLowerCase());
  });
  if (hits.length) await tx.rateLimit.deleteMany({ where: { key: { in: hits.map((k) => k.key) } } });
}

export type EraseSubscriberInput = {
  subscriberId: string;
  /** "subject" for the person's own "erase everything now", "user:<id>" for an admin acting on request. */
  actor: string;
  /** Staff member to record in the audit log (admin erasure on request). */
  auditActor?: AuditActor;
  at?: Date;
};

/**
 * Erasure on request (the preferences page, or an admin from the subscriber's page): everything goes
 * except the suppression entry; no proof is kept (catalogue §4.9). Idempotent: a second call finds nobody.
 */
export async function eraseSubscriber(input: EraseSubscriberInput): Promise<{ erased: boolean }> {
  return db.$transaction(async (tx) => {
    const reason = input.actor === "subject" ? "subject-request" : "admin-request";
    const [r] = await eraseSubscribersInTx(tx, [{ subscriberId: input.subscriberId, reason, suppress: true }], { actor: input.actor, at: input.at });
    const erased = r.outcome !== "not-found";
    if (erased && input.auditActor) await audit(tx, input.auditActor, "subscriber.erase", input.subscriberId, { reason });
    return { erased };
  });
}
