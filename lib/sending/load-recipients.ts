// Loads the rows the send gate needs for many subscriptions at once (one query per table, not per
// recipient), keyed by subscription id. Suppressions are matched by the keyed hash, never the address:
// under the current SUPPRESSION_KEY or any previous one (suppressionKeys).
import type { Db, Tx } from "../db/index.ts";
import { suppressionKeys } from "../subscribers/suppression.ts";
import type { RecipientRows } from "./recipient-facts.ts";

export async function loadRecipients(client: Db | Tx, subscriptionIds: string[]): Promise<Map<string, RecipientRows>> {
  const out = new Map<string, RecipientRows>();
  if (!subscriptionIds.length) return out;
  const subs = await client.subscription.findMany({ where: { id: { in: subscriptionIds } }, include: { subscriber: true } });
  const subscriberIds = [...new Set(subs.map((s) => s.subscriberId))];
  const keysOf = new Map(subs.map((s) => [s.subscriberId, suppressionKeys(s.subscriber.email)]));
  const formVersionIds = [...new Set(subs.map((s) => s.formVersionId).filter((x): x is string => !!x))];
  const [purchases, suppressions, versions] = await Promise.all([
    client.purchase.findMany({ where: { subscriberId: { in: subscriberIds } } }),
    client.suppression.findMany({ where: { keyHash: { in: [...new Set([...keysOf.values()].flat())] } } }),
    formVersionIds.length ? client.formVersion.findMany({ where: { id: { in: formVersionIds } }, select: { id: true, newsletterIds: true, language: true } }) : [],
  ]);
  const versionNewsletters = new Map(versions.map((v) => [v.id, Array.isArray(v.newsletterIds) ? (v.newsletterIds as string[]) : []]));
  const versionLanguage = new Map(versions.map((v) => [v.id, v.language]));
  const purchasesBy = groupBy(purchases, (p) => p.subscriberId);
  const suppressionsBy = groupBy(suppressions, (s) => s.keyHash);
  for (const s of subs) {
    out.set(s.id, {
      subscriber: s.subscriber,
      subscription: s,
      formVersionNewsletterIds: s.formVersionId ? (versionNewsletters.get(s.formVersionId) ?? []) : null,
      formVersionLanguage: s.formVersionId ? (versionLanguage.get(s.formVersionId) ?? null) : null,
      purchases: purchasesBy.get(s.subscriberId) ?? [],
      suppressions: keysOf.get(s.subscriberId)!.flatMap((k) => suppressionsBy.get(k) ?? []),
    });
  }
  return out;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  }
  return m;
}
