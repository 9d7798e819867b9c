// The retention policy in force for a newsletter: its own row, else the global default row
// (newsletterId null), else the rules module's defaults. Forms generate their retention statement from
// this same policy (lib/rules retentionStatement), so what a form promises is what the purge job does.
import type { Db, Tx } from "../db/index.ts";
import { DEFAULT_RETENTION_POLICY, type RetentionPolicyInput } from "../rules/index.ts";

export async function getRetentionPolicy(client: Db | Tx, newsletterId: string | null): Promise<RetentionPolicyInput> {
  const rows = await client.retentionPolicy.findMany({
    where: { OR: [{ newsletterId: null }, ...(newsletterId ? [{ newsletterId }] : [])] },
  });
  const row = (newsletterId && rows.find((r) => r.newsletterId === newsletterId)) || rows.find((r) => r.newsletterId === null);
  if (!row) return { ...DEFAULT_RETENTION_POLICY };
  return {
    pendingDays: row.pendingDays,
    withdrawnGraceDays: row.withdrawnGraceDays,
    keepProofMonths: row.keepProofMonths,
    deliveryLogDays: row.deliveryLogDays,
  };
}
