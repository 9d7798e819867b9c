// Scheduling: Issue.scheduledAt plus a queued "issue.send" job for that moment. The job starts the send
// only if the issue is still scheduled for exactly that time (a re-schedule or an unschedule makes an
// older job a no-op).
import { z } from "zod";
import { db } from "../db/index.ts";
import { audit, auditActorSchema, type AuditActor } from "../audit/log.ts";
import { defineJob } from "../worker/registry.ts";
import { enqueueJob } from "../worker/jobs.ts";
import { startSend, type SendRouting } from "./start-send.ts";
import { issueDeclaration } from "./issue-declaration.ts";
import { isBackend } from "../mail/backends.ts";

// backend/failover: optional, so jobs queued before sending backends existed still parse.
const payloadSchema = z.object({
  issueId: z.string(), at: z.iso.datetime(), ratePerSec: z.number().positive().nullable(), actor: auditActorSchema,
  backend: z.string().nullable().optional(), failover: z.boolean().optional(),
});
type Payload = z.infer<typeof payloadSchema>;

export async function scheduleIssue(opts: { issueId: string; at: Date; ratePerSec?: number | null; actor: AuditActor; now?: Date } & SendRouting): Promise<{ ok: boolean; error?: string }> {
  if (Number.isNaN(opts.at.getTime())) return { ok: false, error: "Choose a valid date and time." };
  if (opts.at.getTime() <= (opts.now ?? new Date()).getTime()) return { ok: false, error: "Choose a moment in the future, or send now." };
  if (opts.backend && !isBackend(opts.backend)) return { ok: false, error: `There is no sending backend "${opts.backend}" (SMTP_BACKENDS); choose another or "all backends".` };
  // Only a declared issue is scheduled; startSend checks the declaration again when the moment comes.
  const issue = await db.issue.findUnique({ where: { id: opts.issueId }, include: { newsletter: { select: { categories: true } } } });
  if (!issue) return { ok: false, error: "This issue does not exist." };
  const declaration = issueDeclaration({ issue, newsletterCategories: issue.newsletter.categories });
  if (!declaration.snapshot) return { ok: false, error: declaration.error! };
  return db.$transaction(async (tx) => {
    const { count } = await tx.issue.updateMany({
      where: { id: opts.issueId, status: { in: ["draft", "scheduled"] }, declaredAt: issue.declaredAt },
      data: { status: "scheduled", scheduledAt: opts.at },
    });
    if (!count) return { ok: false, error: "Only a declared draft can be scheduled; reload the page and try again." };
    const payload: Payload = { issueId: opts.issueId, at: opts.at.toISOString(), ratePerSec: opts.ratePerSec ?? null, actor: opts.actor, backend: opts.backend, failover: opts.failover };
    await enqueueJob(SEND_JOB, payload, { runAt: opts.at, client: tx });
    await audit(tx, opts.actor, "issue.schedule", opts.issueId, { at: opts.at.toISOString() });
    return { ok: true };
  });
}

export async function unscheduleIssue(opts: { issueId: string; actor: AuditActor }): Promise<{ ok: boolean; error?: string }> {
  const { count } = await db.issue.updateMany({ where: { id: opts.issueId, status: "scheduled" }, data: { status: "draft", scheduledAt: null } });
  if (!count) return { ok: false, error: "This issue is not scheduled." };
  await audit(db, opts.actor, "issue.unschedule", opts.issueId);
  return { ok: true };
}

/** The job handler: start the send if the schedule still stands. */
export async function runScheduledSend(p: Payload): Promise<void> {
  const issue = await db.issue.findUnique({ where: { id: p.issueId }, select: { status: true, scheduledAt: true } });
  if (issue?.status !== "scheduled" || issue.scheduledAt?.toISOString() !== p.at) return;
  const r = await startSend({ issueId: p.issueId, actor: p.actor ?? "system", ratePerSec: p.ratePerSec, backend: p.backend, failover: p.failover });
  if (!r.ok) throw new Error(r.error);
}

export const SEND_JOB = defineJob("issue.send", payloadSchema, runScheduledSend);
