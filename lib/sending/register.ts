// Registers the sending pipeline with the worker (imported once from lib/worker/handlers.ts).
import { registerJob, registerTicker } from "../worker/registry.ts";
import { deliverBatch } from "./deliver-batch.ts";
import { runScheduledSend, SEND_JOB } from "./schedule-issue.ts";

registerTicker("sending.deliver", (ctx) => deliverBatch({ workerId: ctx.workerId, signal: ctx.signal }));
registerJob(SEND_JOB, (payload) => runScheduledSend(payload));
