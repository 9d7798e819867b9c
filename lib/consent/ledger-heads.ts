// Signed ledger heads (issue 12 item 4/5, issue 15 finding 8). The hash chain alone shows an edited or removed
// event in the middle, but not that the newest events were deleted, nor a chain rewritten consistently from
// some event on. A head is a statement "the chain held event `seq` with hash `hash`", signed with the install's
// Ed25519 key (LEDGER_SIGNING_KEY) and kept in LedgerHead; verifyLedger (ledger.ts) checks the chain against
// every stored head, and exports carry the head they were made at, so whoever holds an export can hold us to it.
// Heads are signed by the worker every 10 minutes when the ledger grew (LEDGER_HEAD_JOB) and at every export.
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { config } from "../config/index.ts";
import type { Db } from "../db/index.ts";
import { GENESIS_HASH } from "./event-hash.ts";
import { keyIdOf, rawPublicKey, signStatement, statementBytes, verifyStatement, type HeadStatement, type SignedHead } from "./head-statement.ts";
import { checkTimestampToken } from "./timestamp-token.ts";

export type HeadReason = "schedule" | "export" | "manual";

type PublicKeyInfo = { keyId: string; publicKey: KeyObject; publicKeyBase64: string; publicKeyPem: string };
type Keys = PublicKeyInfo & { privateKey: KeyObject; /** this key and LEDGER_SIGNING_KEY_PREVIOUS, by key id */ trusted: Map<string, PublicKeyInfo> };
let cachedKeys: { source: string; keys: Keys } | null = null;

const infoOf = (publicKey: KeyObject): PublicKeyInfo => ({
  keyId: keyIdOf(publicKey), publicKey, publicKeyBase64: rawPublicKey(publicKey).toString("base64"), publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
});

/** The signing key from the configuration, its public half and id, and every key whose heads this install trusts. */
export function ledgerKeys(): Keys {
  const { ledgerSigningKey: pem, ledgerPreviousKeys } = config();
  const source = [pem, ...ledgerPreviousKeys].join("\n");
  if (cachedKeys?.source !== source) {
    const privateKey = createPrivateKey(pem);
    const current = infoOf(createPublicKey(privateKey));
    const trusted = new Map<string, PublicKeyInfo>([[current.keyId, current]]);
    for (const k of ledgerPreviousKeys) {
      const info = infoOf(createPublicKey(k));
      if (!trusted.has(info.keyId)) trusted.set(info.keyId, info);
    }
    cachedKeys = { source, keys: { ...current, privateKey, trusted } };
  }
  return cachedKeys.keys;
}

type HeadRow = { id: string; seq: number; hash: string; count: number; signedAt: Date; keyId: string; signature: string; reason: string; tsaToken?: string | null; tsaAt?: Date | null };

export const statementOf = (h: Pick<HeadRow, "seq" | "hash" | "signedAt" | "keyId">): HeadStatement => ({
  ledger: "proofmail", seq: h.seq, hash: h.hash, at: h.signedAt.toISOString(), keyId: h.keyId,
});

/** A stored head as exports and the well-known page carry it. */
export function signedHeadOf(h: HeadRow): SignedHead {
  const key = ledgerKeys().trusted.get(h.keyId);
  if (!key) throw new Error(`ledger head ${h.id} was signed by key ${h.keyId}, which this install does not know`);
  const signed: SignedHead = { type: "ledger-head", statement: statementOf(h), alg: "Ed25519", signature: h.signature, publicKey: key.publicKeyBase64 };
  if (h.tsaToken && h.tsaAt) signed.timestamp = { type: "rfc3161", token: h.tsaToken, at: h.tsaAt.toISOString() };
  return signed;
}

/**
 * Signs the chain's current head (the newest event; seq 0 and GENESIS_HASH for an empty ledger), stores it and
 * returns it. Only appended events come after it, so an export made from it lists events up to `seq`.
 */
export async function signHead(client: Db, { reason, now = new Date() }: { reason: HeadReason; now?: Date }) {
  const { privateKey, keyId } = ledgerKeys();
  const last = await client.consentEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const count = await client.consentEvent.count({ where: { seq: { lte: last?.seq ?? 0 } } });
  const statement: HeadStatement = { ledger: "proofmail", seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH, at: now.toISOString(), keyId };
  const signature = signStatement(statement, privateKey);
  const row = await client.ledgerHead.create({ data: { seq: statement.seq, hash: statement.hash, count, signedAt: now, keyId, signature, reason } });
  return { row, signed: signedHeadOf(row) };
}

/** The worker's job: a new head when the ledger grew since the latest one (or none was signed yet). */
export async function signHeadIfGrown(client: Db, { now = new Date() }: { now?: Date } = {}) {
  const [last, head] = await Promise.all([
    client.consentEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }),
    latestHeadRow(client),
  ]);
  if (!last || (head && head.seq >= last.seq)) return null;
  return signHead(client, { reason: "schedule", now });
}

function latestHeadRow(client: Db) {
  return client.ledgerHead.findFirst({ orderBy: [{ signedAt: "desc" }, { seq: "desc" }] });
}

/** The newest stored head signed by a key this install trusts, as a SignedHead; null when none was signed yet. */
export async function latestSignedHead(client: Db): Promise<SignedHead | null> {
  const row = await client.ledgerHead.findFirst({ where: { keyId: { in: [...ledgerKeys().trusted.keys()] } }, orderBy: [{ signedAt: "desc" }, { seq: "desc" }] });
  return row ? signedHeadOf(row) : null;
}

/**
 * The newest head a timestamp authority stamped (LEDGER_TSA_URL), with its token, for exports: their own head is
 * signed at export time and never stamped, so they carry this one beside it. Null when none was stamped.
 */
export async function latestTimestampedHead(client: Db): Promise<SignedHead | null> {
  const row = await client.ledgerHead.findFirst({
    where: { keyId: { in: [...ledgerKeys().trusted.keys()] }, tsaToken: { not: null } },
    orderBy: [{ signedAt: "desc" }, { seq: "desc" }],
  });
  return row ? signedHeadOf(row) : null;
}

export type HeadCheck = { id: string; seq: number; hash: string; signedAt: Date; keyId: string };
export type HeadProblem = { head: HeadCheck; problem: string };

/**
 * Every stored head in seq order, with the first whose signature does not verify with the key it names (which
 * must be this install's key or one of LEDGER_SIGNING_KEY_PREVIOUS).
 */
export async function loadHeads(client: Db): Promise<{ heads: HeadCheck[]; badSignature: HeadProblem | null; timestamped: number }> {
  const rows = await client.ledgerHead.findMany({ orderBy: [{ seq: "asc" }, { signedAt: "asc" }] });
  const { trusted, keyId } = ledgerKeys();
  let badSignature: HeadProblem | null = null;
  let timestamped = 0;
  for (const h of rows) {
    if (badSignature) break;
    const key = trusted.get(h.keyId);
    if (!key) badSignature = { head: h, problem: `${describeHead(h)} names key ${h.keyId}, not this install's key ${keyId} (nor one of LEDGER_SIGNING_KEY_PREVIOUS)` };
    else if (!verifyStatement(statementOf(h), h.signature, key.publicKey)) badSignature = { head: h, problem: `${describeHead(h)}: the signature does not verify (head edited or forged)` };
    else if (h.tsaToken) {
      // The timestamp authority's token must stamp this very statement (and verify with the certificate it carries).
      const check = await checkTimestampToken(Buffer.from(h.tsaToken, "base64"), statementBytes(statementOf(h)));
      if (!check.ok) badSignature = { head: h, problem: `${describeHead(h)}: its RFC 3161 timestamp does not hold: ${check.problem}` };
      else timestamped++;
    }
  }
  return { heads: rows, badSignature, timestamped };
}

export const describeHead = (h: Pick<HeadCheck, "id" | "seq" | "signedAt">) => `signed head ${h.id} (seq ${h.seq}, signed ${h.signedAt.toISOString()})`;

/** GET /.well-known/proofmail-ledger.json: the public key(s) that sign heads and the newest signed head. */
export async function getLedgerKeysDocument(client: Db) {
  const { keyId: current, trusted } = ledgerKeys();
  return {
    ledger: "proofmail" as const,
    /** The current signing key first, then earlier ones (LEDGER_SIGNING_KEY_PREVIOUS) whose heads still hold. */
    keys: [...trusted.values()].map((k) => ({ keyId: k.keyId, alg: "Ed25519" as const, publicKey: k.publicKeyBase64, publicKeyPem: k.publicKeyPem, current: k.keyId === current })),
    latestHead: await latestSignedHead(client),
  };
}
