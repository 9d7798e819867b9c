// What the worker knows how to do. Feature modules register here (see lib/worker/handlers.ts):
// - job handlers run one claimed Job row (a purge, a scheduled issue, ...);
// - tickers run on every loop turn and report whether they did work (the send pipeline claims
//   delivery batches this way, so any number of workers share one send).
// - schedules make sure a recurring job is always queued (the daily purge).
import type { Prisma } from "../db/index.ts";

export type JobContext = { workerId: string; signal: AbortSignal };
export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;
export type Ticker = (ctx: JobContext) => Promise<boolean>;
export type Schedule = { kind: string; everyMs: number; payload?: Prisma.InputJsonValue };

export const jobHandlers = new Map<string, JobHandler>();
export const tickers: { name: string; run: Ticker }[] = [];
export const schedules: Schedule[] = [];

export function registerJob(kind: string, handler: JobHandler) {
  jobHandlers.set(kind, handler);
}
export function registerTicker(name: string, run: Ticker) {
  if (!tickers.some((t) => t.name === name)) tickers.push({ name, run });
}
export function registerSchedule(s: Schedule) {
  if (!schedules.some((x) => x.kind === s.kind)) schedules.push(s);
}
