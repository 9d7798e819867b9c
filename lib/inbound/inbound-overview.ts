// What came back in, for the Objections page: counts per outcome over a period, and the latest messages
// nobody could be matched to (kept for staff: never applied to an address). The unmatched list names the
// address a report quotes, so the page shows it only to staff who may read subscriber data.
import { db } from "../db/index.ts";
import { reasonLabel } from "../rules/index.ts";

export type InboundOverview = {
  since: Date;
  byOutcome: { code: string; label: string; count: number }[];
  unmatched: { id: string; receivedAt: Date; source: string; kind: string; status: string | null; provider: string | null; subject: string | null; reportedRecipient: string | null }[];
};

export async function inboundOverview(opts: { days?: number; now?: Date; limit?: number } = {}): Promise<InboundOverview> {
  const now = opts.now ?? new Date();
  const since = new Date(now.getTime() - (opts.days ?? 30) * 86_400_000);
  const groups = await db.inboundMessage.groupBy({ by: ["action"], where: { receivedAt: { gte: since } }, _count: { _all: true } });
  const rows = await db.inboundMessage.findMany({
    // Not yet dismissed or acted on by staff (Admin → Inbound).
    where: { deliveryId: null, subscriberId: null, handledAt: null, receivedAt: { gte: since } }, orderBy: { receivedAt: "desc" }, take: opts.limit ?? 50,
    select: { id: true, receivedAt: true, source: true, kind: true, summary: true },
  });
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    since,
    byOutcome: groups.map((g) => ({ code: g.action, label: reasonLabel(g.action, "en"), count: g._count._all })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    unmatched: rows.map((r) => {
      const s = (r.summary ?? {}) as Record<string, unknown>;
      return { id: r.id, receivedAt: r.receivedAt, source: r.source, kind: r.kind, status: str(s.status), provider: str(s.provider), subject: str(s.subject), reportedRecipient: str(s.reportedRecipient) };
    }),
  };
}
