// `npm run proof:verify -- FILE [--key=KEY]`: checks an exported proof with no database — a per-subscriber JSON
// proof, a complaint dossier (JSON) or a bulk NDJSON export: every event's hash, the links between consecutive events, and the signed
// ledger head against the Ed25519 public key in the file or the one given with --key (base64, PEM, or a file
// holding either or the /.well-known/proofmail-ledger.json document), and any RFC 3161 timestamp the file carries. Exit 0: ok; 1: the proof fails (the
// first bad event is named); 2: usage. Needs no configuration and never touches a database (lib/export/verify-proof.ts).
import fs from "node:fs";
import { verifyProof } from "../lib/export/verify-proof.ts";

const USAGE = `usage: npm run proof:verify -- FILE [--key=KEY]
  FILE       a consent-proof JSON (Admin → subscriber → proof, format=json), a complaint dossier JSON
             (Admin → subscriber → complaint dossier, or Admin → Dossier) or a bulk NDJSON export; - reads standard input
  --key=KEY  the public key to trust: base64 of the 32 raw bytes, SPKI PEM, or a file with either or with the
             /.well-known/proofmail-ledger.json document. Without it the key in the file is used (then compare its
             key id with the one the organisation publishes)`;

function usage(message: string): never {
  console.error(`error: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

let file: string | null = null;
let key: string | undefined;
for (const arg of process.argv.slice(2)) {
  if (arg === "--help" || arg === "-h") {
    console.log(USAGE);
    process.exit(0);
  } else if (arg.startsWith("--key=")) {
    const v = arg.slice("--key=".length);
    if (!v) usage("--key: expected a public key or a file holding one");
    key = fs.existsSync(v) ? fs.readFileSync(v, "utf8") : v;
  } else if (arg.startsWith("--")) usage(`unknown argument "${arg}"`);
  else if (file) usage("give one file");
  else file = arg;
}
if (!file) usage("give the file to verify");

let text: string;
try {
  text = fs.readFileSync(file === "-" ? 0 : file, "utf8");
} catch (err) {
  usage(`cannot read ${file}: ${(err as Error).message}`);
}
const r = await verifyProof(text, { publicKey: key });
if (r.ok) {
  console.log(`proof ok: ${r.kind}, ${r.events} events (${r.scope === "complete" ? "the whole chain" : "not contiguous: each event's own hash"}), signed head seq ${r.head.seq} at ${r.head.at} by key ${r.head.keyId}`);
  // What an RFC 3161 token shows, and how far it was checked: the imprint always; the authority's signature with
  // the certificate in the token; that certificate is not checked against any list of trusted authorities.
  for (const t of r.timestamps)
    console.log(`timestamp ok: head seq ${t.seq} stamped at ${t.at} (RFC 3161, imprint = sha256 of the statement)${t.tsa
      ? `; the authority's signature verifies with the certificate in the token: ${t.tsa.name ?? "(no common name)"}, sha256 ${t.tsa.certSha256} (check that it is the authority you trust)`
      : "; the token carries no certificate, so the authority's signature was not checked"}`);
  if (r.keySource === "file") console.log(`note: checked with the key in the file; compare key ${r.head.keyId} with the organisation's /.well-known/proofmail-ledger.json, or pass --key`);
  process.exit(0);
}
console.error(`proof BROKEN: ${r.problem}`);
process.exit(1);
