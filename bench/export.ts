// Benchmark (not part of npm test): the streaming NDJSON consent export of 1,000,000 subscribers on
// SQLite, through the real code path (lib/export/stream-bulk-export.ts, including the ledger verification
// in its header) in a child process. Prints the time (verification and streaming apart), the child's peak
// RSS and CPU time, and the machine's ceiling: one raw better-sqlite3 SELECT ... JOIN written as JSON lines.
//
//   npx tsx bench/export.ts [--subscribers=1000000] [--events-per-subscriber=2] [--page-size=2000] [--keep] [--db=FILE]
//
// --db=FILE reuses the bench.db of an earlier --keep run (generating 1M subscribers takes minutes).
// The child runs with the node flags of `npm run export` (package.json; the product's way to export a list
// this size, scripts/export.ts): Liftoff only for Prisma's query-compiler WebAssembly (no optimising
// recompilation, whose code and compile memory showed as ~20-40 MB of RSS) and a capped old space, so V8
// collects the export's short-lived garbage instead of growing the heap towards it. BENCH_NODE_FLAGS overrides
// them ("" runs without).
//
// Target: under 60 s with RSS under 250 MB.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import Database from "better-sqlite3";
import { freshBenchDatabase, intArg } from "./support/bench-env.ts";

const arg = intArg;

// ---------- child: run the export into a file and report its own figures ----------
if (process.argv.includes("--child")) {
  const out = process.env.BENCH_OUT!;
  const { streamBulkExport } = await import("../lib/export/stream-bulk-export.ts");
  const { verifyLedger } = await import("../lib/consent/ledger.ts");
  const { db } = await import("../lib/db/index.ts");
  const { LEDGER_PAGE } = await import("../lib/export/stream-bulk-export.ts");
  await db.subscriber.findFirst(); // connect: what the process holds before exporting anything
  const baselineKb = process.resourceUsage().maxRSS;
  const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const ledger = await verifyLedger(db, LEDGER_PAGE); // as bulkExportHeader does
  const verifyMs = performance.now() - t0;
  const verifyCpuMs = cpuMs(process.cpuUsage(c0));
  const verifyRssKb = process.resourceUsage().maxRSS;
  const stream = await streamBulkExport({ format: "ndjson", pageSize: arg("page-size", 2000), ledger });
  // one object, two declarations: Node's global ReadableStream is node:stream/web's (TypeScript's DOM lib declares its own)
  await pipeline(Readable.fromWeb(stream as NodeReadableStream<Uint8Array>), fs.createWriteStream(out));
  const ms = performance.now() - t0;
  const cpuTotalMs = cpuMs(process.cpuUsage(c0));
  const rssKb = process.resourceUsage().maxRSS;
  const heapMb = process.memoryUsage().heapTotal / 1048576;
  await db.$disconnect();
  console.log(JSON.stringify({ ms, verifyMs, streamMs: ms - verifyMs, verifyCpuMs, streamCpuMs: cpuTotalMs - verifyCpuMs, rssKb, verifyRssKb, baselineKb, heapMb, ledger }));
  process.exit(0);
}

// ---------- parent: generate, run the child, measure the ceiling ----------
const EVENTS_PER = arg("events-per-subscriber", 2);
const reuse = process.argv.find((a) => a.startsWith("--db="))?.slice("--db=".length);
const { dir, file } = await freshBenchDatabase("pmx-export-bench");
if (reuse) {
  fs.rmSync(file); // the fresh, empty one: a hard link to the kept database takes its place (read only here)
  fs.linkSync(reuse, file);
}
const loadAtStart = os.loadavg();
const { eventHash, piiDigestOf, GENESIS_HASH } = await import("../lib/consent/ledger.ts");
const { sha256 } = await import("../lib/util/hash.ts");

const ts = (d: number) => new Date(d).toISOString().replace("Z", "+00:00");
const sql = new Database(file);
sql.pragma("journal_mode = WAL");
sql.pragma("synchronous = NORMAL");
const SUBSCRIBERS = reuse ? (sql.prepare(`SELECT count(*) n FROM "Subscriber"`).get() as { n: number }).n : arg("subscribers", 1_000_000);
if (reuse) console.log(`reusing ${reuse}: ${SUBSCRIBERS.toLocaleString("en")} subscribers`);
else generate();

function generate() {
  const NOW = Date.now();
  const nl = ["benchnewsletter000000001", "benchnewsletter000000002"];
  const formId = "benchform000000000000001";
  const fvId = "benchformversion00000001";
  const text = "Ja, stuur mij de nieuwsbrief. Org B.V., Straat 1, Utrecht. Afmelden kan altijd.";
  for (const [i, id] of nl.entries())
    sql.prepare(`INSERT INTO "Newsletter" (id, slug, name, language, fromName, fromEmail, categories, createdAt, updatedAt) VALUES (?, ?, ?, 'nl', 'Org', 'news@org.example', '[]', ?, ?)`).run(id, `bench${i}`, `Bench ${i}`, ts(NOW), ts(NOW));
  sql.prepare(`INSERT INTO "Form" (id, slug, name, language, draft, createdAt, updatedAt) VALUES (?, 'bench', 'Bench', 'nl', '{}', ?, ?)`).run(formId, ts(NOW), ts(NOW));
  sql.prepare(`INSERT INTO "FormVersion" (id, formId, version, language, definition, newsletterIds, renderedText, contentHash, controllerIdentity, privacyUrl, retentionStatement, createdAt) VALUES (?, ?, 1, 'nl', '{}', ?, ?, ?, 'Org B.V.', 'https://org.example/privacy', '-', ?)`)
    .run(fvId, formId, JSON.stringify(nl), text, sha256(text), ts(NOW));

  const insSubscriber = sql.prepare(`INSERT INTO "Subscriber" (id, email, name, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)`);
  const insSubscription = sql.prepare(`INSERT INTO "Subscription" (id, subscriberId, newsletterId, status, basis, method, source, formVersionId, givenAt, confirmedAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'consent', 'double_opt_in', 'own_form', ?, ?, ?, ?, ?)`);
  const insEvent = sql.prepare(`INSERT INTO "ConsentEvent" (id, seq, type, at, subscriberId, subscriptionId, newsletterIds, formVersionId, actor, details, ip, userAgent, piiDigest, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'subject', NULL, ?, ?, ?, ?, ?)`);
  const UA = "Mozilla/5.0 (bench)";
  let seq = 0;
  let prevHash = GENESIS_HASH;

  const tGen = performance.now();
  sql.transaction(() => {
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const id = `s${i.toString(36).padStart(12, "0")}`;
      const subId = `sb${i.toString(36).padStart(11, "0")}`;
      const newsletterId = nl[i % 2];
      const created = NOW - (i % 900) * 86_400_000;
      const pending = i % 10 === 0;
      insSubscriber.run(id, `person${i}@bench.example`, i % 3 === 0 ? `Person ${i}` : null, ts(created), ts(created));
      insSubscription.run(subId, id, newsletterId, pending ? "pending" : "confirmed", fvId, ts(created), pending ? null : ts(created + 300_000), ts(created), ts(created));
      for (let k = 0; k < EVENTS_PER; k++) {
        const ip = `10.${(seq >> 16) & 255}.${(seq >> 8) & 255}.${seq & 255}`;
        const at = created + k * 300_000;
        const type = k === 0 ? "signup" : "confirm";
        const fields = { seq: ++seq, type, at: new Date(at), subscriberId: id, subscriptionId: subId, newsletterIds: [newsletterId], formVersionId: fvId, actor: "subject", details: null, piiDigest: piiDigestOf(ip, UA) };
        const hash = eventHash(prevHash, fields);
        insEvent.run(`ev${seq.toString(36).padStart(10, "0")}`, seq, type, ts(at), id, subId, JSON.stringify([newsletterId]), fvId, ip, UA, fields.piiDigest, prevHash, hash);
        prevHash = hash;
      }
    }
  })();
  // The export should read a checkpointed database, not through a WAL of gigabytes.
  const [checkpoint] = sql.pragma("wal_checkpoint(TRUNCATE)") as { busy: number; log: number; checkpointed: number }[];
  if (checkpoint.busy) console.warn(`warning: the WAL checkpoint did not complete: ${JSON.stringify(checkpoint)}`);
  console.log(`generated ${SUBSCRIBERS.toLocaleString("en")} subscribers, ${SUBSCRIBERS.toLocaleString("en")} subscriptions, ${seq.toLocaleString("en")} ledger events in ${((performance.now() - tGen) / 1000).toFixed(1)} s (${(fs.statSync(file).size / 1e6).toFixed(0)} MB)`);
}

// The real export, in a fresh process so its peak RSS is its own.
const out = path.join(dir, "export.ndjson");
const exportScript: string = JSON.parse(fs.readFileSync("package.json", "utf8")).scripts.export;
const productFlags = exportScript.split(" ").filter((w) => w.startsWith("--")).join(" ");
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? productFlags).split(" ").filter(Boolean);
const child = spawnSync(process.execPath, [...nodeFlags, "--import", "tsx", import.meta.filename, "--child", ...process.argv.slice(2)], {
  env: { ...process.env, BENCH_OUT: out }, encoding: "utf8", maxBuffer: 1 << 26,
});
if (child.status !== 0) {
  console.error(child.stderr || child.stdout);
  process.exit(1);
}
const r = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as {
  ms: number; verifyMs: number; streamMs: number; verifyCpuMs: number; streamCpuMs: number; rssKb: number; verifyRssKb: number; baselineKb: number; heapMb: number;
  ledger: { ok: boolean; events: number };
};
const loadAfterExport = os.loadavg();
let lines = 0; // header + one per subscription, counted without reading the file into memory
for await (const chunk of fs.createReadStream(out)) for (const b of chunk as Buffer) if (b === 10) lines++;
const size = fs.statSync(out).size;
console.log(`child: ${JSON.stringify(r)}`);

// Ceiling: the same rows straight from SQLite as JSON lines, no ORM, no ledger verification.
const tC = performance.now();
const ws = fs.createWriteStream(path.join(dir, "ceiling.ndjson"));
let buf = "";
for (const row of sql.prepare(`SELECT s.id subscription_id, s.subscriberId subscriber_id, p.email, s.newsletterId newsletter_id, n.name newsletter, s.status, s.basis, s.method, s.source, s.sourceProofNamesOrg, s.proofReference, s.givenBy, s.givenAt, s.confirmedAt, s.unsubscribedAt, s.formVersionId, f.contentHash FROM "Subscription" s JOIN "Subscriber" p ON p.id = s.subscriberId JOIN "Newsletter" n ON n.id = s.newsletterId LEFT JOIN "FormVersion" f ON f.id = s.formVersionId ORDER BY s.id`).iterate()) {
  buf += JSON.stringify(row) + "\n";
  if (buf.length > 1 << 20) {
    if (!ws.write(buf)) await new Promise<void>((res) => ws.once("drain", () => res()));
    buf = "";
  }
}
ws.end(buf);
await new Promise<void>((res) => ws.on("finish", () => res()));
const ceilingMs = performance.now() - tC;

const ok = r.ms < 60_000 && r.rssKb < 250 * 1024 && lines === SUBSCRIBERS + 1 && r.ledger.ok;
console.log(`export: ${lines - 1} rows (+ header), ${(size / 1e6).toFixed(0)} MB NDJSON`);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(`  child node flags: ${nodeFlags.join(" ") || "(none)"}`);
console.log(`  total ${s(r.ms)} = ledger verification ${s(r.verifyMs)} (${r.ledger.events.toLocaleString("en")} events, ok=${r.ledger.ok}; CPU ${s(r.verifyCpuMs)}) + streaming ${s(r.streamMs)} (CPU ${s(r.streamCpuMs)})`);
console.log(`  peak RSS ${(r.rssKb / 1024).toFixed(0)} MB (${(r.verifyRssKb / 1024).toFixed(0)} MB by the end of verification; the process held ${(r.baselineKb / 1024).toFixed(0)} MB before exporting; V8 heap at the end ${r.heapMb.toFixed(0)} MB)`);
console.log(`  ceiling (raw SQLite SELECT ... JOIN to JSON lines, no verification): ${(ceilingMs / 1000).toFixed(1)} s`);
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(", ");
console.log(`  load average (1, 5, 15 min): ${load(loadAtStart)} at the start, ${load(loadAfterExport)} after the export, ${load(os.loadavg())} at the end`);
console.log(`target < 60 s and < 250 MB: ${ok ? "met" : "NOT met"}`);
sql.close();
if (!process.argv.includes("--keep")) fs.rmSync(dir, { recursive: true, force: true });
else console.log(`kept ${dir} (reuse with --db=${file})`);
process.exit(ok ? 0 : 1);
