// The suppression list as counts by reason: the entries are keyed hashes and never shown or exported.
import { db } from "../db/index.ts";

export async function countSuppressions(): Promise<{ reason: string; entries: number }[]> {
  const rows = await db.suppression.groupBy({ by: ["reason"], _count: { _all: true }, orderBy: { reason: "asc" } });
  return rows.map((r) => ({ reason: r.reason, entries: r._count._all }));
}
