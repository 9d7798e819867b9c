// What the worker knows how to do. Feature modules register here (see lib/worker/handlers.ts):
// - jobs (defineJob): a kind, the zod schema of its payload, and the handler that runs one claimed Job
//   row (a purge, a scheduled issue, ...). The schema is checked when the job is queued and again when it
//   is claimed, so a handler only ever sees the payload its type says; a row that does not fit fails
//   with the field named instead of reaching the handler;
// - tickers run on every loop turn and report whether they did work (the send pipeline claims
//   delivery batches this way, so any number of workers share one send);
// - schedules make sure a recurring job is always queued (the daily purge).
import type { z } from "zod";

export type JobContext = { workerId: string; signal: AbortSignal };
export type Ticker = (ctx: JobContext) => Promise<boolean>;

export type JobDefinition<P> = { kind: string; payload: z.ZodType<P>; run: (payload: P, ctx: JobContext) => Promise<void> };
export type Schedule = { job: JobDefinition<unknown>; everyMs: number; payload?: unknown };

export const jobs = new Map<string, JobDefinition<unknown>>();
export const tickers: { name: string; run: Ticker }[] = [];
export const schedules: Schedule[] = [];

export function defineJob<P>(kind: string, payload: z.ZodType<P>, run: (payload: P, ctx: JobContext) => Promise<void>): JobDefinition<P> {
  const job: JobDefinition<P> = { kind, payload, run };
  jobs.set(kind, job as JobDefinition<unknown>);
  return job;
}
export function registerTicker(name: string, run: Ticker) {
  if (!tickers.some((t) => t.name === name)) tickers.push({ name, run });
}
export function registerSchedule<P>(s: { job: JobDefinition<P>; everyMs: number; payload?: P }) {
  if (!schedules.some((x) => x.job.kind === s.job.kind)) schedules.push(s as Schedule);
}

/** The payload as its job's schema reads it; a payload that does not fit throws, naming the field. */
export function parsePayload<P>(job: JobDefinition<P>, payload: unknown): P {
  const r = job.payload.safeParse(payload);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new Error(`job ${job.kind}: payload ${issue?.path.length ? `field ${issue.path.join(".")}` : "value"}: ${issue?.message ?? "invalid"}`);
}
