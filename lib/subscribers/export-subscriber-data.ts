// Access and portability (AVG art. 15, 20): everything Proofmail holds about one person as JSON — the
// profile, each subscription with the exact form text they agreed to (FormVersion snapshot + hash), their
// consent-ledger events, purchases and the messages sent to them, each with the send gate's record. The suppression list is
// not included: it is a keyed hash used only to honour objections (R-RET-SUPPRESSION-HASH), never exported.
import type { Db, Tx } from "../db/index.ts";
import { db as sharedDb } from "../db/index.ts";
import { isErasedTombstone } from "./erase-subscriber.ts";

export type SubscriberExport = NonNullable<Awaited<ReturnType<typeof collect>>>;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

async function collect(client: Db | Tx, subscriberId: string, now: Date) {
  const s = await client.subscriber.findUnique({
    where: { id: subscriberId },
    include: {
      subscriptions: { include: { newsletter: { select: { id: true, name: true, slug: true, language: true } }, formVersion: true }, orderBy: { createdAt: "asc" } },
      purchases: { orderBy: { at: "asc" } },
    },
  });
  if (!s || isErasedTombstone(s.email)) return null;
  const events = await client.consentEvent.findMany({ where: { subscriberId }, orderBy: { seq: "asc" } });
  const deliveries = await client.delivery.findMany({
    where: { subscriberId },
    select: {
      status: true, sentAt: true, createdAt: true, basis: true, decisionReason: true, rulesVersion: true, factsHash: true, decidedAt: true,
      issue: { select: { subject: true, newsletter: { select: { name: true } } } },
    },
    orderBy: { createdAt: "asc" },
  });
  const byStatus: Record<string, number> = {};
  for (const d of deliveries) byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;

  return {
    exportedAt: now.toISOString(),
    about:
      "All personal data this newsletter service holds about you. Not included: a coded (keyed-hash) entry of your " +
      "address on our do-not-mail list, which exists only to make sure we never e-mail you again after you leave.",
    subscriber: {
      id: s.id,
      email: s.email,
      name: s.name,
      kind: s.kind,
      country: s.country,
      eea: s.eea,
      ageBand: s.ageBand,
      addressPublishedForOffers: s.addressPublishedForOffers,
      createdAt: iso(s.createdAt),
      updatedAt: iso(s.updatedAt),
    },
    subscriptions: s.subscriptions.map((sub) => ({
      id: sub.id,
      newsletter: sub.newsletter,
      status: sub.status,
      basis: sub.basis,
      method: sub.method,
      source: sub.source,
      givenBy: sub.givenBy,
      givenAt: iso(sub.givenAt),
      confirmedAt: iso(sub.confirmedAt),
      unsubscribedAt: iso(sub.unsubscribedAt),
      proofReference: sub.proofReference,
      createdAt: iso(sub.createdAt),
      consentSnapshot: sub.formVersion
        ? {
            formVersionId: sub.formVersion.id,
            version: sub.formVersion.version,
            language: sub.formVersion.language,
            publishedAt: iso(sub.formVersion.createdAt),
            controllerIdentity: sub.formVersion.controllerIdentity,
            privacyUrl: sub.formVersion.privacyUrl,
            retentionStatement: sub.formVersion.retentionStatement,
            text: sub.formVersion.renderedText,
            contentHash: sub.formVersion.contentHash,
          }
        : null,
    })),
    consentEvents: events.map((e) => ({
      seq: e.seq,
      type: e.type,
      at: iso(e.at),
      subscriptionId: e.subscriptionId,
      newsletterIds: e.newsletterIds,
      formVersionId: e.formVersionId,
      actor: e.actor,
      details: e.details,
      ip: e.ip,
      userAgent: e.userAgent,
      hash: e.hash,
    })),
    purchases: s.purchases.map((p) => ({
      at: iso(p.at),
      category: p.category,
      reference: p.reference,
      obtainedInSale: p.obtainedInSale,
      optOutOfferedAtCollection: p.optOutOfferedAtCollection,
      objected: p.objected,
      source: p.source,
    })),
    deliveries: {
      total: deliveries.length,
      byStatus,
      // With the send gate's per-send record: basis, reason code, rules version, facts hash, moment of the decision.
      messages: deliveries.map((d) => ({
        newsletter: d.issue.newsletter.name, subject: d.issue.subject, status: d.status, sentAt: iso(d.sentAt ?? null),
        basis: d.basis, reason: d.decisionReason, rulesVersion: d.rulesVersion, factsHash: d.factsHash, decidedAt: iso(d.decidedAt),
      })),
    },
  };
}

/** The person's data, or null when there is no such (or no longer any) subscriber. */
export async function exportSubscriberData(opts: { subscriberId: string; client?: Db | Tx; now?: Date }): Promise<SubscriberExport | null> {
  return collect(opts.client ?? sharedDb, opts.subscriberId, opts.now ?? new Date());
}
