// The signed statement of a ledger head: "at `at`, the proofmail ledger's newest event was `seq` with hash `hash`",
// signed with Ed25519 by the key `keyId`. Pure (node:crypto only: no database, no configuration), so the offline
// verifier (lib/export/verify-proof.ts) uses the very same code as the signer. Format: lib/export/README.md.
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { canonicalJson } from "../util/canonical-json.ts";

export type HeadStatement = { ledger: "proofmail"; seq: number; hash: string; at: string; keyId: string };

/**
 * An RFC 3161 timestamp of a head (lib/consent/timestamp-token.ts): `token` is base64 of the TimeStampToken's DER
 * (CMS SignedData over a TSTInfo) whose messageImprint is SHA-256 of statementBytes; `at` is its genTime.
 */
export type HeadTimestamp = { type: "rfc3161"; token: string; at: string };

/**
 * A statement with its signature and the public key that checks it, as exports and the well-known page carry it;
 * `timestamp` when a timestamp authority stamped it (LEDGER_TSA_URL).
 */
export type SignedHead = { type: "ledger-head"; statement: HeadStatement; alg: "Ed25519"; signature: string; publicKey: string; timestamp?: HeadTimestamp };

/** The bytes that are signed: canonical JSON (sorted keys, no whitespace) of the statement, UTF-8. */
export function statementBytes(s: HeadStatement): Buffer {
  return Buffer.from(canonicalJson({ ledger: s.ledger, seq: s.seq, hash: s.hash, at: s.at, keyId: s.keyId }), "utf8");
}

/** The 32 raw bytes of an Ed25519 public key (the last 32 bytes of its SPKI DER). */
export function rawPublicKey(key: KeyObject): Buffer {
  return key.export({ format: "der", type: "spki" }).subarray(-32);
}

/** The key id: the first 16 hex digits of sha256 over the raw 32-byte public key. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256").update(rawPublicKey(publicKey)).digest("hex").slice(0, 16);
}

// SPKI DER of an Ed25519 public key is this prefix followed by the 32 raw bytes (RFC 8410).
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/**
 * Reads a public key given as base64 of the 32 raw bytes, as SPKI PEM, or as base64 SPKI DER; or a private
 * key (PKCS8 PEM), whose public half is taken. Throws on anything else or a key that is not Ed25519.
 */
export function parsePublicKey(text: string): KeyObject {
  const t = text.trim();
  let key: KeyObject;
  if (t.startsWith("-----BEGIN")) key = /PRIVATE KEY/.test(t) ? createPublicKey(createPrivateKey(t)) : createPublicKey(t);
  else {
    const der = Buffer.from(t, "base64");
    key = createPublicKey({ key: der.length === 32 ? Buffer.concat([SPKI_PREFIX, der]) : der, format: "der", type: "spki" });
  }
  if (key.asymmetricKeyType !== "ed25519") throw new Error(`not an Ed25519 key (${key.asymmetricKeyType})`);
  return key;
}

export function signStatement(s: HeadStatement, privateKey: KeyObject): string {
  return sign(null, statementBytes(s), privateKey).toString("base64");
}

/** True when `signature` (base64) is the Ed25519 signature of the statement by `publicKey`. */
export function verifyStatement(s: HeadStatement, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, statementBytes(s), publicKey, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}
