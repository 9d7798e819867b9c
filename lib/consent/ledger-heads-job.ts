// Registers the signing of ledger heads with the worker (imported once from lib/worker/handlers.ts): every
// 10 minutes, a new signed head when the ledger grew since the latest one (ledger-heads.ts).
import { z } from "zod";
import { defineJob, registerSchedule } from "../worker/registry.ts";
import { getLogger } from "../log/logger.ts";
import { db } from "../db/index.ts";
import { signHeadIfGrown } from "./ledger-heads.ts";

export const LEDGER_HEAD_EVERY_MS = 10 * 60 * 1000;

const log = getLogger("ledger");

export const LEDGER_HEAD_JOB = defineJob("ledger.sign-head", z.null().optional(), async () => {
  const r = await signHeadIfGrown(db);
  if (r) log.info({ seq: r.row.seq, keyId: r.row.keyId }, "ledger: signed the head");
});
registerSchedule({ job: LEDGER_HEAD_JOB, everyMs: LEDGER_HEAD_EVERY_MS, payload: null });
