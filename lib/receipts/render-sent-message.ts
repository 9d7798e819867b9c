// "View in browser": the message as it was sent to this person, rebuilt the way the send built it (the
// issue's content is fixed once sent; the same template, the same per-recipient links: unsubscribe,
// preferences dated by the decision, this receipt). Nothing is stored per message to do this.
import { db } from "../db/index.ts";
import { buildRecipientMessage, loadSendContext } from "../sending/prepare-message.ts";
import { loadRecipients } from "../sending/load-recipients.ts";
import type { Receipt } from "./get-receipt.ts";

export async function renderSentMessage(receipt: Receipt): Promise<{ subject: string; html: string } | null> {
  const [ctx, rows] = await Promise.all([loadSendContext(receipt.issueId), loadRecipients(db, [receipt.subscriptionId])]);
  const r = rows.get(receipt.subscriptionId);
  if (!ctx || !r) return null;
  const mail = buildRecipientMessage(ctx, r, receipt.deliveryId, receipt.decidedAt);
  return { subject: ctx.template.subject, html: String(mail.html) };
}
