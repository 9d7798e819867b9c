// Registers the purge with the worker: the daily schedule, and the job the admin's "start a dry run"
// queues (payload: the PurgeRun row to fill in).
import { registerJob, registerSchedule } from "../worker/registry.ts";
import { runPurge, type PurgeTrigger } from "./run-purge.ts";

export const PURGE_EVERY_MS = 24 * 60 * 60 * 1000;

type Payload = { runId?: string; dryRun?: boolean; trigger?: PurgeTrigger } | null | undefined;

registerJob("purge", async (payload, ctx) => {
  const p = (payload ?? {}) as Exclude<Payload, null | undefined>;
  await runPurge({ trigger: p.trigger ?? "schedule", dryRun: p.dryRun === true, runId: p.runId, signal: ctx.signal });
});
registerSchedule({ kind: "purge", everyMs: PURGE_EVERY_MS });
