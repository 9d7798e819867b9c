// Ledger events as exports carry them (format: lib/export/README.md): every field the event's hash covers, as
// stored, plus ip and user agent (covered through piiDigest), prevHash (the link to the event before) and hash,
// so anyone can recompute each hash (lib/export/verify-proof.ts) without our database.
import type { Db } from "../db/index.ts";
import { rawQuery } from "../db/insert-rows.ts";
import { isoOfStored, storedDateColumn } from "../consent/stored-date.ts";

export type ProofEvent = {
  seq: number; type: string; at: string; subscriberId: string | null; subscriptionId: string | null; newsletterIds: unknown;
  formVersionId: string | null; actor: string; details: unknown; ip: string | null; userAgent: string | null; piiDigest: string | null;
  prevHash: string; hash: string;
};

type StoredEvent = Omit<ProofEvent, "at"> & { at: Date | string };

/** An event row (Prisma's or raw) in the exported shape and key order. */
export function proofEvent(e: StoredEvent, atIso?: string): ProofEvent {
  return {
    seq: e.seq, type: e.type, at: atIso ?? (e.at instanceof Date ? e.at.toISOString() : e.at), subscriberId: e.subscriberId, subscriptionId: e.subscriptionId,
    newsletterIds: e.newsletterIds ?? null, formVersionId: e.formVersionId, actor: e.actor, details: e.details ?? null, ip: e.ip, userAgent: e.userAgent,
    piiDigest: e.piiDigest, prevHash: e.prevHash, hash: e.hash,
  };
}

/**
 * One page of events with afterSeq < seq <= upToSeq in seq order: all of them, or only those of the subscribers
 * of one newsletter. Raw SQL (as verifyLedger's walk): a bulk export may carry millions.
 */
export async function readProofEvents(client: Db, opts: { afterSeq: number; upToSeq: number; newsletterId: string | null; limit: number }): Promise<ProofEvent[]> {
  const rows = await rawQuery<StoredEvent>(client, (q) =>
    `SELECT "seq", "type", ${storedDateColumn(q.pg, `"at"`, "at")}, "subscriberId", "subscriptionId", "newsletterIds", "formVersionId", "actor",
       "details", "ip", "userAgent", "piiDigest", "prevHash", "hash"
     FROM "ConsentEvent" WHERE "seq" > ${q.value(opts.afterSeq)} AND "seq" <= ${q.value(opts.upToSeq)}
     ${opts.newsletterId ? `AND "subscriberId" IN (SELECT "subscriberId" FROM "Subscription" WHERE "newsletterId" = ${q.value(opts.newsletterId)})` : ""}
     ORDER BY "seq" LIMIT ${q.value(opts.limit)}`);
  const out: ProofEvent[] = [];
  for (const r of rows) {
    // the rare date stored in another form than Prisma's: read as Prisma reads it (as verifyLedger does)
    const at = isoOfStored(r.at) ?? (await client.consentEvent.findUniqueOrThrow({ where: { seq: r.seq }, select: { at: true } })).at.toISOString();
    out.push(proofEvent(r, at));
  }
  return out;
}
