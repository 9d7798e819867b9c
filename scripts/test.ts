// `npm test`: every test (unit and integration with vitest, end-to-end with Playwright in Chromium) on
// the database DATABASE_URL names: SQLite when unset, a fresh PostgreSQL schema per file when postgres://.
// Ends with one line `N passed, N failed`; the counts also go to TEST_SUMMARY_FILE when set.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { spawn, spawnSync } from "node:child_process";

const bin = (name: string) => path.resolve("node_modules/.bin", name);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "proofmail-run-"));
const only = process.argv[2]; // "unit" | "e2e" | undefined (both)

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;
}

/** Debian packages the tests need: Chromium for the browser tests, Dovecot as the IMAP server of the inbound tests. */
const SYSTEM_PACKAGES = [
  { path: "/usr/bin/chromium", name: "chromium" },
  { path: "/usr/sbin/dovecot", name: "dovecot-imapd" },
];

function ensureSystemPackages() {
  const missing = SYSTEM_PACKAGES.filter((p) => !fs.existsSync(p.path)).map((p) => p.name);
  if (!missing.length) return;
  console.log(`npm test: installing Debian's ${missing.join(", ")} for the tests...`);
  if (process.getuid?.() !== 0) {
    console.error(`npm test: ${missing.join(", ")} missing; install with: sudo apt-get install -y ${missing.join(" ")}`);
    process.exit(1);
  }
  if (run("sh", ["-c", `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(" ")}`]) !== 0) process.exit(1);
}

let passed = 0;
let failed = 0;
const failures: string[] = []; // names of failed tests, repeated at the end so a long log's tail shows them

type PwSuite = { title: string; file?: string; specs?: { title: string; ok: boolean; line?: number }[]; suites?: PwSuite[] };
function playwrightFailures(suites: PwSuite[], file = ""): string[] {
  return suites.flatMap((s) => [
    ...(s.specs ?? []).filter((t) => !t.ok).map((t) => `${s.file ?? file}:${t.line ?? 0} › ${t.title}`),
    ...playwrightFailures(s.suites ?? [], s.file ?? file),
  ]);
}

ensureSystemPackages();

function runUnit() {
  const out = path.join(tmp, "vitest.json");
  const code = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests + (r.numTotalTestSuites && !r.success && r.numFailedTests === 0 ? 1 : 0);
    for (const file of r.testResults ?? []) {
      const rel = path.relative(process.cwd(), file.name);
      const bad = (file.assertionResults ?? []).filter((a: { status: string }) => a.status === "failed");
      for (const a of bad) failures.push(`${rel} › ${a.fullName}`);
      if (file.status === "failed" && bad.length === 0) failures.push(`${rel} (the file failed to run)`);
    }
  } else if (code !== 0) failed += 1;
}

/** n different ports nobody listens on now (the OS picks them, all held open until each is known). */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<net.Server>((resolve, reject) => {
      const s = net.createServer().once("error", reject);
      s.listen(0, "127.0.0.1", () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

// The browser tests wait on the app, the mail server and Chromium more than they compute, so they run as
// three side-by-side parts, each with its own server, database and mail server (playwright.config.ts):
// the accessibility spec (the longest) and the other specs in two shards. Inside a part the tests run one
// after the other, as they always did: they share that part's server and database.
const E2E_PARTS = [
  { name: "a11y", env: { E2E_PART: "a11y" }, args: [] },
  { name: "rest-1", env: { E2E_PART: "rest" }, args: ["--shard=1/2"] },
  { name: "rest-2", env: { E2E_PART: "rest" }, args: ["--shard=2/2"] },
];

async function runE2ePart(part: (typeof E2E_PARTS)[number], [appPort, smtpPort]: number[]) {
  const out = path.join(tmp, `playwright-${part.name}.json`);
  const log = path.join(tmp, `playwright-${part.name}.log`);
  const env = {
    ...process.env, ...part.env, PLAYWRIGHT_JSON_OUTPUT_NAME: out, E2E_OUTPUT_DIR: `test-results/${part.name}`,
    E2E_APP_PORT: String(appPort), E2E_SMTP_PORT: String(smtpPort),
  };
  const fd = fs.openSync(log, "w");
  const code = await new Promise<number>((resolve) => {
    spawn(bin("playwright"), ["test", "--reporter=list,json", ...part.args], { stdio: ["ignore", fd, fd], env })
      .on("exit", (c) => resolve(c ?? 1))
      .on("error", () => resolve(1));
  });
  fs.closeSync(fd);
  console.log(`\n=== browser tests, part ${part.name} (exit ${code}) ===\n${fs.readFileSync(log, "utf8")}`);
  if (!fs.existsSync(out)) return void (failed += 1);
  const report = JSON.parse(fs.readFileSync(out, "utf8"));
  const st = report.stats;
  failures.push(...playwrightFailures(report.suites ?? []).map((f) => `${f} (part ${part.name})`));
  passed += st.expected + st.flaky;
  failed += st.unexpected + (st.expected + st.unexpected + st.flaky === 0 ? 1 : 0);
}

async function runE2e() {
  const build = run(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], { NODE_ENV: "production" });
  if (build !== 0) return void (failed += 1);
  const ports = await freePorts(2 * E2E_PARTS.length);
  await Promise.all(E2E_PARTS.map((part, i) => runE2ePart(part, ports.slice(2 * i, 2 * i + 2))));
}

// TEST_E2E_FIRST=1 runs the browser tests before vitest: .ci/run gives it to one of its two side-by-side
// runs, so one run's CPU-bound build and browser tests overlap the other's vitest files, many of which wait
// (outages, crashes, leases) more than they compute.
const unit = only !== "e2e" ? [runUnit] : [];
const e2e = only !== "unit" ? [runE2e] : [];
for (const phase of process.env.TEST_E2E_FIRST === "1" ? [...e2e, ...unit] : [...unit, ...e2e]) {
  const t0 = Date.now();
  await phase();
  console.log(`npm test: ${phase === runUnit ? "vitest" : "build and browser tests"} took ${Math.round((Date.now() - t0) / 1000)} s`);
}

fs.rmSync(tmp, { recursive: true, force: true });
if (process.env.TEST_SUMMARY_FILE) fs.writeFileSync(process.env.TEST_SUMMARY_FILE, JSON.stringify({ passed, failed, failures }));
if (failures.length) console.log(`\nfailed:\n${failures.map((f) => `  ${f}`).join("\n")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
