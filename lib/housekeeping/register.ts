// Registers housekeeping with the worker (imported once from lib/worker/handlers.ts): one hourly job that
// prunes every kind of dead row and logs the counts in one line.
import { z } from "zod";
import { defineJob, registerSchedule } from "../worker/registry.ts";
import { getLogger } from "../log/logger.ts";
import { pruneAll } from "./prune.ts";

const log = getLogger("housekeeping");

export const HOUSEKEEPING_JOB = defineJob("housekeeping.prune", z.null().optional(), async () => {
  const deleted = await pruneAll();
  log.info({ deleted }, "housekeeping: pruned expired rows");
});
registerSchedule({ job: HOUSEKEEPING_JOB, everyMs: 60 * 60 * 1000, payload: null });
