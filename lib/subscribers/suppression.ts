// The suppression list (R-RET-SUPPRESSION-HASH): a keyed HMAC of the normalised address with a scope
// ("all" or a newsletter id) and a reason. It never holds the address, survives erasure, and is
// checked by the send gate, imports, API adds and signups.
import type { Db, Tx } from "../db/index.ts";
import { config } from "../config/index.ts";
import { hmacSha256 } from "../util/hash.ts";

export type SuppressionReason = "withdrawal" | "objection" | "erasure" | "bounce" | "complaint";

/** The key for a normalised address (normalise first: lib/subscribers/normalise-email). */
export function suppressionKey(normalisedEmail: string, key = config().suppressionKey): string {
  return hmacSha256(key, `suppression:${normalisedEmail}`);
}

/** Adds (or refreshes) an entry. The latest withdrawal date is kept, as a later DOI must post-date it. */
export async function suppress(client: Db | Tx, normalisedEmail: string, scope: string, reason: SuppressionReason, at = new Date()) {
  const keyHash = suppressionKey(normalisedEmail);
  return client.suppression.upsert({
    where: { keyHash_scope: { keyHash, scope } },
    create: { keyHash, scope, reason, at },
    update: { reason, at, liftedAt: null, liftedReason: null },
  });
}

/** Every entry for an address, for the rules module's `suppressions` facts. */
export async function suppressionsFor(client: Db | Tx, normalisedEmail: string) {
  return client.suppression.findMany({ where: { keyHash: suppressionKey(normalisedEmail) } });
}
