// The offline verifier of exported proof (`npm run proof:verify -- FILE`): a bulk NDJSON export
// (proofmail.consent-export), a per-subscriber JSON proof (proofmail.consent-proof) or a complaint dossier
// (proofmail.complaint-dossier, which carries its events and head the same way), checked with no
// database: every event's hash is recomputed from its fields, the chain links between consecutive events are
// followed, and the signed ledger head at the end is checked with the Ed25519 public key (the one in the file,
// or the one given, e.g. from /.well-known/proofmail-ledger.json). The first bad event is named.
// A head stamped by an RFC 3161 timestamp authority (`timestampedHead`, or a `timestamp` on the head itself) is
// checked too: its own signature, the token's imprint against the statement, the authority's signature with the
// certificate the token carries, and that the events in the file agree with it.
// Pure on purpose: no Prisma, no configuration; only node:crypto, pkijs and the same hashing code the ledger uses.
// The format is documented in lib/export/README.md, for anyone who writes their own verifier.
import type { KeyObject } from "node:crypto";
import { eventHashOf, GENESIS_HASH, piiDigestOf } from "../consent/event-hash.ts";
import { keyIdOf, parsePublicKey, statementBytes, verifyStatement, type HeadStatement, type SignedHead } from "../consent/head-statement.ts";
import { checkTimestampToken } from "../consent/timestamp-token.ts";
import { verifySeal, type DossierSeal } from "./dossier-seal.ts";

/** What an RFC 3161 timestamp in the file showed: the head it stamps, when, and how far the authority was checked. */
export type TimestampVerdict = { seq: number; at: string; signature: "verified" | "absent"; tsa: { name: string | null; certSha256: string } | null };

export type ProofVerdict =
  | { ok: true; kind: string; scope: Scope; events: number; head: HeadStatement; keySource: "file" | "given"; timestamps: TimestampVerdict[] }
  | { ok: false; problem: string; seq?: number };

/** complete: every event from 1 to the head's seq (an unfiltered bulk export); subset: some of them. */
type Scope = "complete" | "subset";

const HEX64 = /^[0-9a-f]{64}$/;

const fail = (problem: string, seq?: number): ProofVerdict => ({ ok: false, problem, seq });

/** Where an event sits in the file, for messages: its line (NDJSON) or its index in `events` (JSON). */
type Located = { event: Record<string, unknown>; where: string };

/**
 * Checks one event: its hash from its own fields, and piiDigest against ip and user agent when they are
 * present (erasure may have blanked them; then piiDigest stands for them). Returns a problem or null.
 */
function checkEvent({ event: e, where }: Located): string | null {
  if (!Number.isInteger(e.seq) || (e.seq as number) < 1) return `${where}: seq must be a positive whole number`;
  for (const k of ["prevHash", "hash"] as const) if (typeof e[k] !== "string" || !HEX64.test(e[k] as string)) return `${where}: ${k} is not a sha256 hex digest`;
  if (typeof e.at !== "string" || typeof e.type !== "string" || typeof e.actor !== "string") return `${where}: type, at and actor must be strings`;
  const ip = (e.ip ?? null) as string | null, ua = (e.userAgent ?? null) as string | null;
  if ((ip || ua) && piiDigestOf(ip, ua) !== e.piiDigest) return `${where}: ip or user agent was changed (piiDigest differs)`;
  const fields = {
    seq: e.seq as number, type: e.type as string, subscriberId: (e.subscriberId ?? null) as string | null, subscriptionId: (e.subscriptionId ?? null) as string | null,
    newsletterIds: e.newsletterIds ?? null, formVersionId: (e.formVersionId ?? null) as string | null, actor: e.actor as string, details: e.details ?? null,
    piiDigest: (e.piiDigest ?? null) as string | null,
  };
  if (eventHashOf(e.prevHash as string, fields, e.at as string) !== e.hash) return `${where}: the event was changed (its hash differs from its fields)`;
  return null;
}

/** The keys given: one key, or the well-known document ({ keys: [{ keyId, alg, publicKey }] }) with any number. */
function readKeys(text: string): KeyObject[] {
  const t = text.trim();
  if (t.startsWith("{")) {
    const doc = JSON.parse(t) as { keys?: { publicKey?: string }[] };
    const keys = (doc.keys ?? []).map((k) => parsePublicKey(String(k.publicKey ?? "")));
    if (keys.length === 0) throw new Error("no keys in the key document");
    return keys;
  }
  return [parsePublicKey(t)];
}

/** The core: events in file order, the scope they claim, and the signed head that closes the file. */
export function verifyEvents(events: Located[], scope: Scope, head: unknown, opts: { publicKey?: string } = {}): ProofVerdict {
  let prev: Record<string, unknown> | null = null;
  for (const located of events) {
    const e = located.event;
    const problem = checkEvent(located);
    if (problem) return fail(problem, typeof e.seq === "number" ? e.seq : undefined);
    const seq = e.seq as number;
    if (prev) {
      const prevSeq = prev.seq as number;
      if (seq <= prevSeq) return fail(`${located.where}: out of order (event ${seq} after event ${prevSeq})`, seq);
      if (scope === "complete" && seq !== prevSeq + 1) return fail(`${located.where}: event ${prevSeq + 1} is missing (next is ${seq})`, prevSeq + 1);
      if (seq === prevSeq + 1 && e.prevHash !== prev.hash) return fail(`${located.where}: event ${seq} does not follow event ${prevSeq} (prevHash differs)`, seq);
    } else if (scope === "complete") {
      if (seq !== 1) return fail(`${located.where}: event 1 is missing (the first event is ${seq})`, 1);
      if (e.prevHash !== GENESIS_HASH) return fail(`${located.where}: event 1 does not start the chain (prevHash is not the genesis hash)`, 1);
    } else if (seq === 1 && e.prevHash !== GENESIS_HASH) return fail(`${located.where}: event 1 does not start the chain (prevHash is not the genesis hash)`, 1);
    prev = e;
  }

  // The signed head
  const h = head as Partial<SignedHead> | null | undefined;
  if (!h || h.type !== "ledger-head" || !h.statement) return fail("the signed ledger head is missing (the file must end with it)");
  const headProblem = checkSignedHead(h, "the ledger head", opts);
  if (headProblem) return fail(headProblem);
  const s = h.statement as HeadStatement;

  // The events against the head
  const last = prev;
  for (const { event: e, where } of events)
    if ((e.seq as number) > (s.seq as number)) return fail(`${where}: event ${e.seq} is after the signed head (seq ${s.seq})`, e.seq as number);
  if (scope === "complete") {
    const lastSeq = (last?.seq as number | undefined) ?? 0, lastHash = (last?.hash as string | undefined) ?? GENESIS_HASH;
    if (lastSeq !== s.seq) return fail(`the chain ends at event ${lastSeq}, the signed head is at event ${s.seq} (events missing at the end)`, lastSeq + 1);
    if (lastHash !== s.hash) return fail(`event ${lastSeq} does not have the signed head's hash`, lastSeq);
  } else if (last && last.seq === s.seq && last.hash !== s.hash) return fail(`event ${last.seq} does not have the signed head's hash`, last.seq as number);
  return { ok: true, kind: "", scope, events: events.length, head: s, keySource: opts.publicKey ? "given" : "file", timestamps: [] };
}

/** A signed head's form and Ed25519 signature, with the given keys or else the head's own; a problem or null. */
function checkSignedHead(h: Partial<SignedHead>, name: string, opts: { publicKey?: string }): string | null {
  const s = h.statement as Partial<HeadStatement> | undefined;
  if (!s || s.ledger !== "proofmail" || !Number.isInteger(s.seq) || typeof s.hash !== "string" || typeof s.at !== "string" || typeof s.keyId !== "string")
    return `${name} is malformed`;
  if (h.alg !== "Ed25519") return `${name} uses ${String(h.alg)}, not Ed25519`;
  let keys: KeyObject[];
  try {
    keys = opts.publicKey ? readKeys(opts.publicKey) : [parsePublicKey(String(h.publicKey ?? ""))];
  } catch (err) {
    return `the public key cannot be read: ${(err as Error).message}`;
  }
  const key = keys.find((k) => keyIdOf(k) === s.keyId);
  if (!key) return `${name} names key ${s.keyId}, but the ${opts.publicKey ? "given" : "file's"} key is ${keys.map(keyIdOf).join(", ")}`;
  if (!verifyStatement(s as HeadStatement, String(h.signature ?? ""), key)) return `${name}'s signature does not verify (head seq ${s.seq}, key ${s.keyId})`;
  return null;
}

/** A head's RFC 3161 timestamp: the token must stamp SHA-256 of the statement's canonical bytes, at the time it says. */
async function checkTimestamp(h: SignedHead, name: string): Promise<TimestampVerdict | string> {
  const t = h.timestamp as Partial<NonNullable<SignedHead["timestamp"]>> | undefined;
  if (!t || t.type !== "rfc3161" || typeof t.token !== "string" || typeof t.at !== "string") return `${name}'s timestamp is malformed (expected { type: "rfc3161", token, at })`;
  const check = await checkTimestampToken(Buffer.from(t.token, "base64"), statementBytes(h.statement));
  if (!check.ok) return `${name}'s RFC 3161 timestamp does not hold (head seq ${h.statement.seq}): ${check.problem}`;
  if (check.genTime.toISOString() !== t.at) return `${name}'s timestamp says ${t.at}, its token ${check.genTime.toISOString()}`;
  return { seq: h.statement.seq, at: t.at, signature: check.signature, tsa: check.tsa };
}

/**
 * After verifyEvents: the timestamps. The head's own, if it has one; and the stamped head the file carries beside
 * it (`timestampedHead`): signed like any head, at or before the file's head, and in agreement with the events in
 * the file (complete scope: the event at its seq must be there with its hash; a subset: where that event is listed).
 */
async function verifyTimestamps(r: ProofVerdict, events: Located[], scope: Scope, head: SignedHead, stamped: unknown, opts: { publicKey?: string }): Promise<ProofVerdict> {
  if (!r.ok) return r;
  const timestamps: TimestampVerdict[] = [];
  if (head.timestamp) {
    const v = await checkTimestamp(head, "the ledger head");
    if (typeof v === "string") return fail(v);
    timestamps.push(v);
  }
  if (stamped !== undefined && stamped !== null) {
    const th = stamped as Partial<SignedHead>;
    const name = "the timestamped head";
    if (th.type !== "ledger-head" || !th.statement) return fail(`${name} is malformed`);
    const problem = checkSignedHead(th, name, opts);
    if (problem) return fail(problem);
    if (!th.timestamp) return fail(`${name} carries no timestamp`);
    const { seq, hash } = th.statement;
    if (seq > head.statement.seq) return fail(`${name} (seq ${seq}) is after the file's signed head (seq ${head.statement.seq})`);
    const at = events.find((e) => e.event.seq === seq);
    if (seq === 0 ? hash !== GENESIS_HASH : at ? at.event.hash !== hash : scope === "complete")
      return fail(`${name} (seq ${seq}) does not match the chain in the file (${at ? `event ${seq} has another hash` : seq === 0 ? "an empty ledger's head is the genesis hash" : `event ${seq} is missing`})`, seq || undefined);
    const v = await checkTimestamp(th as SignedHead, name);
    if (typeof v === "string") return fail(v);
    timestamps.push(v);
  }
  return { ...r, timestamps };
}

/** A per-subscriber JSON proof (getProof) or a complaint dossier (getDossier): `events` and `ledgerHead`, and a dossier's seal. */
async function verifyProofDocument(doc: Record<string, unknown>, kind: string, opts: { publicKey?: string }): Promise<ProofVerdict> {
  if (!Array.isArray(doc.events)) return fail(`the ${kind === DOSSIER ? "dossier" : "proof"} has no events array`);
  const events = (doc.events as Record<string, unknown>[]).map((event, i) => ({ event, where: `events[${i}] (event ${String(event?.seq)})` }));
  const r = await verifyTimestamps(verifyEvents(events, "subset", doc.ledgerHead, opts), events, "subset", doc.ledgerHead as SignedHead, doc.timestampedHead, opts);
  if (!r.ok) return r;
  if (kind === DOSSIER) {
    const problem = checkSeal(events, doc.seal, r.head, opts);
    if (problem) return problem;
  }
  return { ...r, kind };
}

/**
 * The dossier's seal (lib/export/dossier-seal.ts): signed by the head's key, at the head's seq, and listing exactly
 * the events in the file, in order, with their hashes. Names the first event dropped, added or changed.
 */
function checkSeal(events: Located[], sealInput: unknown, head: HeadStatement, opts: { publicKey?: string }): ProofVerdict | null {
  const seal = sealInput as Partial<DossierSeal> | null | undefined;
  const s = seal?.statement;
  if (!seal || seal.type !== "dossier-seal" || !s || !Array.isArray(s.events)) return fail("the dossier's seal is missing (it lists the dossier's events, signed)");
  if (seal.alg !== "Ed25519" || s.kind !== DOSSIER || typeof s.generatedAt !== "string" || !Number.isInteger(s.headSeq) || typeof s.keyId !== "string")
    return fail("the dossier's seal is malformed");
  if (s.keyId !== head.keyId) return fail(`the dossier's seal names key ${s.keyId}, the ledger head key ${head.keyId}`);
  let key: KeyObject | undefined;
  try {
    key = (opts.publicKey ? readKeys(opts.publicKey) : [parsePublicKey(String(seal.publicKey ?? ""))]).find((k) => keyIdOf(k) === s.keyId);
  } catch (err) {
    return fail(`the seal's public key cannot be read: ${(err as Error).message}`);
  }
  if (!key) return fail(`the dossier's seal names key ${s.keyId}, which is not the ${opts.publicKey ? "given" : "file's"} key`);
  if (!verifySeal(s, String(seal.signature ?? ""), key)) return fail(`the dossier's seal does not verify (key ${s.keyId}): its list of events was changed`);
  if (s.headSeq !== head.seq) return fail(`the dossier's seal is for ledger head ${s.headSeq}, the file's head is ${head.seq}`);
  const listed = s.events as { seq: number; hash: string }[];
  for (let i = 0; i < Math.max(listed.length, events.length); i++) {
    const want = listed[i], got = events[i];
    if (!got) return fail(`event ${want.seq} is missing (the dossier's seal lists it after ${i} events)`, want.seq);
    const seq = got.event.seq as number;
    if (!want) return fail(`${got.where}: not listed in the dossier's seal (an event was added)`, seq);
    if (seq !== want.seq) {
      const later = events.slice(i).some((e) => e.event.seq === want.seq);
      return later
        ? fail(`${got.where}: out of order against the dossier's seal (event ${want.seq} should come here)`, seq)
        : fail(`event ${want.seq} is missing (the dossier's seal lists it where ${got.where} is)`, want.seq);
    }
    if (got.event.hash !== want.hash) return fail(`${got.where}: the event was changed (its hash differs from the one the dossier's seal lists)`, seq);
  }
  return null;
}

const DOSSIER = "proofmail.complaint-dossier";

/** A bulk NDJSON export: a header line, rows, event lines, and the signed head as the last line. */
async function verifyBulkExport(lines: string[], opts: { publicKey?: string }): Promise<ProofVerdict> {
  const parsed: Record<string, unknown>[] = [];
  for (let i = 0; i < lines.length; i++) {
    try {
      parsed.push(JSON.parse(lines[i]));
    } catch {
      return fail(`line ${i + 1} is not JSON`);
    }
  }
  const header = parsed[0] as { kind?: unknown; ledgerEvents?: { scope?: unknown } };
  const declared = header.ledgerEvents?.scope;
  if (declared !== "complete" && declared !== "subscribers") return fail("the header does not say which ledger events the export carries (ledgerEvents.scope)");
  const events: Located[] = [];
  let head: unknown = null;
  let stamped: unknown = null;
  for (let i = 1; i < parsed.length; i++) {
    const line = parsed[i];
    if (head) return fail(`line ${i + 1}: the signed ledger head must be the last line`);
    if (line.type === "ledger-event") events.push({ event: (line.event ?? {}) as Record<string, unknown>, where: `line ${i + 1} (event ${String((line.event as { seq?: unknown })?.seq)})` });
    else if (line.type === "ledger-head") head = line;
    else if (line.type === "timestamped-head") {
      if (stamped) return fail(`line ${i + 1}: a second timestamped head`);
      stamped = line.head ?? {};
    }
  }
  const scope = declared === "complete" ? "complete" : "subset";
  const r = await verifyTimestamps(verifyEvents(events, scope, head, opts), events, scope, head as SignedHead, stamped, opts);
  return r.ok ? { ...r, kind: "proofmail.consent-export" } : r;
}

/** Verifies a file's text: a JSON proof document or an NDJSON bulk export. */
export async function verifyProof(text: string, opts: { publicKey?: string } = {}): Promise<ProofVerdict> {
  const body = text.replace(/^\uFEFF/, "").trim();
  if (!body) return fail("the file is empty");
  const lines = body.split("\n");
  let first: { kind?: unknown } | null = null;
  try {
    first = JSON.parse(lines.length === 1 ? body : lines[0]);
  } catch {
    first = null;
  }
  if (first?.kind === "proofmail.consent-export") return verifyBulkExport(lines, opts);
  let doc: { kind?: unknown } | null = null;
  try {
    doc = JSON.parse(body);
  } catch {
    return fail("the file is neither a JSON proof nor an NDJSON export (its first line is not a proofmail header)");
  }
  if (doc?.kind === "proofmail.consent-proof" || doc?.kind === DOSSIER) return verifyProofDocument(doc as Record<string, unknown>, doc.kind, opts);
  return fail(`unknown kind ${JSON.stringify(doc?.kind ?? null)} (expected proofmail.consent-proof, ${DOSSIER} or proofmail.consent-export)`);
}
