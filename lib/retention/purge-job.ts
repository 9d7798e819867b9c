// Registers the purge with the worker: the daily schedule, and the job the admin's "start a dry run"
// queues (payload: the PurgeRun row to fill in).
import { z } from "zod";
import { defineJob, registerSchedule } from "../worker/registry.ts";
import { runPurge } from "./run-purge.ts";
import { purgeStaleUploads } from "../imports/uploads.ts";

export const PURGE_EVERY_MS = 24 * 60 * 60 * 1000;

export const PURGE_JOB = defineJob(
  "purge",
  z.object({ runId: z.string().max(40).optional(), dryRun: z.boolean().optional(), trigger: z.enum(["schedule", "admin", "cli"]).optional() }).nullish(),
  async (p, ctx) => {
    await runPurge({ trigger: p?.trigger ?? "schedule", dryRun: p?.dryRun === true, runId: p?.runId, signal: ctx.signal });
    if (p?.dryRun !== true) await purgeStaleUploads(); // files staged for an import's mapping step, older than a day
  },
);
registerSchedule({ job: PURGE_JOB, everyMs: PURGE_EVERY_MS, payload: null });
