// The list's health at a glance, aggregate counts only (no person is named, so editors may see it):
// per newsletter, signups / imports / confirmations / unsubscribes per day from the Subscription timestamps
// and the ledger's import events (one grouped scan per measure, not a row per person), the current totals by status, and the latest sends
// with their delivery outcome counts.
import { db, dbProvider } from "../db/index.ts";

export type DayPoint = { day: string; signups: number; imports: number; confirmations: number; unsubscribes: number };
type Measure = Exclude<keyof DayPoint, "day">;
const MEASURES: Measure[] = ["signups", "imports", "confirmations", "unsubscribes"];

// An imported subscription is one with an "import" ledger event: it counts as an import, not a signup.
const IMPORTED = (q: (c: string) => string) =>
  `EXISTS (SELECT 1 FROM ${q("ConsentEvent")} e WHERE e.${q("subscriberId")} = s.${q("subscriberId")} AND e.type = 'import' AND e.${q("subscriptionId")} = s.id)`;

/** FROM/WHERE and the timestamp column of each measure, for either database (q quotes an identifier). */
function measureSql(m: Measure, q: (c: string) => string): { from: string; at: string } {
  switch (m) {
    case "signups": return { from: `${q("Subscription")} s WHERE NOT ${IMPORTED(q)} AND`, at: `s.${q("createdAt")}` };
    case "imports": return { from: `${q("ConsentEvent")} e JOIN ${q("Subscription")} s ON s.id = e.${q("subscriptionId")} WHERE e.type = 'import' AND`, at: "e.at" };
    case "confirmations": return { from: `${q("Subscription")} s WHERE`, at: `s.${q("confirmedAt")}` };
    case "unsubscribes": return { from: `${q("Subscription")} s WHERE`, at: `s.${q("unsubscribedAt")}` };
  }
}

async function perDay(m: Measure, since: Date): Promise<{ newsletterId: string; day: string; n: number }[]> {
  const q = (c: string) => `"${c}"`;
  const { from, at } = measureSql(m, q);
  const rows =
    dbProvider() === "postgres"
      ? await db.$queryRawUnsafe<{ newsletterId: string; day: string; n: number }[]>(
          `SELECT s."newsletterId", to_char((${at} AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, count(*)::int AS n
           FROM ${from} ${at} >= $1 GROUP BY 1, 2`, since)
      : await db.$queryRawUnsafe<{ newsletterId: string; day: string; n: number }[]>(
          `SELECT s."newsletterId" AS newsletterId, substr(${at}, 1, 10) AS day, count(*) AS n
           FROM ${from} ${at} >= ? GROUP BY 1, 2`, since.toISOString());
  return rows.map((r) => ({ newsletterId: r.newsletterId, day: r.day, n: Number(r.n) }));
}

export async function getDashboard({ days = 30, now = new Date(), sendsPerNewsletter = 5 }: { days?: number; now?: Date; sendsPerNewsletter?: number } = {}) {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
  const dayKeys = Array.from({ length: days }, (_, i) => new Date(start.getTime() + i * 86400_000).toISOString().slice(0, 10));
  const newsletters = await db.newsletter.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, slug: true } });
  const [perMeasure, totals] = await Promise.all([
    Promise.all(MEASURES.map(async (m) => [m, await perDay(m, start)] as const)),
    db.subscription.groupBy({ by: ["newsletterId", "status"], _count: { _all: true } }),
  ]);
  const sends = await db.send.findMany({
    orderBy: { createdAt: "desc" },
    take: Math.max(1, newsletters.length) * sendsPerNewsletter,
    select: { id: true, status: true, total: true, createdAt: true, finishedAt: true, issue: { select: { subject: true, newsletterId: true } } },
  });
  const outcome = sends.length
    ? await db.delivery.groupBy({ by: ["sendId", "status"], where: { sendId: { in: sends.map((s) => s.id) } }, _count: { _all: true } })
    : [];
  return {
    days: dayKeys,
    newsletters: newsletters.map((n) => {
      const series = new Map<string, DayPoint>(dayKeys.map((d) => [d, { day: d, signups: 0, imports: 0, confirmations: 0, unsubscribes: 0 }]));
      for (const [key, rows] of perMeasure)
        for (const r of rows) if (r.newsletterId === n.id && series.has(r.day)) series.get(r.day)![key] += r.n;
      const t = { pending: 0, confirmed: 0, unsubscribed: 0 };
      for (const row of totals) if (row.newsletterId === n.id) t[row.status as keyof typeof t] = row._count._all;
      return {
        ...n,
        totals: t,
        series: [...series.values()],
        sends: sends
          .filter((s) => s.issue.newsletterId === n.id)
          .slice(0, sendsPerNewsletter)
          .map((s) => {
            const counts = { queued: 0, sending: 0, sent: 0, skipped: 0, failed: 0 };
            for (const o of outcome) if (o.sendId === s.id) counts[o.status as keyof typeof counts] = o._count._all;
            return { id: s.id, subject: s.issue.subject, status: s.status, total: s.total, createdAt: s.createdAt.toISOString(), finishedAt: s.finishedAt?.toISOString() ?? null, counts };
          }),
      };
    }),
  };
}
