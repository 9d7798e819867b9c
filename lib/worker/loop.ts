// The worker: one loop that runs the registered tickers (the send pipeline), claims due jobs, and keeps
// recurring jobs scheduled. Embedded default: started inside the web server (instrumentation.ts).
// PostgreSQL deployments: any number of `npm run worker` processes.
import { claimJob, ensureScheduled, finishJob } from "./jobs.ts";
import { jobs, parsePayload, schedules, tickers, type JobContext } from "./registry.ts";
import "./handlers.ts";
import { getLogger } from "../log/logger.ts";
import { workerIdleMs } from "../config/tuning.ts";

const logger = getLogger("worker");

import { newWorkerId } from "./worker-id.ts";
import { startInboundSmtpIfConfigured } from "../inbound/smtp-listener.ts";

const SCHEDULE_EVERY_MS = 60_000;

export async function runWorker(opts: { signal: AbortSignal; workerId?: string; log?: (line: string) => void }) {
  const ctx: JobContext = { workerId: opts.workerId ?? newWorkerId(), signal: opts.signal };
  const log = opts.log ?? ((l: string) => logger.error({ workerId: ctx.workerId }, l));
  // Door (b) of inbound processing (lib/inbound): bounces, complaints and unsubscribe replies by SMTP.
  const inbound = await startInboundSmtpIfConfigured();
  try {
    await loop(ctx, opts, log);
  } finally {
    await inbound?.close();
  }
}

async function loop(ctx: JobContext, opts: { signal: AbortSignal; log?: (line: string) => void }, log: (line: string) => void) {
  let lastSchedule = 0;
  while (!opts.signal.aborted) {
    let busy = false;
    try {
      if (Date.now() - lastSchedule > SCHEDULE_EVERY_MS) {
        for (const s of schedules) await ensureScheduled(s.job, s.everyMs, s.payload);
        lastSchedule = Date.now();
      }
      for (const t of tickers) if (await t.run(ctx)) busy = true;
      const job = await claimJob(ctx.workerId);
      if (job) {
        busy = true;
        const definition = jobs.get(job.kind);
        try {
          if (!definition) throw new Error(`no handler for job kind "${job.kind}"`);
          await definition.run(parsePayload(definition, job.payload), ctx);
          await finishJob(job.id);
        } catch (err) {
          if (opts.log) log(`job ${job.kind} ${job.id} failed: ${(err as Error).message}`);
          else logger.error({ workerId: ctx.workerId, job: { id: job.id, kind: job.kind }, err }, `job ${job.kind} failed`);
          await finishJob(job.id, err);
        }
      }
    } catch (err) {
      log(`loop error: ${(err as Error).message}`);
    }
    if (!busy) await sleep(workerIdleMs(), opts.signal);
  }
}

function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
