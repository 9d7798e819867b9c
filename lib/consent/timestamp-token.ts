// RFC 3161 timestamps of signed ledger heads: the request we send a timestamp authority (TSA) and the checks
// of what comes back. A token says "the TSA saw this SHA-256 at genTime", so a head's statement cannot have
// been written later than that, whoever holds the signing key. Pure (pkijs + asn1js for the ASN.1, node:crypto
// for the hash; no database, network or configuration), so the offline verifier (lib/export/verify-proof.ts),
// ledger:verify and the TSA client (tsa-client.ts) use the very same checks. Format: lib/export/README.md.
import { createHash, randomBytes } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

const SHA256_OID = "2.16.840.1.101.3.4.2.1";
const COMMON_NAME_OID = "2.5.4.3";

export const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest();

const arrayBufferOf = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** A TimeStampReq (DER) for SHA-256 of `data`, with a fresh 64-bit nonce and certReq (the TSA must include its certificate). */
export function buildTimestampRequest(data: Uint8Array): { der: Buffer; imprint: Buffer; nonce: Buffer } {
  const imprint = sha256(data);
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0] & 0x3f) | 0x40; // positive and minimal as a DER INTEGER (no leading 00 or ff)
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256_OID, algorithmParams: new asn1js.Null() }),
      hashedMessage: new asn1js.OctetString({ valueHex: arrayBufferOf(imprint) }),
    }),
    nonce: new asn1js.Integer({ valueHex: arrayBufferOf(nonce) }),
    certReq: true,
  });
  return { der: Buffer.from(req.toSchema().toBER()), imprint, nonce };
}

export type TokenCheck =
  | {
      ok: true;
      genTime: Date;
      /** verified: the token's signature checks with the certificate it carries; absent: it carries none, so only the imprint was checked. */
      signature: "verified" | "absent";
      /** The signing certificate's subject common name and the SHA-256 of its DER (hex), when included. */
      tsa: { name: string | null; certSha256: string } | null;
      serial: string;
    }
  | { ok: false; problem: string };

const bad = (problem: string): TokenCheck => ({ ok: false, problem });

/**
 * Checks a TimeStampToken (DER of the CMS ContentInfo) against the bytes it should stamp: it must be SignedData
 * over a TSTInfo whose messageImprint is SHA-256 of `data` (and, for a fresh answer, carry our nonce). When the
 * token includes the TSA's certificate, its CMS signature is verified with that certificate. The certificate is
 * not checked against any trust store: who the TSA is (name, fingerprint) is reported for the reader to judge.
 */
export async function checkTimestampToken(token: Uint8Array, data: Uint8Array, opts: { nonce?: Buffer } = {}): Promise<TokenCheck> {
  let signed: pkijs.SignedData;
  let tst: pkijs.TSTInfo;
  try {
    const asn = asn1js.fromBER(arrayBufferOf(token));
    if (asn.offset === -1) return bad("the timestamp token is not DER");
    const info = new pkijs.ContentInfo({ schema: asn.result });
    if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA) return bad(`the timestamp token is not CMS SignedData (${info.contentType})`);
    signed = new pkijs.SignedData({ schema: info.content });
    if (signed.encapContentInfo.eContentType !== pkijs.id_eContentType_TSTInfo || !signed.encapContentInfo.eContent)
      return bad("the timestamp token does not carry a TSTInfo");
    tst = pkijs.TSTInfo.fromBER(signed.encapContentInfo.eContent.getValue());
  } catch (err) {
    return bad(`the timestamp token cannot be read: ${(err as Error).message}`);
  }
  const alg = tst.messageImprint.hashAlgorithm.algorithmId;
  if (alg !== SHA256_OID) return bad(`the timestamp token hashes with ${alg}, not SHA-256`);
  const stamped = Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView);
  const expected = sha256(data);
  if (!stamped.equals(expected)) return bad(`the timestamp token is for another hash (${stamped.toString("hex")}, expected ${expected.toString("hex")})`);
  if (opts.nonce) {
    const nonce = tst.nonce ? Buffer.from(tst.nonce.valueBlock.valueHexView) : null;
    if (!nonce?.equals(opts.nonce)) return bad("the timestamp token does not carry our nonce (a replayed or mixed-up answer)");
  }
  const cert = (signed.certificates ?? []).find((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  let signature: "verified" | "absent" = "absent";
  let tsa: { name: string | null; certSha256: string } | null = null;
  if (cert) {
    try {
      // Also re-checks the imprint against `data` (pkijs hashes it for a TSTInfo) and the signed attributes' digest.
      if (!(await signed.verify({ signer: 0, data: arrayBufferOf(data), checkChain: false }))) return bad("the timestamp authority's signature does not verify");
    } catch (err) {
      return bad(`the timestamp authority's signature does not verify: ${(err as Error).message}`);
    }
    signature = "verified";
    const cn = cert.subject.typesAndValues.find((t) => t.type === COMMON_NAME_OID);
    tsa = { name: cn ? String(cn.value.valueBlock.value) : null, certSha256: sha256(new Uint8Array(cert.toSchema().toBER())).toString("hex") };
  }
  return { ok: true, genTime: tst.genTime, signature, tsa, serial: Buffer.from(tst.serialNumber.valueBlock.valueHexView).toString("hex") };
}

const STATUS_NAMES = ["granted", "grantedWithMods", "rejection", "waiting", "revocationWarning", "revocationNotification"];

/**
 * Reads a TimeStampResp (DER) for the request built by buildTimestampRequest: the status must be granted (or
 * grantedWithMods), and the token must pass checkTimestampToken with our nonce and include the TSA's certificate
 * (we asked for it). Returns the token's DER for storing.
 */
export async function readTimestampResponse(der: Uint8Array, data: Uint8Array, nonce: Buffer): Promise<{ ok: true; token: Buffer; check: Extract<TokenCheck, { ok: true }> } | { ok: false; problem: string }> {
  let resp: pkijs.TimeStampResp;
  try {
    resp = pkijs.TimeStampResp.fromBER(arrayBufferOf(der));
  } catch (err) {
    return { ok: false, problem: `the answer is not a TimeStampResp: ${(err as Error).message}` };
  }
  const status = resp.status.status;
  if (status !== 0 && status !== 1) {
    const text = (resp.status.statusStrings ?? []).map((s) => s.valueBlock.value).join("; ");
    return { ok: false, problem: `the timestamp authority answered ${STATUS_NAMES[status] ?? `status ${status}`}${text ? `: ${text}` : ""}` };
  }
  if (!resp.timeStampToken) return { ok: false, problem: "the timestamp authority granted the request but sent no token" };
  const token = Buffer.from(resp.timeStampToken.toSchema().toBER());
  const check = await checkTimestampToken(token, data, { nonce });
  if (!check.ok) return check;
  if (check.signature !== "verified") return { ok: false, problem: "the timestamp token does not include the authority's certificate (certReq was set)" };
  return { ok: true, token, check };
}
