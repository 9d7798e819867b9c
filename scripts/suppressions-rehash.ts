// `npm run suppressions:rehash`: after rotating SUPPRESSION_KEY (the new key in SUPPRESSION_KEY, the old
// ones in SUPPRESSION_KEY_PREVIOUS), moves the suppression rows of every address we still hold to the new
// key and says how many rows still need a previous key (their address is gone), so you know whether
// SUPPRESSION_KEY_PREVIOUS may be removed. Idempotent: run it again any time. Logic: lib/subscribers/rehash-suppressions.ts.
import { isEmbedded, loadCliConfig } from "./env.ts";

const USAGE = `usage: npm run suppressions:rehash -- [--batch-size=<1..10000>] [--json]
  --batch-size=N   subscribers per transaction (default 1000)
  --json           print the counts as one line of JSON instead of the report`;

function fail(message: string): never {
  console.error(`error: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

const args = { json: false, batchSize: 1000 };
for (const arg of process.argv.slice(2)) {
  const [flag, value] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
  if (flag === "--help" || flag === "-h") {
    console.log(USAGE);
    process.exit(0);
  } else if (flag === "--json" && value === undefined) args.json = true;
  else if (flag === "--batch-size") {
    const n = Number(value);
    if (!value || !Number.isInteger(n) || n < 1 || n > 10_000) fail(`--batch-size: expected a whole number from 1 to 10000, got "${value ?? ""}"`);
    args.batchSize = n;
  } else fail(`unknown argument "${arg}"`);
}

const cfg = loadCliConfig({ embeddedSecrets: isEmbedded() });
const { db } = await import("../lib/db/index.ts");
const { rehashSuppressions, formatRehashReport } = await import("../lib/subscribers/rehash-suppressions.ts");

try {
  const report = await rehashSuppressions({ batchSize: args.batchSize });
  console.log(args.json ? JSON.stringify(report) : formatRehashReport(report, cfg.suppressionKeyPrevious.length));
  await db.$disconnect();
  process.exit(0);
} catch (err) {
  console.error(`error: rehash failed: ${(err as Error).message.split("\n").filter(Boolean).at(-1)}`);
  await db.$disconnect().catch(() => {});
  process.exit(1);
}
