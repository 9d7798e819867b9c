// The Job table as a queue: enqueue, claim (PostgreSQL: FOR UPDATE SKIP LOCKED so several workers never
// take the same job; SQLite: one writer, a conditional update), finish. A job whose worker died is
// taken again once its lock expires.
import { db, dbProvider, type Db, type Prisma, type Tx } from "../db/index.ts";
import { parsePayload, type JobDefinition } from "./registry.ts";

const LOCK_MS = 5 * 60_000;

/** Queues a job; its payload is checked against the job's schema first (a bad one throws here, at the caller). */
export async function enqueueJob<P>(job: JobDefinition<P>, payload: P, opts: { runAt?: Date; client?: Db | Tx } = {}) {
  const data = parsePayload(job, payload);
  return (opts.client ?? db).job.create({ data: { kind: job.kind, payload: (data ?? undefined) as Prisma.InputJsonValue | undefined, runAt: opts.runAt ?? new Date() } });
}

export type ClaimedJob = { id: string; kind: string; payload: unknown; attempts: number };

export async function claimJob(workerId: string, now = new Date()): Promise<ClaimedJob | null> {
  const lockedUntil = new Date(now.getTime() + LOCK_MS);
  if (dbProvider() === "postgres") {
    const rows = await db.$queryRawUnsafe<ClaimedJob[]>(
      `UPDATE "Job" SET status = 'running', "lockedBy" = $1, "lockedUntil" = $2, attempts = attempts + 1
       WHERE id = (SELECT id FROM "Job"
                   WHERE (status = 'queued' AND "runAt" <= $3) OR (status = 'running' AND "lockedUntil" < $3)
                   ORDER BY "runAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id, kind, payload, attempts`,
      workerId, lockedUntil, now,
    );
    return rows[0] ?? null;
  }
  const candidate = await db.job.findFirst({
    where: { OR: [{ status: "queued", runAt: { lte: now } }, { status: "running", lockedUntil: { lt: now } }] },
    orderBy: { runAt: "asc" },
  });
  if (!candidate) return null;
  const { count } = await db.job.updateMany({
    where: { id: candidate.id, status: candidate.status, lockedUntil: candidate.lockedUntil },
    data: { status: "running", lockedBy: workerId, lockedUntil, attempts: { increment: 1 } },
  });
  return count === 1 ? { id: candidate.id, kind: candidate.kind, payload: candidate.payload, attempts: candidate.attempts + 1 } : null;
}

export async function finishJob(id: string, error?: unknown) {
  await db.job.update({
    where: { id },
    data: error
      ? { status: "failed", lastError: String((error as Error)?.message ?? error).slice(0, 2000), finishedAt: new Date(), lockedUntil: null }
      : { status: "done", finishedAt: new Date(), lockedUntil: null },
  });
}

/** Keeps one queued job of a recurring kind in the queue. */
export async function ensureScheduled<P>(job: JobDefinition<P>, everyMs: number, payload: P, now = new Date()) {
  const pending = await db.job.findFirst({ where: { kind: job.kind, status: { in: ["queued", "running"] } }, select: { id: true } });
  if (pending) return;
  const last = await db.job.findFirst({ where: { kind: job.kind }, orderBy: { runAt: "desc" }, select: { runAt: true } });
  const runAt = last ? new Date(Math.max(now.getTime(), last.runAt.getTime() + everyMs)) : now;
  await enqueueJob(job, payload, { runAt });
}
