// Pause, resume and cancel a send. Workers notice within about half a second: a paused send's claimed rows
// go back to the queue, a cancelled send's unsent rows are recorded as skipped (SEND_CANCELLED).
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { emitEvent } from "../webhooks/emit-event.ts";

export type ControlAction = "pause" | "resume" | "cancel";

const TRANSITIONS = {
  pause: { from: ["running"], to: "paused" },
  resume: { from: ["paused"], to: "running" },
  cancel: { from: ["running", "paused", "preparing"], to: "cancelled" },
} as const;

export async function controlSend(opts: { sendId: string; action: ControlAction; actor: AuditActor }): Promise<{ ok: boolean; error?: string }> {
  const t = TRANSITIONS[opts.action];
  return db.$transaction(async (tx) => {
    const { count } = await tx.send.updateMany({
      where: { id: opts.sendId, status: { in: [...t.from] } },
      data: { status: t.to, ...(opts.action === "cancel" ? { finishedAt: new Date() } : {}) },
    });
    if (!count) return { ok: false, error: `This send cannot be ${opts.action === "cancel" ? "cancelled" : opts.action + "d"} now.` };
    const send = await tx.send.findUniqueOrThrow({ where: { id: opts.sendId }, select: { issueId: true } });
    if (opts.action === "cancel") {
      await tx.delivery.updateMany({ where: { sendId: opts.sendId, status: "queued" }, data: { status: "skipped", reason: "SEND_CANCELLED" } });
      await tx.issue.updateMany({ where: { id: send.issueId, status: "sending" }, data: { status: "cancelled" } });
      await emitEvent(tx, { type: "send.finished", data: { sendId: opts.sendId, issueId: send.issueId, status: "cancelled" } });
    }
    await audit(tx, opts.actor, `send.${opts.action}`, send.issueId, { sendId: opts.sendId });
    return { ok: true };
  });
}
