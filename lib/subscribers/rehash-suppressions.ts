// After a SUPPRESSION_KEY rotation (SUPPRESSION_KEY = the new key, SUPPRESSION_KEY_PREVIOUS = the old
// ones): moves the suppression rows of every address we still hold to the current key, in batches, one
// transaction each; idempotent. What it cannot move are rows whose address we no longer hold (erased
// subscribers, addresses an admin suppressed without them being subscribers): those stay matched only
// under the key that made them, so that key must stay in SUPPRESSION_KEY_PREVIOUS. Which key made a row
// is its keyId (a fingerprint of the key); rows written before keyIds were recorded have none, and
// without the address their key cannot be told, so they count as "still under a previous key" while any
// previous key is set. Nothing is ever deleted, except a row merged into the same address's row under
// the current key in the same scope (lib/subscribers/suppression.ts moveToCurrentKey).
import { db } from "../db/index.ts";
import { config } from "../config/index.ts";
import { ERASED_PREFIX } from "./erase-subscriber.ts";
import { moveToCurrentKey, suppressionKeyId } from "./suppression.ts";

export type RehashReport = {
  /** Subscribers whose address we hold (tombstones of erased ones have none). */
  subscribers: number;
  /** Rows moved from a previous key to the current key. */
  moved: number;
  /** Rows under a previous key folded into the same address's row under the current key, same scope. */
  merged: number;
  /** Rows of these subscribers that were already under the current key. */
  alreadyCurrent: number;
  /** After the run, over the whole list: rows under the current key (by keyId). */
  current: number;
  /** Rows whose keyId is a previous key's: their address is gone, only that key matches them. */
  underPrevious: number;
  /** Rows written before keyIds were recorded whose address we do not hold: made by some earlier key. */
  unknownLegacy: number;
  /** Rows whose keyId is neither the current nor a previous key's (a key no longer configured). Never deleted. */
  unknownKey: number;
  /** underPrevious + unknownLegacy when any previous key is set: the rows for which SUPPRESSION_KEY_PREVIOUS must stay. */
  stillNeedPrevious: number;
};

export async function rehashSuppressions(opts: { batchSize?: number; onBatch?: (done: number) => void } = {}): Promise<RehashReport> {
  const batchSize = opts.batchSize ?? 1000;
  const r = { subscribers: 0, moved: 0, merged: 0, alreadyCurrent: 0 };
  let cursor: string | undefined;
  for (;;) {
    const page = await db.subscriber.findMany({
      where: { NOT: { email: { startsWith: ERASED_PREFIX } }, ...(cursor ? { id: { gt: cursor } } : {}) },
      select: { id: true, email: true }, orderBy: { id: "asc" }, take: batchSize,
    });
    if (page.length === 0) break;
    cursor = page.at(-1)!.id;
    const m = await db.$transaction((tx) => moveToCurrentKey(tx, page.map((s) => s.email)), { timeout: 120_000 });
    r.subscribers += page.length;
    r.moved += m.moved;
    r.merged += m.merged;
    r.alreadyCurrent += m.alreadyCurrent;
    opts.onBatch?.(r.subscribers);
  }

  const currentId = suppressionKeyId();
  const previousIds = new Set(config().suppressionKeyPrevious.map((k) => suppressionKeyId(k)));
  const byKey = await db.suppression.groupBy({ by: ["keyId"], _count: { _all: true } });
  let current = 0, underPrevious = 0, unknownLegacy = 0, unknownKey = 0;
  for (const g of byKey) {
    const n = g._count._all;
    if (g.keyId === currentId) current += n;
    else if (g.keyId === null) unknownLegacy += n;
    else if (previousIds.has(g.keyId)) underPrevious += n;
    else unknownKey += n;
  }
  const stillNeedPrevious = underPrevious + (previousIds.size > 0 ? unknownLegacy : 0);
  return { ...r, current, underPrevious, unknownLegacy, unknownKey, stillNeedPrevious };
}

export function formatRehashReport(r: RehashReport, previousKeys: number): string {
  const lines = [
    `subscribers with an address: ${r.subscribers}`,
    `moved to the current key: ${r.moved} rows${r.merged ? ` (and ${r.merged} merged into the same address's row under the current key)` : ""}`,
    `already current: ${r.alreadyCurrent} rows`,
  ];
  if (previousKeys === 0) {
    lines.push("SUPPRESSION_KEY_PREVIOUS is not set: every lookup uses the current key only");
    if (r.unknownLegacy) lines.push(`${r.unknownLegacy} rows were written before key ids were recorded and their address is not held: if SUPPRESSION_KEY was ever changed, set the old key in SUPPRESSION_KEY_PREVIOUS`);
  } else if (r.stillNeedPrevious > 0) {
    const legacy = r.unknownLegacy ? ` (${r.unknownLegacy} of them written before key ids were recorded: which key made them cannot be told without the address)` : "";
    lines.push(`${r.stillNeedPrevious} rows still under a previous key (their address is erased): keep SUPPRESSION_KEY_PREVIOUS set${legacy}`);
  } else {
    lines.push("0 rows still under a previous key: SUPPRESSION_KEY_PREVIOUS can be removed (signed links in mails sent before the rotation then stop working)");
  }
  if (r.unknownKey) lines.push(`${r.unknownKey} rows under a key that is neither current nor previous: kept (never deleted); add that key to SUPPRESSION_KEY_PREVIOUS to match them again`);
  return lines.join("\n");
}
