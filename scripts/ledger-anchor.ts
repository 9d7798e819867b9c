// `npm run ledger:anchor`: signs a new head of the consent ledger and anchors it now by every configured channel
// (LEDGER_TSA_URL, LEDGER_ANCHOR_EMAIL), as Admin → Exports → "Sign and anchor the ledger head now" does; audited
// as "system" (via: "cli"). Prints one line per channel. Exit 0 when every configured anchor succeeded (or none is
// configured: the head is still signed), 1 when one failed (the worker retries it), 2 on usage.
import { isEmbedded, loadCliConfig } from "./env.ts";

const USAGE = "usage: npm run ledger:anchor";
for (const arg of process.argv.slice(2)) {
  if (arg === "--help" || arg === "-h") {
    console.log(USAGE);
    process.exit(0);
  }
  console.error(`error: unknown argument "${arg}"`);
  console.error(USAGE);
  process.exit(2);
}

loadCliConfig({ embeddedSecrets: isEmbedded() });
const { db } = await import("../lib/db/index.ts");
const { anchorLedgerNow } = await import("../lib/consent/anchor-now.ts");
const { describeAnchorOutcome } = await import("../lib/consent/describe-anchor.ts");
const r = await anchorLedgerNow({ actor: "system", via: "cli" });
console.log(`signed ledger head ${r.head?.seq ?? 0} (${r.head?.hash ?? ""})`);
if (r.outcomes.length === 0) console.log("no anchor configured (set LEDGER_TSA_URL and/or LEDGER_ANCHOR_EMAIL): the head was not sent anywhere");
for (const o of r.outcomes) (o.ok ? console.log : console.error)(describeAnchorOutcome(o));
await db.$disconnect();
// The mail transport's pool and the PostgreSQL engine keep timers; the work is done.
process.exit(r.outcomes.every((o) => o.ok) ? 0 : 1);
