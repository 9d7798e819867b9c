// GET /api/v1/sends/{id}: a send's progress (lib/sending/send-progress.ts): counts and reasons, never addresses.
import { HttpError } from "../http/http-error.ts";
import { sendProgress } from "../sending/send-progress.ts";

export async function getSendStatus(id: string) {
  const p = await sendProgress(id);
  if (!p) throw new HttpError("not_found", "No such send.");
  return {
    sendId: p.sendId, status: p.status, total: p.total, startedAt: p.startedAt?.toISOString() ?? null, finishedAt: p.finishedAt?.toISOString() ?? null,
    counts: p.counts, reasons: p.reasons,
  };
}
