// Benchmark (not part of npm test): one issue to N confirmed subscribers through the real pipeline
// (startSend, then `npm run worker` processes: claim, gate per recipient, build, SMTP, record) into a local
// smtp-server sink running in its own process. Prints messages/s, the workers' peak RSS and CPU, and, in the
// same run, the raw ceiling: the same pooled nodemailer transport sending the same messages, pre-built.
//
//   npx tsx bench/send.ts [--n=100000] [--db=sqlite|postgres] [--ceiling=20000] [--workers=1]
//
// --db=postgres uses a fresh schema in $BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test).
// --workers=K runs K worker processes (PostgreSQL: they share the send through SKIP LOCKED).
// Target on a 2-core machine: ≥ 1,000 messages/s, RSS < 300 MB.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";

const arg = (name: string, fallback: string) => process.argv.find((x) => x.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
const int = (name: string, fallback: number) => {
  const n = Number(arg(name, String(fallback)));
  if (!Number.isInteger(n) || n < 0) {
    console.error(`error: --${name}: expected a whole number`);
    process.exit(2);
  }
  return n;
};

// ---------- role: SMTP sink (own process, so it does not share the worker's event loop) ----------
if (process.argv.includes("--sink")) {
  const { SMTPServer } = await import("smtp-server");
  let count = 0;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ["STARTTLS", "AUTH"], disableReverseLookup: true, logger: false, size: 1 << 24,
    onData(stream, _s, cb) {
      stream.on("data", () => {});
      stream.on("end", () => {
        count++;
        cb();
      });
    },
  });
  server.on("error", () => {}); // a client that goes away mid-session is not the sink's problem
  server.listen(0, "127.0.0.1", () => process.send!({ port: (server.server.address() as { port: number }).port }));
  process.on("message", (m: { count?: boolean }) => m.count && process.send!({ count }));
  process.on("disconnect", () => process.exit(0)); // the parent is gone
  await new Promise(() => {});
}

// ---------- parent ----------
const N = int("n", 100_000);
const CEILING = int("ceiling", 20_000);
const WORKERS = Math.max(1, int("workers", 1));
const provider = arg("db", "sqlite");
if (provider !== "sqlite" && provider !== "postgres") {
  console.error('error: --db: expected "sqlite" or "postgres"');
  process.exit(2);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "proofmail-bench-send-"));
const schema = `bench_${randomBytes(4).toString("hex")}`;
const pgBase = process.env.BENCH_PG_URL || "postgres://postgres@127.0.0.1:5432/test";
const databaseUrl = provider === "sqlite" ? `file:${path.join(dir, "bench.db")}` : `${pgBase}${pgBase.includes("?") ? "&" : "?"}schema=${schema}`;

const sink = spawn(process.execPath, [...process.execArgv, process.argv[1], "--sink"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
const port = await new Promise<number>((resolve) => sink.once("message", (m: { port: number }) => resolve(m.port)));
const sinkCount = () => new Promise<number>((resolve) => { sink.once("message", (m: { count: number }) => resolve(m.count)); sink.send({ count: true }); });
const smtpUrl = `smtp://127.0.0.1:${port}`;

Object.assign(process.env, {
  DATABASE_URL: databaseUrl, SMTP_URL: smtpUrl, DATA_DIR: path.join(dir, "data"), APP_URL: "https://news.example.org",
  AUTH_SECRET: "bench-auth-secret-0123456789abcdef", SUPPRESSION_KEY: "bench-suppression-key-0123456789abcdef",
});

const { migrate } = await import("../lib/db/migrate.ts");
await migrate({ provider, url: databaseUrl });
const { db } = await import("../lib/db/index.ts");
const fx = await import("../lib/sending/testing/fixtures.ts");
const { startSend } = await import("../lib/sending/start-send.ts");
const { createSmtpTransport } = await import("../lib/mail/transport.ts");
const { createMailMerge } = await import("../lib/mail/mail-merge.ts");
const { loadSendContext, prepareMessage } = await import("../lib/sending/prepare-message.ts");
const { loadRecipients } = await import("../lib/sending/load-recipients.ts");

console.log(`bench/send: ${N.toLocaleString("en")} recipients, ${provider}, ${WORKERS} worker process(es); ${os.cpus().length} cores, ${os.cpus()[0]?.model}, node ${process.version}`);
let t = performance.now();
await fx.seedOrganisation();
const nl = await fx.seedNewsletter({ name: "Bench weekly" });
const fv = await fx.seedFormVersion([nl.id]);
await fx.seedManyConfirmed({ newsletterId: nl.id, formVersionId: fv.id, n: N, prefix: "bench" });
const issue = await db.issue.create({
  data: {
    newsletterId: nl.id, subject: "This week at Bench", preheader: "Five things worth reading",
    categories: ["bikes"], thirdPartyPromotion: false, basis: "consent", declaredAt: new Date(), // declared: only a declared issue is sent
    bodyMarkdown: Array.from({ length: 8 }, (_, i) => `## Item ${i + 1}\n\nSome text about [item ${i + 1}](https://example.org/items/${i + 1}) that runs over a few lines, as a newsletter does. `.repeat(2)).join("\n\n"),
  },
});
console.log(`  seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// Ceiling: the same transport and the same messages (built and merged beforehand), no database.
{
  const ctx = (await loadSendContext(issue.id))!;
  const subs = await db.subscription.findMany({ where: { newsletterId: nl.id }, take: CEILING, select: { id: true } });
  const rows = await loadRecipients(db, subs.map((s) => s.id));
  const built = [...rows.values()].map((r, i) => prepareMessage(ctx, r, `ceiling-${i}`).mail);
  const merge = await createMailMerge(built[0]);
  const mails = built.map(merge); // the bytes the pipeline sends, ready: only transport and sink remain
  const transport = createSmtpTransport(smtpUrl);
  const before = await sinkCount();
  t = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 10 }, async () => {
    while (next < mails.length) await transport.sendMail(mails[next++]);
  }));
  const ms = performance.now() - t;
  transport.close();
  if ((await sinkCount()) - before !== mails.length) throw new Error("ceiling: sink count mismatch");
  console.log(`  ceiling (pooled nodemailer → sink, ${mails.length.toLocaleString("en")} pre-built messages): ${Math.round(mails.length / (ms / 1000))} messages/s`);
}

t = performance.now();
const started = await startSend({ issueId: issue.id, actor: "system" });
if (!started.ok) throw new Error(started.error);
console.log(`  startSend (report + ${N.toLocaleString("en")} deliveries) in ${((performance.now() - t) / 1000).toFixed(1)} s; report: ${started.report.recipients} recipients`);

// The workers are the product's own: `npm run worker` processes (heap cap and all), stopped with SIGTERM
// once the send is done; each prints its peak RSS and CPU time when it stops.
const before = await sinkCount();
t = performance.now();
const workers = Array.from({ length: WORKERS }, () => {
  const c = spawn("npm", ["run", "--silent", "worker"], {
    env: { ...process.env, WORKER_IDLE_MS: "20", ...(process.env.BENCH_PROF ? { NODE_OPTIONS: `--require ${path.resolve("bench/support/cpu-profile.cjs")}` } : {}), ...(process.env.BENCH_WORKER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS } : {}) },
    detached: true, // own process group: npm and tsx start the worker in child processes
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  c.stdout!.on("data", (d) => (out += d));
  // "close", not "exit": npm may exit before the worker under it has written its last line to the pipe.
  const exited = new Promise<string>((resolve) => c.once("close", () => resolve(out)));
  return { c, exited, gone: false };
});
for (const w of workers) void w.exited.then(() => (w.gone = true));
for (;;) {
  if (workers.every((w) => w.gone)) throw new Error("every worker exited before the send was done");
  const s = await db.send.findUnique({ where: { id: started.sendId }, select: { status: true } });
  if (s?.status !== "running") break;
  await new Promise((r) => setTimeout(r, 100));
}
const ms = performance.now() - t;
for (const w of workers) process.kill(-w.c.pid!, "SIGTERM");
const stats = (await Promise.all(workers.map((w) => w.exited))).map((out) => {
  const m = /peak RSS (\d+) MB, CPU ([\d.]+) s/.exec(out);
  if (!m) throw new Error(`a worker stopped without its figures: ${out}`);
  return { rssMb: Number(m[1]), cpuMs: Number(m[2]) * 1000 };
});
const delivered = (await sinkCount()) - before;
const sent = await db.delivery.count({ where: { sendId: started.sendId, status: "sent" } });
const rssMb = Math.max(...stats.map((r) => r.rssMb));
const cpuMs = stats.reduce((a, r) => a + r.cpuMs, 0);
console.log(`  pipeline: ${sent.toLocaleString("en")} sent (${delivered.toLocaleString("en")} at the sink) in ${(ms / 1000).toFixed(1)} s (worker start-up included) = ${Math.round(sent / (ms / 1000))} messages/s; worker peak RSS ${rssMb.toFixed(0)} MB`);
console.log(`  worker CPU (user + system, start-up included): ${(cpuMs / 1000).toFixed(1)} s = ${Math.round((cpuMs * 1000) / Math.max(1, sent))} µs per message`);
if (sent !== N || delivered !== N) console.log("  WARNING: not every message was delivered exactly once");

sink.kill();
await db.$disconnect();
if (provider === "postgres") {
  const pg = await import("pg");
  const c = new pg.default.Client({ connectionString: pgBase });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await c.end();
}
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);
