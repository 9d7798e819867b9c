// `npm run export`: the bulk consent export of the admin (lib/export/stream-bulk-export.ts) from the command
// line, for lists too large to download through a browser comfortably. Same rows, same header with the
// ledger's verification result, written to the audit log as "export.bulk" by "system" (via: "cli").
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { isEmbedded, loadCliConfig } from "./env.ts";
import { EXPORT_PURPOSES, type ExportPurpose } from "../lib/rules/decide-export.ts";

const USAGE = `usage: npm run export -- [--format=ndjson|csv] [--newsletter=<slug>] [--purpose=proof|share-with-third-party] [--out=<file>]
  --format=F       ndjson (default) or csv
  --newsletter=S   only this newsletter's subscriptions (default: all)
  --purpose=P      proof (default): the consent proof; share-with-third-party: only rows whose consent covers
                   sharing (lib/rules, R-SHARE-THIRD-PARTY); the others are counted by reason, not exported
  --out=FILE       write here instead of to standard output`;

function fail(message: string): never {
  console.error(`error: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

const args = { format: "ndjson" as "ndjson" | "csv", newsletter: null as string | null, out: null as string | null, purpose: "proof" as ExportPurpose };
for (const arg of process.argv.slice(2)) {
  const [flag, value] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
  if (flag === "--help" || flag === "-h") {
    console.log(USAGE);
    process.exit(0);
  } else if (flag === "--format") {
    if (value !== "ndjson" && value !== "csv") fail(`--format: expected ndjson or csv, got "${value ?? ""}"`);
    args.format = value;
  } else if (flag === "--newsletter") {
    if (!value) fail("--newsletter: expected a newsletter's slug");
    args.newsletter = value;
  } else if (flag === "--purpose") {
    if (!(EXPORT_PURPOSES as readonly string[]).includes(value ?? "")) fail(`--purpose: expected proof or share-with-third-party, got "${value ?? ""}"`);
    args.purpose = value as ExportPurpose;
  } else if (flag === "--out") {
    if (!value) fail("--out: expected a file name");
    args.out = value;
  } else fail(`unknown argument "${arg}"`);
}

loadCliConfig({ embeddedSecrets: isEmbedded() });
const { db } = await import("../lib/db/index.ts");
const { audit } = await import("../lib/audit/log.ts");
const { streamBulkExport } = await import("../lib/export/stream-bulk-export.ts");

let newsletterId: string | null = null;
if (args.newsletter) {
  const n = await db.newsletter.findUnique({ where: { slug: args.newsletter }, select: { id: true } });
  if (!n) fail(`--newsletter: no newsletter with the slug "${args.newsletter}"`);
  newsletterId = n.id;
}
const started = Date.now();
let summary: { exported: number; excluded: Record<string, number> } | null = null;
const stream = await streamBulkExport({ format: args.format, newsletterId, purpose: args.purpose, onSummary: (s) => void (summary = s) });
await audit(db, "system", "export.bulk", newsletterId ?? "all", { format: args.format, purpose: args.purpose, via: "cli" });
try {
  // one object, two declarations: Node's global ReadableStream is node:stream/web's (TypeScript's DOM lib declares its own)
  await pipeline(Readable.fromWeb(stream as NodeReadableStream<Uint8Array>), args.out ? fs.createWriteStream(args.out) : process.stdout);
} catch (err) {
  console.error(`error: the export stopped: ${(err as Error).message}`);
  process.exit(1);
}
const done = summary as { exported: number; excluded: Record<string, number> } | null;
if (done && args.purpose !== "proof") {
  const excluded = Object.entries(done.excluded).map(([r, n]) => `${n} ${r}`).join(", ") || "none";
  console.error(`export: ${done.exported} rows exported for ${args.purpose}; excluded: ${excluded}`);
}
const cpu = process.cpuUsage();
console.error(
  `export: done in ${((Date.now() - started) / 1000).toFixed(1)} s (peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`,
);
await db.$disconnect();
process.exit(0);
