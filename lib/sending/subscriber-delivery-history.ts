// One subscriber's deliveries (every outcome, with the server's reply) and the inbound events matched to
// them (bounces, complaints, unsubscribe replies), newest first, for the subscriber's admin page (issue 14 D6).
import { db } from "../db/index.ts";

export type SubscriberDeliveryHistory = {
  deliveries: { id: string; sendId: string; issueId: string; subject: string; status: string; reason: string | null; smtpReply: string | null; sentAt: Date | null; createdAt: Date }[];
  inbound: { id: string; receivedAt: Date; kind: string; action: string; deliveryId: string | null; status: string | null; diagnostic: string | null; provider: string | null }[];
  deliveryCount: number;
};

export async function subscriberDeliveryHistory(opts: { subscriberId: string; limit?: number }): Promise<SubscriberDeliveryHistory> {
  const take = opts.limit ?? 50;
  const [deliveries, deliveryCount, inbound] = await Promise.all([
    db.delivery.findMany({
      where: { subscriberId: opts.subscriberId }, orderBy: { createdAt: "desc" }, take,
      select: { id: true, sendId: true, issueId: true, status: true, reason: true, smtpReply: true, sentAt: true, createdAt: true, issue: { select: { subject: true } } },
    }),
    db.delivery.count({ where: { subscriberId: opts.subscriberId } }),
    db.inboundMessage.findMany({
      where: { subscriberId: opts.subscriberId }, orderBy: { receivedAt: "desc" }, take,
      select: { id: true, receivedAt: true, kind: true, action: true, deliveryId: true, summary: true },
    }),
  ]);
  const str = (v: unknown) => (typeof v === "string" && v ? v : null);
  return {
    deliveryCount,
    deliveries: deliveries.map(({ issue, ...d }) => ({ ...d, subject: issue.subject })),
    inbound: inbound.map((m) => {
      const s = (m.summary ?? {}) as Record<string, unknown>;
      return { id: m.id, receivedAt: m.receivedAt, kind: m.kind, action: m.action, deliveryId: m.deliveryId, status: str(s.status), diagnostic: str(s.diagnostic), provider: str(s.provider) };
    }),
  };
}
