// Starting a send: the issue moves draft|scheduled → sending (exactly once, even with two clicks), a Send
// row stores the pre-send report, and one Delivery per candidate subscription is created — all in one
// transaction, so a failure leaves nothing half-written. Workers then take it from there (deliver-batch).
// Only a declared issue starts (lib/rules' checkDeclaration); the declaration as sent is kept in Send.declaration.
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { loadSendContext } from "./prepare-message.ts";
import { preSendReport, type SendReport } from "./pre-send-report.ts";
import { rawExec } from "../db/insert-rows.ts";
import { issueDeclaration } from "./issue-declaration.ts";
import { isBackend } from "../mail/backends.ts";
import { altTextProblem } from "./save-issue.ts";
import { emitEvent } from "../webhooks/emit-event.ts";

export type StartSendResult = { ok: true; sendId: string; report: SendReport } | { ok: false; error: string };

// SQLite columns hold Prisma's ISO text ("…+00:00"); raw SQL must write and compare the same spelling.

export type SendRouting = {
  /** The sending backend; undefined: the newsletter's default; null: spread over every backend. */
  backend?: string | null;
  /** Whether a backend that keeps failing may be left for another. */
  failover?: boolean;
};

export async function startSend(opts: { issueId: string; actor: AuditActor; ratePerSec?: number | null; now?: Date } & SendRouting): Promise<StartSendResult> {
  const ctx = await loadSendContext(opts.issueId);
  if (!ctx) return { ok: false, error: "This issue does not exist." };
  const noAlt = altTextProblem(ctx.issue.bodyMarkdown);
  if (noAlt) return { ok: false, error: noAlt.error };
  const { snapshot, error } = issueDeclaration({ issue: ctx.issue, newsletterCategories: ctx.newsletter.categories });
  if (!snapshot) return { ok: false, error: error! };
  if (opts.ratePerSec != null && (!Number.isInteger(opts.ratePerSec) || opts.ratePerSec < 1 || opts.ratePerSec > 100_000))
    return { ok: false, error: "The throughput limit must be a whole number of messages per second (1–100000), or empty." };
  const backend = opts.backend !== undefined ? opts.backend
    : ((await db.newsletter.findUnique({ where: { id: ctx.newsletter.id }, select: { sendingBackend: true } }))?.sendingBackend ?? null);
  if (backend !== null && !isBackend(backend))
    return { ok: false, error: `There is no sending backend "${backend}" (SMTP_BACKENDS); choose another or "all backends".` };
  const report = (await preSendReport({ issueId: opts.issueId, ctx, now: opts.now }))!;
  const now = opts.now ?? new Date();
  return db.$transaction(
    async (tx) => {
      // Only with the declaration the report was made on: an edit since then cleared or replaced it.
      const { count } = await tx.issue.updateMany({
        where: { id: opts.issueId, status: { in: ["draft", "scheduled"] }, declaredAt: ctx.issue.declaredAt },
        data: { status: "sending", scheduledAt: null },
      });
      if (count !== 1) {
        const current = await tx.issue.findUnique({ where: { id: opts.issueId }, select: { status: true } });
        return current?.status === "draft" || current?.status === "scheduled"
          ? ({ ok: false, error: "The issue or its declaration changed while the report was being made. Review the send again." } as const)
          : ({ ok: false, error: "This issue has already been sent or is being sent." } as const);
      }
      const send = await tx.send.create({
        data: {
          issueId: opts.issueId, status: "running", ratePerSec: opts.ratePerSec ?? null, backend, failover: opts.failover ?? false, total: report.candidates,
          report, declaration: snapshot, startedAt: now,
          createdById: typeof opts.actor === "object" ? (opts.actor.id ?? null) : null,
        },
      });
      // One INSERT … SELECT: Prisma's createMany costs about a millisecond per row here; this is one statement.
      const created = await rawExec(tx, (q) =>
        `INSERT INTO "Delivery" (id, "sendId", "issueId", "subscriberId", "subscriptionId", status, attempts, "nextAttemptAt", "createdAt", "updatedAt")
         SELECT ${q.pg ? `'d' || replace(gen_random_uuid()::text, '-', '')` : "'d' || lower(hex(randomblob(16)))"}, ${q.value(send.id)}, ${q.value(opts.issueId)},
                s."subscriberId", s.id, ${q.pg ? `'queued'::"DeliveryStatus"` : "'queued'"}, 0, ${q.date(now)}, ${q.date(now)}, ${q.date(now)}
         FROM "Subscription" s WHERE s."newsletterId" = ${q.value(ctx.newsletter.id)}`);
      if (created !== report.candidates) await tx.send.update({ where: { id: send.id }, data: { total: created } });
      await emitEvent(tx, { type: "send.started", data: { sendId: send.id, issueId: opts.issueId, newsletterId: ctx.newsletter.id, recipients: created } }, now);
      await audit(tx, opts.actor, "send", opts.issueId, { sendId: send.id, ratePerSec: opts.ratePerSec ?? null, backend, failover: opts.failover ?? false, report });
      return { ok: true, sendId: send.id, report } as const;
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}
