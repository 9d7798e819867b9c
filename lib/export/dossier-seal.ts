// The dossier's seal: a statement "this dossier, made at `generatedAt` at ledger head `headSeq`, lists exactly
// these ledger events (seq and hash), in this order", signed with the ledger's Ed25519 key. A per-subscriber
// proof cannot show that none of the person's events was left out (its events are not contiguous); the seal
// can: the verifier names an event that was dropped, added, reordered or changed against it. Its bytes start
// from `kind` and carry no `ledger` member, so a seal can never pass for a ledger head, nor a head for a seal.
// Pure (node:crypto only), shared by the signer (get-dossier.ts) and the offline verifier (verify-proof.ts).
import { sign, verify, type KeyObject } from "node:crypto";
import { canonicalJson } from "../util/canonical-json.ts";

export type SealStatement = {
  kind: "proofmail.complaint-dossier";
  generatedAt: string;
  headSeq: number;
  events: { seq: number; hash: string }[];
  keyId: string;
};

export type DossierSeal = { type: "dossier-seal"; statement: SealStatement; alg: "Ed25519"; signature: string; publicKey: string };

/** The signed bytes: canonical JSON of exactly these members (events as [{hash, seq}]), UTF-8. */
export function sealBytes(s: SealStatement): Buffer {
  return Buffer.from(canonicalJson({
    kind: s.kind, generatedAt: s.generatedAt, headSeq: s.headSeq, keyId: s.keyId,
    events: s.events.map((e) => ({ seq: e.seq, hash: e.hash })),
  }), "utf8");
}

export function signSeal(s: SealStatement, privateKey: KeyObject): string {
  return sign(null, sealBytes(s), privateKey).toString("base64");
}

export function verifySeal(s: SealStatement, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, sealBytes(s), publicKey, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}
