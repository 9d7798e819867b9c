// `npm run purge -- --dry-run`: what the retention purge would do, by reason and count, changing nothing.
// `npm run purge`: do it and print the report. A progress bar on long runs (when stderr is a terminal).
import { isEmbedded, loadCliConfig } from "./env.ts";

const USAGE = `usage: npm run purge -- [--dry-run] [--now=<ISO date-time, only with --dry-run>] [--batch-size=<1..10000>] [--json]
  --dry-run        print what would happen, change nothing
  --now=...        evaluate the policies as of this moment (a preview; only with --dry-run)
  --batch-size=N   subscribers per transaction (default 10000, as the purge job)
  --json           print the counts as one line of JSON instead of the report`;

function fail(message: string): never {
  console.error(`error: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

const args = { dryRun: false, json: false, now: undefined as Date | undefined, batchSize: undefined as number | undefined };
for (const arg of process.argv.slice(2)) {
  const [flag, value] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
  if (flag === "--help" || flag === "-h") {
    console.log(USAGE);
    process.exit(0);
  } else if (flag === "--dry-run" && value === undefined) args.dryRun = true;
  else if (flag === "--json" && value === undefined) args.json = true;
  else if (flag === "--now") {
    if (!value || !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(value) || Number.isNaN(Date.parse(value)))
      fail(`--now: expected an ISO date-time with a time zone, e.g. --now=2026-01-31T00:00:00Z, got "${value ?? ""}"`);
    args.now = new Date(value);
  } else if (flag === "--batch-size") {
    const n = Number(value);
    if (!value || !Number.isInteger(n) || n < 1 || n > 10_000) fail(`--batch-size: expected a whole number from 1 to 10000, got "${value ?? ""}"`);
    args.batchSize = n;
  } else fail(`unknown argument "${arg}"`);
}
// Purging as of a future date would erase people early: only a preview may move the clock.
if (args.now && !args.dryRun) fail("--now: only allowed together with --dry-run");

loadCliConfig({ embeddedSecrets: isEmbedded() });
const { db } = await import("../lib/db/index.ts");
const { runPurge } = await import("../lib/retention/run-purge.ts");
const { formatPurgeReport } = await import("../lib/retention/purge-report.ts");
const { SingleBar, Presets } = (await import("cli-progress")).default;

const now = args.now ?? new Date();
const started = Date.now();
let bar: InstanceType<typeof SingleBar> | null = null;
const ac = new AbortController();
for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => ac.abort());

try {
  const result = await runPurge({
    trigger: "cli",
    dryRun: args.dryRun,
    now,
    batchSize: args.batchSize,
    signal: ac.signal,
    onProgress: ({ processed, total, phase }) => {
      // A bar only on long runs and when someone watches.
      if (!bar && process.stderr.isTTY && !args.json && total >= 5000) {
        bar = new SingleBar({ format: "purge [{bar}] {percentage}% | {value}/{total} | {phase} | {eta_formatted} left", stream: process.stderr }, Presets.shades_classic);
        bar.start(total, 0, { phase });
      }
      bar?.setTotal(total);
      bar?.update(processed, { phase });
    },
  });
  (bar as InstanceType<typeof SingleBar> | null)?.stop();
  if (args.json) console.log(JSON.stringify({ runId: result.runId, dryRun: result.dryRun, now: now.toISOString(), ms: Date.now() - started, counts: result.counts }));
  else console.log(formatPurgeReport({ dryRun: result.dryRun, counts: result.counts, now, ms: Date.now() - started }));
  await db.$disconnect();
  process.exit(result.counts.errors > 0 ? 1 : 0);
} catch (err) {
  (bar as InstanceType<typeof SingleBar> | null)?.stop();
  console.error(`error: purge failed: ${(err as Error).message.split("\n").filter(Boolean).at(-1)}`);
  await db.$disconnect().catch(() => {});
  process.exit(1);
}
