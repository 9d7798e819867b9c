// The consent ledger: an append-only hash chain of ConsentEvents (design.md, "The one idea").
// Each event's hash covers the previous hash and every field except ip/userAgent, which are covered
// through piiDigest: erasure may blank them (redaction) and the chain still verifies, while any edit
// of a kept value, a deleted event or a reordering is detected.
import type { Db, Tx } from "../db/index.ts";
import { dbProvider } from "../db/index.ts";
import { eventHash, eventHashOf, GENESIS_HASH, piiDigestOf, type HashedFields } from "./event-hash.ts";
import { describeHead, loadHeads, type HeadCheck } from "./ledger-heads.ts";
import { insertRows, newId, rawExec } from "../db/insert-rows.ts";
import { isoOfStored, storedDateColumn } from "./stored-date.ts";

export { GENESIS_HASH };

export type ConsentEventType =
  | "signup"
  | "confirm"
  | "withdraw"
  | "objection"
  | "import"
  | "erase"
  | "redact"
  | "suppression_lifted"
  | "purchase"
  | "optin_sent"
  | "optin_resent"
  | "repermission_sent"
  | "repermission"
  | "admin_change"
  | "bounce";

export type NewEvent = {
  type: ConsentEventType;
  at?: Date;
  subscriberId?: string | null;
  subscriptionId?: string | null;
  newsletterIds?: string[] | null;
  formVersionId?: string | null;
  actor: string;
  details?: Record<string, unknown> | null;
  ip?: string | null;
  userAgent?: string | null;
};

export { eventHash, piiDigestOf };

/**
 * Appends one event. Call it with the transaction that makes the state change it records, so the
 * change and its proof commit together. On PostgreSQL an advisory lock serialises appenders; SQLite
 * has a single writer already. The unique seq guards against a fork either way.
 */
export async function appendEvent(tx: Tx, event: NewEvent) {
  const [row] = await chainEvents(tx, [event]);
  return tx.consentEvent.create({ data: row });
}

/** Appends many events in order with one read and multi-row inserts (the purge erases thousands per batch). */
export async function appendEvents(tx: Tx, events: NewEvent[]) {
  if (events.length === 0) return { count: 0 };
  const rows = (await chainEvents(tx, events)).map((r) => ({ id: newId(), ...r }));
  return { count: await insertRows(tx, "ConsentEvent", EVENT_COLUMNS, rows) };
}

const EVENT_COLUMNS = {
  id: "text", seq: "int", type: "text", at: "date", subscriberId: "text", subscriptionId: "text", newsletterIds: "json",
  formVersionId: "text", actor: "text", details: "json", ip: "text", userAgent: "text", piiDigest: "text", prevHash: "text", hash: "text",
} as const;

async function chainEvents(tx: Tx, events: NewEvent[]) {
  if (dbProvider() === "postgres") await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(7301)");
  const last = await tx.consentEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  return events.map((event) => {
    const fields: HashedFields = {
      seq: ++seq,
      type: event.type,
      at: event.at ?? new Date(),
      subscriberId: event.subscriberId ?? null,
      subscriptionId: event.subscriptionId ?? null,
      newsletterIds: event.newsletterIds ?? null,
      formVersionId: event.formVersionId ?? null,
      actor: event.actor,
      details: event.details ?? null,
      piiDigest: piiDigestOf(event.ip, event.userAgent),
    };
    const hash = eventHash(prevHash, fields);
    const row = {
      ...fields,
      newsletterIds: fields.newsletterIds ?? undefined,
      details: fields.details ?? undefined,
      ip: event.ip ?? null,
      userAgent: event.userAgent ?? null,
      prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
}

export type VerifyResult =
  | { ok: true; events: number; lastHash: string; heads: number; /** heads whose RFC 3161 token was checked */ timestamped: number }
  | { ok: false; events: number; brokenAt: number; problem: string; head?: { id: string; seq: number; signedAt: string } };

type LedgerRow = Omit<HashedFields, "at"> & { at: Date | string; ip: string | null; userAgent: string | null; prevHash: string; hash: string };

// Raw SQL: the rows come back deserialised as the model's would (parsed JSON, numbers), at a fraction of
// findMany's cost per row, which matters at millions of events (bench/export.ts).
function ledgerPage(client: Db, fromSeq: number, limit: number): Promise<LedgerRow[]> {
  const pg = dbProvider() === "postgres";
  return client.$queryRawUnsafe<LedgerRow[]>(
    `SELECT "seq", "type", ${storedDateColumn(pg, `"at"`, "at")}, "subscriberId", "subscriptionId", "newsletterIds",
       "formVersionId", "actor", "details", "ip", "userAgent", "piiDigest", "prevHash", "hash"
     FROM "ConsentEvent" WHERE "seq" >= ${pg ? "$1" : "?"} ORDER BY "seq" LIMIT ${pg ? "$2" : "?"}`,
    fromSeq,
    limit,
  );
}

/** `at` as Prisma reads it, for the rare row whose stored text isoOfStored does not take. */
async function atViaPrisma(client: Db, seq: number): Promise<string> {
  return (await client.consentEvent.findUniqueOrThrow({ where: { seq }, select: { at: true } })).at.toISOString();
}

/**
 * Walks the whole chain in seq order (in pages, so a million events stay cheap) and reports the first broken
 * link: every event's hash is recomputed from its stored fields and checked against the previous one's.
 * Then every stored signed head (ledger-heads.ts) is held against the chain: its signature must verify with
 * this install's key, and the chain must still hold an event at the head's seq with the head's hash. So
 * deleting the newest events after a head was signed, or rewriting the chain consistently, is reported too,
 * naming the head.
 */
export async function verifyLedger(client: Db, pageSize = 5000): Promise<VerifyResult> {
  const { heads, badSignature, timestamped } = await loadHeads(client);
  const headFailure = (h: HeadCheck, problem: string, events: number): VerifyResult => ({
    ok: false, events, brokenAt: h.seq, problem, head: { id: h.id, seq: h.seq, signedAt: h.signedAt.toISOString() },
  });
  if (badSignature) return headFailure(badSignature.head, badSignature.problem, 0);
  let h = 0; // heads[h] is the next head to meet in the walk (heads are in seq order)
  for (; h < heads.length && heads[h].seq === 0; h++)
    if (heads[h].hash !== GENESIS_HASH) return headFailure(heads[h], `${describeHead(heads[h])}: an empty ledger's head must be the genesis hash`, 0);
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const page = await ledgerPage(client, expectedSeq, pageSize);
    for (const e of page) {
      if (e.seq !== expectedSeq)
        return { ok: false, events: count, brokenAt: expectedSeq, problem: `event ${expectedSeq} is missing (next is ${e.seq})` };
      if (e.prevHash !== prevHash)
        return { ok: false, events: count, brokenAt: e.seq, problem: `event ${e.seq} does not follow event ${e.seq - 1} (previous hash differs)` };
      if ((e.ip || e.userAgent) && piiDigestOf(e.ip, e.userAgent) !== e.piiDigest)
        return { ok: false, events: count, brokenAt: e.seq, problem: `event ${e.seq}: ip or user agent was edited` };
      const at = isoOfStored(e.at) ?? (await atViaPrisma(client, e.seq));
      if (eventHashOf(prevHash, e, at) !== e.hash)
        return { ok: false, events: count, brokenAt: e.seq, problem: `event ${e.seq} was edited (hash differs)` };
      prevHash = e.hash;
      expectedSeq++;
      count++;
      for (; h < heads.length && heads[h].seq === e.seq; h++)
        if (heads[h].hash !== e.hash)
          return headFailure(heads[h], `${describeHead(heads[h])}: event ${e.seq} no longer has the signed hash (the chain was rewritten)`, count);
    }
    if (page.length < pageSize) break;
  }
  if (h < heads.length)
    return headFailure(heads[h], `${describeHead(heads[h])}: the chain ends at event ${count}, the head was signed at event ${heads[h].seq} (newest events deleted)`, count);
  return { ok: true, events: count, lastHash: prevHash, heads: heads.length, timestamped };
}

/** Blanks the personal fields (ip, user agent) of a subscriber's (or many's) events; the chain still verifies. */
export async function redactEvents(tx: Tx, subscriberId: string | string[]) {
  const ids = Array.isArray(subscriberId) ? subscriberId : [subscriberId];
  if (ids.length === 0) return { count: 0 };
  // One statement for any number of people (the ids travel as one JSON parameter): the purge redacts by the ten thousand.
  const count = await rawExec(tx, (q) =>
    `UPDATE "ConsentEvent" SET "ip" = NULL, "userAgent" = NULL WHERE "subscriberId" IN (${q.list(ids)}) AND ("ip" IS NOT NULL OR "userAgent" IS NOT NULL)`);
  return { count };
}
