// What a complaint (an objection to all direct marketing, R-OBJECTION-ABSOLUTE) writes besides its ledger
// event, the same whether a feedback loop named the delivery or staff typed the address: the suppression
// (reason complaint, scope all) and the end of every subscription the person still has. In the caller's
// transaction; returns the newsletters of the subscriptions it ended, for the event.
import type { Tx } from "../db/index.ts";
import { suppress } from "../subscribers/suppression.ts";

export async function endForComplaint(tx: Tx, opts: { email: string; subscriberId: string | null; at: Date; channel?: string }): Promise<string[]> {
  await suppress(tx, opts.email, "all", "complaint", opts.at, opts.channel ?? null);
  if (!opts.subscriberId) return [];
  const subs = await tx.subscription.findMany({ where: { subscriberId: opts.subscriberId, status: { not: "unsubscribed" } }, select: { id: true, newsletterId: true } });
  if (subs.length) await tx.subscription.updateMany({ where: { id: { in: subs.map((s) => s.id) } }, data: { status: "unsubscribed", unsubscribedAt: opts.at } });
  return subs.map((s) => s.newsletterId);
}
