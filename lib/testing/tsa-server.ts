// A real RFC 3161 timestamp authority for tests: node:http on 127.0.0.1, a self-signed ECDSA P-256 certificate
// made at start (extended key usage timeStamping), TSTInfo signed as CMS SignedData with pkijs. Each answer can be
// made to go wrong the ways a TSA or the network can: a rejection, a token for another hash or nonce, no
// certificate, a broken signature, an HTTP error.
import http from "node:http";
import { randomBytes, webcrypto } from "node:crypto";
import type { AddressInfo } from "node:net";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

export type TsaMode = "grant" | "reject" | "wrong-imprint" | "wrong-nonce" | "no-certificate" | "bad-signature" | "http-500";

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const ab = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

async function makeCertificate(name: string) {
  const keys = (await subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: ab(Buffer.concat([Buffer.from([0x01]), randomBytes(8)])) });
  const cn = () => new pkijs.AttributeTypeAndValue({ type: "2.5.4.3", value: new asn1js.Utf8String({ value: name }) });
  cert.issuer.typesAndValues.push(cn());
  cert.subject.typesAndValues.push(cn());
  cert.notBefore.value = new Date(Date.now() - 3600_000);
  cert.notAfter.value = new Date(Date.now() + 86400_000);
  const eku = new pkijs.ExtKeyUsage({ keyPurposes: ["1.3.6.1.5.5.7.3.8"] }); // id-kp-timeStamping (RFC 3161 §2.3: critical)
  cert.extensions = [new pkijs.Extension({ extnID: "2.5.29.37", critical: true, extnValue: eku.toSchema().toBER(false), parsedValue: eku })];
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  await cert.sign(keys.privateKey, "SHA-256");
  return { cert, privateKey: keys.privateKey };
}

export async function startTsaServer(opts: { mode?: () => TsaMode; name?: string } = {}) {
  const { cert, privateKey } = await makeCertificate(opts.name ?? "Proofmail Test TSA");
  const requests: { contentType: string | undefined; body: Buffer }[] = [];
  let serial = 1;

  async function answer(body: Buffer, mode: TsaMode): Promise<Buffer> {
    const req = pkijs.TimeStampReq.fromBER(ab(body));
    if (mode === "reject")
      return Buffer.from(new pkijs.TimeStampResp({
        status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.rejection, statusStrings: [new asn1js.Utf8String({ value: "policy not accepted" })] }),
      }).toSchema().toBER());
    const imprint = mode === "wrong-imprint"
      ? new pkijs.MessageImprint({ hashAlgorithm: req.messageImprint.hashAlgorithm, hashedMessage: new asn1js.OctetString({ valueHex: ab(randomBytes(32)) }) })
      : req.messageImprint;
    const tst = new pkijs.TSTInfo({
      version: 1,
      policy: "1.3.6.1.4.1.99999.1",
      messageImprint: imprint,
      serialNumber: new asn1js.Integer({ value: serial++ }),
      genTime: new Date(Math.floor(Date.now() / 1000) * 1000),
      nonce: mode === "wrong-nonce" ? new asn1js.Integer({ value: 4242 }) : req.nonce,
    });
    const signed = new pkijs.SignedData({
      version: 3,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({
        eContentType: pkijs.id_eContentType_TSTInfo,
        eContent: new asn1js.OctetString({ valueHex: tst.toSchema().toBER() }),
      }),
      signerInfos: [new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: [] }),
      })],
      certificates: req.certReq && mode !== "no-certificate" ? [cert] : undefined,
    });
    // Signed attributes as RFC 3161 §2.4.2 has them: content type and message digest of the TSTInfo.
    const digest = await subtle.digest("SHA-256", new Uint8Array(tst.toSchema().toBER()));
    signed.signerInfos[0].signedAttrs!.attributes.push(
      new pkijs.Attribute({ type: "1.2.840.113549.1.9.3", values: [new asn1js.ObjectIdentifier({ value: pkijs.id_eContentType_TSTInfo })] }),
      new pkijs.Attribute({ type: "1.2.840.113549.1.9.4", values: [new asn1js.OctetString({ valueHex: digest })] }),
    );
    await signed.sign(privateKey, 0, "SHA-256");
    if (mode === "bad-signature") {
      const sig = Buffer.from(signed.signerInfos[0].signature.valueBlock.valueHexView);
      sig[sig.length - 1] ^= 0xff;
      signed.signerInfos[0].signature = new asn1js.OctetString({ valueHex: ab(sig) });
    }
    return Buffer.from(new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
      timeStampToken: new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signed.toSchema(true) }),
    }).toSchema().toBER());
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      requests.push({ contentType: req.headers["content-type"], body });
      const mode = opts.mode?.() ?? "grant";
      if (req.method !== "POST" || mode === "http-500") {
        res.writeHead(mode === "http-500" ? 500 : 405).end();
        return;
      }
      answer(body, mode).then(
        (der) => res.writeHead(200, { "Content-Type": "application/timestamp-reply" }).end(der),
        () => res.writeHead(400).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    requests,
    /** The DER of the TSA's certificate (its SHA-256 is what checkTimestampToken reports). */
    certDer: Buffer.from(cert.toSchema().toBER()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type TsaServer = Awaited<ReturnType<typeof startTsaServer>>;
