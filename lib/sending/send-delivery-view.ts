// The delivery view of one send (issue 14 D6): what became of its messages — delivered, deferred (waiting
// for a retry or for the mail server), refused by the receiving server, skipped by the gate; what came back
// (hard and soft bounces and complaints, counted per delivery from InboundMessage) and how many recipients
// unsubscribed after their message arrived — with the SMTP replies behind the failures. Every figure is a
// GROUP BY or COUNT in the database (indexes: Delivery [sendId, status, …], InboundMessage [deliveryId]),
// so a send of 100,000 deliveries is counted without loading its rows. Counts and server replies only; the
// replies' addresses are masked (the view is for editors too).
import { db, Prisma } from "../db/index.ts";
import { maskAddresses } from "../inbound/apply-inbound.ts";

export type DeliveryCounts = {
  total: number;
  delivered: number;
  deferred: number;
  inFlight: number;
  refused: number;
  skipped: number;
  bouncedHard: number;
  bouncedSoft: number;
  complained: number;
  unsubscribed: number;
};

export type SendDeliveryView = {
  sendId: string; issueId: string; subject: string; newsletterId: string; newsletterName: string;
  status: string; startedAt: Date | null; finishedAt: Date | null;
  counts: DeliveryCounts;
  /** The most common SMTP replies of messages not delivered (refused, deferred), addresses masked. */
  replies: { status: string; reason: string | null; reply: string; count: number }[];
};

const n = (v: unknown) => Number(v ?? 0);

/** Bounces and complaints per send: distinct deliveries per inbound kind (a server's repeated notices count once). */
export async function inboundCountsBySend(sendIds: string[]): Promise<Map<string, { hard: number; soft: number; complaint: number }>> {
  const out = new Map<string, { hard: number; soft: number; complaint: number }>();
  if (!sendIds.length) return out;
  const rows = await db.$queryRaw<{ sendId: string; kind: string; n: bigint | number }[]>`
    SELECT d."sendId" AS "sendId", i.kind AS kind, COUNT(DISTINCT i."deliveryId") AS n
    FROM "InboundMessage" i JOIN "Delivery" d ON d.id = i."deliveryId"
    WHERE d."sendId" IN (${Prisma.join(sendIds)}) AND i.kind IN ('hard-bounce', 'soft-bounce', 'complaint')
    GROUP BY d."sendId", i.kind`;
  for (const r of rows) {
    const c = out.get(r.sendId) ?? { hard: 0, soft: 0, complaint: 0 };
    if (r.kind === "hard-bounce") c.hard = n(r.n);
    else if (r.kind === "soft-bounce") c.soft = n(r.n);
    else c.complaint = n(r.n);
    out.set(r.sendId, c);
  }
  return out;
}

export async function sendDeliveryView(sendId: string): Promise<SendDeliveryView | null> {
  const send = await db.send.findUnique({
    where: { id: sendId },
    select: { id: true, status: true, startedAt: true, finishedAt: true, issue: { select: { id: true, subject: true, newsletter: { select: { id: true, name: true } } } } },
  });
  if (!send) return null;
  const [groups, inbound, [unsub], replies] = await Promise.all([
    db.delivery.groupBy({ by: ["status", "reason"], where: { sendId }, _count: { _all: true } }),
    inboundCountsBySend([sendId]),
    // Recipients whose subscription ended after their message was sent (link, one-click, reply, staff), not
    // counting those who complained: a complaint ends every subscription too and is its own figure.
    db.$queryRaw<{ n: bigint | number }[]>`
      SELECT COUNT(*) AS n FROM "Delivery" d JOIN "Subscription" s ON s.id = d."subscriptionId"
      WHERE d."sendId" = ${sendId} AND d.status = 'sent' AND s.status = 'unsubscribed' AND s."unsubscribedAt" >= d."sentAt"
        AND NOT EXISTS (SELECT 1 FROM "InboundMessage" i WHERE i."deliveryId" = d.id AND i.kind = 'complaint')`,
    db.delivery.groupBy({
      by: ["status", "reason", "smtpReply"], where: { sendId, status: { in: ["failed", "queued"] }, smtpReply: { not: null } },
      _count: { _all: true }, orderBy: { _count: { id: "desc" } }, take: 20,
    }),
  ]);
  const counts: DeliveryCounts = { total: 0, delivered: 0, deferred: 0, inFlight: 0, refused: 0, skipped: 0, bouncedHard: 0, bouncedSoft: 0, complained: 0, unsubscribed: n(unsub?.n) };
  for (const g of groups) {
    const c = g._count._all;
    counts.total += c;
    if (g.status === "sent") counts.delivered += c;
    else if (g.status === "skipped") counts.skipped += c;
    else if (g.status === "failed") counts.refused += c;
    else if (g.status === "sending") counts.inFlight += c;
    // Queued after an attempt: a temporary failure or the mail server away. Never tried yet: in flight too.
    else if (g.status === "queued") {
      if (g.reason === "SMTP_TEMPORARY" || g.reason === "SMTP_UNAVAILABLE") counts.deferred += c;
      else counts.inFlight += c;
    }
  }
  const b = inbound.get(sendId);
  if (b) Object.assign(counts, { bouncedHard: b.hard, bouncedSoft: b.soft, complained: b.complaint });
  return {
    sendId, issueId: send.issue.id, subject: send.issue.subject, newsletterId: send.issue.newsletter.id, newsletterName: send.issue.newsletter.name,
    status: send.status, startedAt: send.startedAt, finishedAt: send.finishedAt, counts,
    replies: replies.map((r) => ({ status: r.status, reason: r.reason, reply: maskAddresses(r.smtpReply) ?? "", count: r._count._all })),
  };
}
