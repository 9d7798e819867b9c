// Live progress of a send: counts per outcome and per reason. Counts only, never addresses.
import { db } from "../db/index.ts";

export type SendProgress = {
  sendId: string; status: string; total: number; ratePerSec: number | null; startedAt: Date | null; finishedAt: Date | null;
  counts: { queued: number; sending: number; sent: number; skipped: number; failed: number };
  retrying: number;
  /** Deliveries held back because the mail server is unreachable (lib/sending/deliver-batch.ts), or null. */
  waitingForMailServer: { count: number; lastError: string | null; nextTryAt: Date | null } | null;
  reasons: { status: string; reason: string; count: number }[];
  report: unknown;
};

export async function sendProgress(sendId: string): Promise<SendProgress | null> {
  const send = await db.send.findUnique({ where: { id: sendId } });
  if (!send) return null;
  const groups = await db.delivery.groupBy({ by: ["status", "reason"], where: { sendId }, _count: { _all: true } });
  const counts = { queued: 0, sending: 0, sent: 0, skipped: 0, failed: 0 };
  const reasons: SendProgress["reasons"] = [];
  let retrying = 0;
  let waiting = 0;
  for (const g of groups) {
    counts[g.status as keyof typeof counts] += g._count._all;
    if (g.status === "queued" && g.reason === "SMTP_TEMPORARY") retrying += g._count._all;
    if (g.status === "queued" && g.reason === "SMTP_UNAVAILABLE") waiting += g._count._all;
    if (g.reason && (g.status === "skipped" || g.status === "failed")) reasons.push({ status: g.status, reason: g.reason, count: g._count._all });
  }
  reasons.sort((a, b) => b.count - a.count);
  let waitingForMailServer: SendProgress["waitingForMailServer"] = null;
  if (waiting) {
    const last = await db.delivery.findFirst({
      where: { sendId, status: "queued", reason: "SMTP_UNAVAILABLE" }, orderBy: { nextAttemptAt: "desc" }, select: { smtpReply: true, nextAttemptAt: true },
    });
    waitingForMailServer = { count: waiting, lastError: last?.smtpReply ?? null, nextTryAt: last?.nextAttemptAt ?? null };
  }
  return {
    sendId, status: send.status, total: send.total, ratePerSec: send.ratePerSec, startedAt: send.startedAt, finishedAt: send.finishedAt,
    counts, retrying, waitingForMailServer, reasons, report: send.report,
  };
}
