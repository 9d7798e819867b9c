// Per newsletter, sends per week over time (issue 14 D6): how many messages were delivered, and how many
// of them bounced (hard) or drew a complaint, in the ISO week (Monday, UTC) each send started. One GROUP BY
// over the deliveries of the period's sends and one over their inbound reports; weeks without a send are
// kept as empty columns so the chart's time axis is even.
import { db, Prisma } from "../db/index.ts";
import { inboundCountsBySend } from "./send-delivery-view.ts";

export type WeekPoint = { week: string; sends: number; delivered: number; bounced: number; complained: number };

const DAY = 86_400_000;
/** The Monday (UTC) of a date's ISO week, as YYYY-MM-DD. */
export function weekOf(d: Date): string {
  const day = (d.getUTCDay() + 6) % 7; // Monday 0
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - day * DAY).toISOString().slice(0, 10);
}

export async function newsletterDeliveryChart(opts: { newsletterId: string; weeks?: number; now?: Date }): Promise<WeekPoint[]> {
  const weeks = opts.weeks ?? 26;
  const now = opts.now ?? new Date();
  const first = new Date(`${weekOf(new Date(now.getTime() - (weeks - 1) * 7 * DAY))}T00:00:00Z`);
  const sends = await db.send.findMany({ where: { issue: { newsletterId: opts.newsletterId }, startedAt: { gte: first } }, select: { id: true, startedAt: true } });
  const points = new Map<string, WeekPoint>();
  for (let i = 0; i < weeks; i++) {
    const w = weekOf(new Date(first.getTime() + i * 7 * DAY));
    points.set(w, { week: w, sends: 0, delivered: 0, bounced: 0, complained: 0 });
  }
  if (sends.length) {
    const ids = sends.map((s) => s.id);
    const [delivered, inbound] = await Promise.all([
      db.$queryRaw<{ sendId: string; n: bigint | number }[]>`
        SELECT "sendId" AS "sendId", COUNT(*) AS n FROM "Delivery" WHERE "sendId" IN (${Prisma.join(ids)}) AND status = 'sent' GROUP BY "sendId"`,
      inboundCountsBySend(ids),
    ]);
    const deliveredBy = new Map(delivered.map((r) => [r.sendId, Number(r.n)]));
    for (const s of sends) {
      const p = points.get(weekOf(s.startedAt!));
      if (!p) continue;
      p.sends++;
      p.delivered += deliveredBy.get(s.id) ?? 0;
      p.bounced += inbound.get(s.id)?.hard ?? 0;
      p.complained += inbound.get(s.id)?.complaint ?? 0;
    }
  }
  return [...points.values()];
}
