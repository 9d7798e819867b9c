// The suppression list (R-RET-SUPPRESSION-HASH): a keyed HMAC of the normalised address with a scope
// ("all" or a newsletter id) and a reason. It never holds the address, survives erasure, and is
// checked by the send gate, imports, API adds and signups.
//
// Key rotation: SUPPRESSION_KEY is the current key, SUPPRESSION_KEY_PREVIOUS the earlier ones. Every
// lookup matches the hash under any of them (suppressionKeys), so nobody who left is forgotten; every
// write uses the current key and first moves the address's rows under a previous key to it (same scope,
// reason, dates and lift kept), so there is never a second row for one address and scope.
// `npm run suppressions:rehash` moves the rows of every address we still hold; rows whose address is gone
// can only ever be matched under the key that made them. Each row records its key's fingerprint (keyId),
// which is how the rehash can say how many rows still need a previous key.
import type { Db, Tx } from "../db/index.ts";
import { config } from "../config/index.ts";
import { hmacSha256 } from "../util/hash.ts";
import { emitEvent } from "../webhooks/emit-event.ts";

export type SuppressionReason = "withdrawal" | "objection" | "erasure" | "bounce" | "complaint";

/** The key for a normalised address (normalise first: lib/subscribers/normalise-email). */
export function suppressionKey(normalisedEmail: string, key = config().suppressionKey): string {
  return hmacSha256(key, `suppression:${normalisedEmail}`);
}

/** The current key, then every SUPPRESSION_KEY_PREVIOUS key in order. */
export function suppressionSecrets(): string[] {
  const c = config();
  return [c.suppressionKey, ...c.suppressionKeyPrevious];
}

/** The hashes an address may be stored under: the current key's first, then each previous key's. Lookups match any. */
export function suppressionKeys(normalisedEmail: string): string[] {
  return suppressionSecrets().map((k) => suppressionKey(normalisedEmail, k));
}

/** The fingerprint of a key stored beside each hash (Suppression.keyId): tells which key made a row, reveals nothing of the key. */
export function suppressionKeyId(key = config().suppressionKey): string {
  return hmacSha256(key, "suppression-key-id").slice(0, 16);
}

export type MoveResult = { moved: number; merged: number; alreadyCurrent: number };

/**
 * Moves every row of these addresses that is under a previous key to the current key, in the caller's
 * transaction. A row keeps its scope, reason, dates and lift. Where the address already has a row under the
 * current key in that scope, the two become one: the later date (a later DOI must post-date it) and its
 * reason, active if either was active. Rows under the current key without a keyId get it. Idempotent.
 */
export async function moveToCurrentKey(client: Db | Tx, normalisedEmails: string[]): Promise<MoveResult> {
  const result: MoveResult = { moved: 0, merged: 0, alreadyCurrent: 0 };
  const [current, ...previous] = suppressionSecrets();
  const currentId = suppressionKeyId(current);
  const emails = [...new Set(normalisedEmails)];
  if (emails.length === 0) return result;
  const currentHashes = new Set(emails.map((e) => suppressionKey(e, current)));
  const target = new Map<string, string>(); // previous-key hash → current-key hash
  for (const e of emails) for (const k of previous) target.set(suppressionKey(e, k), suppressionKey(e, current));
  const rows = await client.suppression.findMany({ where: { keyHash: { in: [...currentHashes, ...target.keys()] } }, orderBy: { id: "asc" } });
  const slot = (keyHash: string, scope: string) => `${keyHash}\u0000${scope}`;
  const currentRows = new Map(rows.filter((r) => currentHashes.has(r.keyHash)).map((r) => [slot(r.keyHash, r.scope), r]));
  result.alreadyCurrent = currentRows.size;
  if (rows.some((r) => currentHashes.has(r.keyHash) && r.keyId !== currentId))
    await client.suppression.updateMany({ where: { keyHash: { in: [...currentHashes] }, OR: [{ keyId: null }, { keyId: { not: currentId } }] }, data: { keyId: currentId } });
  for (const row of rows) {
    const to = target.get(row.keyHash);
    if (!to) continue;
    const existing = currentRows.get(slot(to, row.scope));
    if (!existing) {
      const { count } = await client.suppression.updateMany({ where: { id: row.id, keyHash: row.keyHash }, data: { keyHash: to, keyId: currentId } });
      if (count) {
        result.moved++;
        currentRows.set(slot(to, row.scope), { ...row, keyHash: to, keyId: currentId });
      }
      continue;
    }
    const later = row.at > existing.at ? row : existing;
    const active = !row.liftedAt || !existing.liftedAt;
    const merged = { reason: later.reason, at: later.at, liftedAt: active ? null : later.liftedAt, liftedReason: active ? null : later.liftedReason };
    await client.suppression.update({ where: { id: existing.id }, data: merged });
    const { count } = await client.suppression.deleteMany({ where: { id: row.id, keyHash: row.keyHash } });
    if (count) result.merged++;
    currentRows.set(slot(to, row.scope), { ...existing, ...merged });
  }
  return result;
}

/** Adds (or refreshes) an entry, and tells the webhooks (suppression.added). The latest withdrawal date is
 *  kept, as a later DOI must post-date it. */
export async function suppress(client: Db | Tx, normalisedEmail: string, scope: string, reason: SuppressionReason, at = new Date(), channel: string | null = null) {
  const keyHash = suppressionKey(normalisedEmail);
  const keyId = suppressionKeyId();
  if (config().suppressionKeyPrevious.length) await moveToCurrentKey(client, [normalisedEmail]);
  const row = await client.suppression.upsert({
    where: { keyHash_scope: { keyHash, scope } },
    create: { keyHash, keyId, scope, reason, at, channel },
    update: { keyId, reason, at, channel, liftedAt: null, liftedReason: null },
  });
  const subscriber = await client.subscriber.findUnique({ where: { email: normalisedEmail }, select: { id: true } });
  await emitEvent(client, { type: "suppression.added", data: { reason, scope, subscriberId: subscriber?.id ?? null }, email: normalisedEmail }, at);
  return row;
}

/** Every entry for an address (under the current or a previous key), for the rules module's `suppressions` facts. */
export async function suppressionsFor(client: Db | Tx, normalisedEmail: string) {
  return client.suppression.findMany({ where: { keyHash: { in: suppressionKeys(normalisedEmail) } } });
}
