// Registers the anchoring of ledger heads with the worker (imported once from lib/worker/handlers.ts). It runs
// every hour, so a failed anchor is retried within the hour; anchor-head.ts keeps each channel to one anchor a
// day, and only for a head that is new since the last one. Nothing to do unless LEDGER_TSA_URL or
// LEDGER_ANCHOR_EMAIL is set.
import { z } from "zod";
import { defineJob, registerSchedule } from "../worker/registry.ts";
import { db } from "../db/index.ts";
import { anchorLedgerHead } from "./anchor-head.ts";

export const LEDGER_ANCHOR_EVERY_MS = 60 * 60 * 1000;

export const LEDGER_ANCHOR_JOB = defineJob("ledger.anchor-head", z.null().optional(), async () => {
  await anchorLedgerHead(db, { trigger: "schedule" });
});
registerSchedule({ job: LEDGER_ANCHOR_JOB, everyMs: LEDGER_ANCHOR_EVERY_MS, payload: null });
