// Registers housekeeping with the worker (imported once from lib/worker/handlers.ts): one hourly job that
// prunes every kind of dead row and logs the counts in one line.
import { registerJob, registerSchedule } from "../worker/registry.ts";
import { getLogger } from "../log/logger.ts";
import { pruneAll } from "./prune.ts";

export const HOUSEKEEPING_JOB = "housekeeping.prune";

const log = getLogger("housekeeping");

registerJob(HOUSEKEEPING_JOB, async () => {
  const deleted = await pruneAll();
  log.info({ deleted }, "housekeeping: pruned expired rows");
});
registerSchedule({ kind: HOUSEKEEPING_JOB, everyMs: 60 * 60 * 1000 });
