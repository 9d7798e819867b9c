// The terms a form version promises, per newsletter: the current policy (getRetentionPolicy) with its
// version. Stored on each FormVersion at publish (FormVersion.retentionPolicies); the purge decides with
// min(promised, current) (lib/rules retentionAction). Version 0: no policy row, lib/rules' defaults.
import type { Db, Tx } from "../db/index.ts";
import { resolveRetentionPolicy, type PromisedRetentionTerms } from "../rules/index.ts";

export type PromisedTermsMap = Record<string, PromisedRetentionTerms>;

export async function getRetentionTerms(client: Db | Tx, newsletterIds: string[]): Promise<PromisedTermsMap> {
  const rows = await client.retentionPolicy.findMany({ where: { OR: [{ newsletterId: null }, { newsletterId: { in: newsletterIds } }] } });
  const global = rows.find((r) => r.newsletterId === null);
  const out: PromisedTermsMap = {};
  for (const id of newsletterIds) {
    const row = rows.find((r) => r.newsletterId === id) ?? global;
    out[id] = { version: row?.version ?? 0, ...resolveRetentionPolicy(row ? {
      pendingDays: row.pendingDays, withdrawnGraceDays: row.withdrawnGraceDays, keepProofMonths: row.keepProofMonths, deliveryLogDays: row.deliveryLogDays,
    } : {}) };
  }
  return out;
}

/** Same promise (key order aside: PostgreSQL's jsonb reorders keys). */
export function sameRetentionTerms(stored: unknown, terms: PromisedTermsMap): boolean {
  if (!stored || typeof stored !== "object") return false;
  const s = stored as Record<string, Record<string, unknown> | undefined>;
  if (Object.keys(s).length !== Object.keys(terms).length) return false;
  return Object.entries(terms).every(([id, t]) =>
    (Object.keys(t) as (keyof PromisedRetentionTerms)[]).every((k) => s[id]?.[k] === t[k]));
}
