// Registers the sending pipeline with the worker (imported once from lib/worker/handlers.ts).
import { registerTicker } from "../worker/registry.ts";
import { deliverBatch } from "./deliver-batch.ts";
import "./schedule-issue.ts"; // defines the scheduled-send job

registerTicker("sending.deliver", (ctx) => deliverBatch({ workerId: ctx.workerId, signal: ctx.signal }));
