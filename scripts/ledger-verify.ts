// `npm run ledger:verify`: walks the consent ledger and reports the first broken link (exit 1) or ok. Every
// stored signed head is checked too (signature, and the chain still holding its event): a head that fails is
// named, so deleted newest events or a rewritten chain are reported.
import { isEmbedded, loadCliConfig } from "./env.ts";

loadCliConfig({ embeddedSecrets: isEmbedded() });
const { db } = await import("../lib/db/index.ts");
const { verifyLedger } = await import("../lib/consent/ledger.ts");
const r = await verifyLedger(db);
if (r.ok)
  console.log(`ledger ok: ${r.events} events, head ${r.lastHash}, ${r.heads} signed heads hold${r.timestamped ? `, ${r.timestamped} of them with an RFC 3161 timestamp that stamps the head (imprint, and the authority's signature with the certificate in the token)` : ""}`);
else console.error(`ledger BROKEN at event ${r.brokenAt}: ${r.problem} (${r.events} events verified before it)`);
await db.$disconnect();
process.exit(r.ok ? 0 : 1);
