// The messages one person got, each with its per-send record (issue 12 D1): for the admin's subscriber
// page (latest 100, with the count) and the consent proof and data export (all of them).
// A message a person "got" is a delivery with status `sent` (the mail server accepted it).
import { db as sharedDb, type Db, type Tx } from "../db/index.ts";

export type SentMessage = {
  deliveryId: string;
  issueId: string;
  subject: string;
  newsletter: { id: string; name: string };
  sentAt: string | null;
  messageId: string | null;
  /** The per-send record: the basis the gate checked, its reason code, the rules' version, the facts' hash and the moment of the decision (facts.now). */
  basis: string | null;
  reason: string | null;
  rulesVersion: string | null;
  factsHash: string | null;
  decidedAt: string | null;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Newest first; `limit` caps the list (null: all), `total` always counts all. */
export async function listSentMessages(opts: { subscriberId: string; limit?: number | null; client?: Db | Tx }): Promise<{ total: number; messages: SentMessage[] }> {
  const client = opts.client ?? sharedDb;
  const where = { subscriberId: opts.subscriberId, status: "sent" as const };
  const [total, rows] = await Promise.all([
    client.delivery.count({ where }),
    client.delivery.findMany({
      where,
      orderBy: [{ sentAt: "desc" }, { id: "asc" }],
      ...(opts.limit ? { take: opts.limit } : {}),
      select: {
        id: true, issueId: true, sentAt: true, messageId: true, basis: true, decisionReason: true, rulesVersion: true, factsHash: true, decidedAt: true,
        issue: { select: { subject: true, newsletter: { select: { id: true, name: true } } } },
      },
    }),
  ]);
  return {
    total,
    messages: rows.map((d) => ({
      deliveryId: d.id, issueId: d.issueId, subject: d.issue.subject, newsletter: d.issue.newsletter,
      sentAt: iso(d.sentAt), messageId: d.messageId,
      basis: d.basis, reason: d.decisionReason, rulesVersion: d.rulesVersion, factsHash: d.factsHash, decidedAt: iso(d.decidedAt),
    })),
  };
}
