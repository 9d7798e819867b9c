// Erasure (AVG art. 17, R-RET-ON-END, R-RET-SUPPRESSION-HASH). In one transaction:
// - a suppression entry (scope "all", reason "erasure": a keyed HMAC, never the address) so the person
//   is never mailed or imported again; it survives the erasure. Skipped for a never-confirmed signup
//   (the address may be someone else's: nothing at all is kept, R-PENDING-EXPIRY);
// - Subscriptions, Purchases, Tokens (subjectId = the subscriber or one of its subscriptions), rate-limit
//   counters keyed by the address, webhook deliveries about them, and the Subscriber row are deleted;
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
//
// What is kept (suppression entry or not, proof or not) and the code a skipped queued delivery gets are
// lib/rules decideErasure's answer, carried on each EraseItem; this file only carries them out.
import { db, type Tx } from "../db/index.ts";
import { newId, rawExec as exec, rawQuery as query } from "../db/insert-rows.ts";
import { appendEvents, redactEvents, type NewEvent } from "../consent/ledger.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { moveToCurrentKey, suppressionKey, suppressionKeyId, suppressionSecrets } from "./suppression.ts";
import { decideErasure, type ErasureDecision } from "../rules/index.ts";
import { rateLimitRowKey } from "../security/rate-limit.ts";

export const ERASED_PREFIX = "erased:";

/** A subscriber row that is only the consent record kept after erasure (no address in it). */
export function isErasedTombstone(email: string): boolean {
  return email.startsWith(ERASED_PREFIX);
}

/** The tombstone email for a suppression key: what an admin searches for to find kept proof. */
export function tombstoneEmail(keyHash: string, subscriberId: string): string {
  return `${ERASED_PREFIX}${keyHash}:${subscriberId}`;
}

/** One person to erase, with lib/rules decideErasure's answer for them. */
export type EraseItem = { subscriberId: string } & ErasureDecision;

export type EraseOutcome = { subscriberId: string; outcome: "erased" | "proof-kept" | "not-found" };

/**
 * Erases many subscribers inside the caller's transaction (the purge passes a batch). Set-based raw SQL,
 * the id lists passed as one JSON parameter each: a batch of any size costs a dozen or two statements, not
 * a handful per person or per few hundred people (a Prisma statement costs ~0.5 ms here, and the purge
 * erases by the hundred thousand).
 */
export async function eraseSubscribersInTx(
  tx: Tx,
  items: EraseItem[],
  opts: { actor: string; at?: Date },
): Promise<EraseOutcome[]> {
  const at = opts.at ?? new Date();
  const rows = await query<{ id: string; email: string; name: string | null }>(tx, (q) =>
    `SELECT "id", "email", "name" FROM "Subscriber" WHERE "id" IN (${q.list(items.map((i) => i.subscriberId))})`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const found = items.filter((i) => byId.has(i.subscriberId));
  const ids = found.map((i) => i.subscriberId);
  if (ids.length === 0) return items.map((i) => ({ subscriberId: i.subscriberId, outcome: "not-found" as const }));

  // The suppression entry first: it is what keeps "unsubscribed = unsubscribed" once the address is gone.
  const keyOf = new Map<string, string>();
  for (const i of found) {
    const email = byId.get(i.subscriberId)!.email;
    if (!isErasedTombstone(email)) keyOf.set(i.subscriberId, suppressionKey(email));
  }
  const suppressed = found.filter((i) => i.suppress && keyOf.has(i.subscriberId));
  const toSuppress = [...new Set(suppressed.map((i) => keyOf.get(i.subscriberId)!))];
  // Their rows under a previous SUPPRESSION_KEY move to the current key first: one row per scope, and
  // this is the last moment we know the address.
  if (suppressed.length > 0 && suppressionSecrets().length > 1) await moveToCurrentKey(tx, suppressed.map((i) => byId.get(i.subscriberId)!.email));
  // A missing entry is added; a lifted one (the person re-subscribed by double opt-in) blocks again; an
  // active one stays as it is. (`WHERE true` lets SQLite parse ON CONFLICT after a SELECT.)
  if (toSuppress.length > 0)
    await exec(tx, (q) => `INSERT INTO "Suppression" ("id", "keyHash", "keyId", "scope", "reason", "at")
      SELECT t."id", t."keyHash", ${q.value(suppressionKeyId())}, 'all', 'erasure', ${q.date(at)} FROM (${q.rows(toSuppress.map((keyHash) => ({ id: newId(), keyHash })), ["id", "keyHash"])}) AS t WHERE true
      ON CONFLICT ("keyHash", "scope") DO UPDATE SET "reason" = 'erasure', "at" = excluded."at", "liftedAt" = NULL, "liftedReason" = NULL
      WHERE "Suppression"."liftedAt" IS NOT NULL`);

  // Tokens name the subscriber or one of its subscriptions.
  await exec(tx, (q) => `DELETE FROM "Token" WHERE "subjectId" IN (${q.list(ids)})
    OR "subjectId" IN (SELECT "id" FROM "Subscription" WHERE "subscriberId" IN (${q.list(ids)}))`);
  await exec(tx, (q) => `DELETE FROM "Purchase" WHERE "subscriberId" IN (${q.list(ids)})`);
  // Webhook deliveries about them: an "ids + address" endpoint's bodies hold the address (lib/webhooks).
  await exec(tx, (q) => `DELETE FROM "WebhookDelivery" WHERE "subscriberId" IN (${q.list(ids)})`);

  // Delivery rows keep their counts but lose who and the SMTP reply. A send in progress: its queued rows
  // for these people are skipped now, so its counts stay whole (SET reads the row as it was).
  // Each queued row gets its person's skip reason (decideErasure); people are grouped by it.
  const bySkip = new Map<string, string[]>();
  for (const i of found) bySkip.set(i.skipQueuedAs, [...(bySkip.get(i.skipQueuedAs) ?? []), i.subscriberId]);
  await exec(tx, (q) => {
    const queued = `"status" = 'queued'`;
    const skip = [...bySkip].map(([code, who]) => `WHEN "subscriberId" IN (${q.list(who)}) THEN ${q.value(code)}`).join(" ");
    return `UPDATE "Delivery" SET
      "reason" = CASE WHEN ${queued} THEN (CASE ${skip} END) ELSE "reason" END,
      "status" = CASE WHEN ${queued} THEN 'skipped' ELSE "status" END,
      "lockedBy" = CASE WHEN ${queued} THEN NULL ELSE "lockedBy" END,
      "lockedUntil" = CASE WHEN ${queued} THEN NULL ELSE "lockedUntil" END,
      "subscriberId" = NULL, "subscriptionId" = NULL, "smtpReply" = NULL, "updatedAt" = ${q.date(new Date())}
      WHERE "subscriberId" IN (${q.list(ids)})`;
  });

  await deleteRateLimitCounters(tx, found.map((i) => byId.get(i.subscriberId)!.email).filter((e) => !isErasedTombstone(e)));
  await redactEvents(tx, ids);

  const keep = found.filter((i) => i.keepProofUntil && keyOf.has(i.subscriberId));
  const keepIds = new Set(keep.map((i) => i.subscriberId));
  const gone = ids.filter((id) => !keepIds.has(id));
  // Subscriptions go with the row (ON DELETE CASCADE).
  if (gone.length) await exec(tx, (q) => `DELETE FROM "Subscriber" WHERE "id" IN (${q.list(gone)})`);
  if (keep.length) await tombstone(tx, [...keepIds], byId, keyOf, at);

  const events: NewEvent[] = found.map((i) => ({
    type: "erase",
    at,
    subscriberId: i.subscriberId,
    actor: opts.actor,
    details: keepIds.has(i.subscriberId) ? { reason: i.reason, keptProofUntil: new Date(i.keepProofUntil!).toISOString() } : { reason: i.reason },
  }));
  await appendEvents(tx, events);

  return items.map((i) => ({
    subscriberId: i.subscriberId,
    outcome: !byId.has(i.subscriberId) ? "not-found" : keepIds.has(i.subscriberId) ? "proof-kept" : "erased",
  }));
}

// The consent record kept for proof: only withdrawn consents, a proof reference only if it does not quote
// the person, and the row itself without address, name or country.
async function tombstone(tx: Tx, kept: string[], byId: Map<string, { email: string; name: string | null }>, keyOf: Map<string, string>, at: Date) {
  await exec(tx, (q) => `DELETE FROM "Subscription" WHERE "subscriberId" IN (${q.list(kept)}) AND "status" <> 'unsubscribed'`);
  const refs = await query<{ id: string; subscriberId: string; proofReference: string }>(tx, (q) =>
    `SELECT "id", "subscriberId", "proofReference" FROM "Subscription" WHERE "subscriberId" IN (${q.list(kept)}) AND "proofReference" IS NOT NULL`);
  const quoting = refs.filter((s) => {
    const row = byId.get(s.subscriberId)!;
    const ref = s.proofReference.toLowerCase();
    return [row.email, row.name].some((x) => x && ref.includes(x.toLowerCase()));
  }).map((s) => s.id);
  if (quoting.length) await exec(tx, (q) => `UPDATE "Subscription" SET "proofReference" = NULL, "updatedAt" = ${q.date(new Date())} WHERE "id" IN (${q.list(quoting)})`);
  const emails = kept.map((id) => ({ id, email: tombstoneEmail(keyOf.get(id)!, id) }));
  await exec(tx, (q) => `UPDATE "Subscriber" SET "email" = t."email", "name" = NULL, "country" = NULL, "updatedAt" = ${q.date(at)}
    FROM (${q.rows(emails, ["id", "email"])}) AS t WHERE "Subscriber"."id" = t."id"`);
}

// rate-limiter-flexible stores `<limiter>:<key>`, our keys hashed (lib/security/rate-limit.ts); the counters
// keyed by an address (confirmation mails per address, sign-in links per address) and plain ones written
// before keys were hashed would otherwise keep it.
async function deleteRateLimitCounters(tx: Tx, emails: string[]) {
  if (emails.length === 0) return;
  const keys = await query<{ key: string }>(tx, () => `SELECT "key" FROM "RateLimit" WHERE "key" LIKE '%@%'`);
  const wanted = new Set(emails.map((e) => e.toLowerCase()));
  const hits = keys.filter((k) => {
    const idx = k.key.indexOf(":");
    return idx >= 0 && wanted.has(k.key.slice(idx + 1).toLowerCase());
  }).map((k) => k.key);
  // Counters made under a previous SUPPRESSION_KEY too (they expire within hours, but erasure is now).
  hits.push(...emails.flatMap((e) => suppressionSecrets().flatMap((k) => [rateLimitRowKey("signup-mail-addr", suppressionKey(e, k), k), rateLimitRowKey("login-addr", e, k)])));
  await exec(tx, (q) => `DELETE FROM "RateLimit" WHERE "key" IN (${q.list(hits)})`);
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
    const erasure = decideErasure({ kind: input.actor === "subject" ? "subject-request" : "admin-request" });
    const [r] = await eraseSubscribersInTx(tx, [{ subscriberId: input.subscriberId, ...erasure }], { actor: input.actor, at: input.at });
    const erased = r.outcome !== "not-found";
    if (erased && input.auditActor) await audit(tx, input.auditActor, "subscriber.erase", input.subscriberId, { reason: erasure.reason });
    return { erased };
  });
}
