// Registers the IMAP door with the worker (imported once from lib/worker/handlers.ts): with IMAP_URL set, a
// recurring job polls the mailbox every IMAP_POLL_SECONDS (the inbound SMTP listener starts in loop.ts).
import { z } from "zod";
import { config } from "../config/index.ts";
import { defineJob, registerSchedule } from "../worker/registry.ts";
import { getLogger } from "../log/logger.ts";
import { pollImapOnce } from "./imap-poll.ts";

const log = getLogger("inbound-imap");

export const IMAP_POLL_JOB = defineJob("inbound.imap-poll", z.null().optional(), async (_payload, ctx) => {
  const box = config().imap;
  if (!box) return;
  const r = await pollImapOnce(box, { signal: ctx.signal });
  if (r.processed || r.failed) log.info(r, "inbound: polled the IMAP mailbox");
});

if (config().imap) registerSchedule({ job: IMAP_POLL_JOB, everyMs: config().imapPollSeconds * 1000, payload: null });
