// Records a purchase reported by the organisation's shop (existing-customer basis, Tw 11.7): the person,
// the Purchase with the buyer's language, the opt-out text shown at checkout (ConsentEvidence
// checkout-optout, one row per distinct text) and the buyer's answer. lib/rules decidePurchase decides the
// rest: an objection at checkout is recorded as an objection (suppression "all" + ledger event, customer-
// basis subscriptions end); otherwise the buyer is enrolled only in the newsletters the organisation maps
// to the purchased product (Newsletter.customerProducts) in the buyer's language, where the customer rules
// allow. A suppressed person is never enrolled again (R-CUSTOMER-OBJECTION-FINAL, R-UNSUBSCRIBED-STAYS); an
// existing subscription is never changed. One transaction.
import { z } from "zod";
import { db } from "../db/index.ts";
import { appendEvent } from "../consent/ledger.ts";
import { recordEvidence } from "../consent/record-evidence.ts";
import { decidePurchase, type ImportReason } from "../rules/index.ts";
import { normaliseEmail } from "../subscribers/normalise-email.ts";
import { suppress, suppressionsFor } from "../subscribers/suppression.ts";
import { rulesBasis } from "../subscribers/basis.ts";

const noControl = (s: string) => !/[\u0000-\u001f\u007f]/.test(s);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

export const purchaseInputSchema = z.object({
  email: z.string().max(320),
  name: z.string().trim().max(200).refine(noControl, "must not contain control characters").optional(),
  purchasedAt: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with a time zone, e.g. 2025-05-01T10:00:00Z" }),
  category: z.string().trim().min(1).max(100).refine(noControl, "must not contain control characters"),
  reference: z.string().trim().max(200).refine(noControl, "must not contain control characters").optional(),
  /** The language the buyer shopped in: they are enrolled only in newsletters in that language. */
  language: z.enum(["nl", "en"], { message: 'must be "nl" or "en": the language the buyer shopped in' }),
  /** Was the customer clearly offered, at checkout, a free way to object to offers by e-mail? */
  objectionOffered: z.boolean(),
  /** The exact text that offered it (e.g. "☐ No offers by e-mail, thanks"): required when objectionOffered is true. */
  optOutText: z.string().trim().min(1, "must not be empty").max(5000).optional(),
  /** Their answer: true when they objected. */
  objected: z.boolean(),
  /** The address was given by the customer in this sale (default true; false for addresses matched from elsewhere). */
  obtainedInSale: z.boolean().optional().default(true),
}).strict().refine((p) => !p.objectionOffered || p.optOutText !== undefined, {
  path: ["optOutText"],
  message: "required when objectionOffered is true: the checkout text that offered the opt-out, as the buyer saw it",
});

export type PurchaseInput = z.input<typeof purchaseInputSchema>;
export type PurchaseOutcome = { newsletterId: string; slug: string; outcome: ImportReason };
export type RecordPurchaseResult =
  | { ok: true; subscriberId: string; purchaseId: string; optOutEvidenceId: string | null; objectionRecorded: boolean; newsletters: PurchaseOutcome[] }
  | { ok: false; error: string };

export async function recordPurchase({ input, actor, shopName = "shop", now = new Date() }: { input: unknown; actor: string; shopName?: string; now?: Date }): Promise<RecordPurchaseResult> {
  const parsed = purchaseInputSchema.safeParse(input);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return { ok: false, error: `${i.path.join(".") || "body"}: ${i.message}` };
  }
  const p = parsed.data;
  const email = normaliseEmail(p.email);
  if (!email.ok) return { ok: false, error: `email: ${email.error}` };
  const purchasedAt = new Date(p.purchasedAt);
  if (purchasedAt.getTime() > now.getTime() + 24 * 3600_000) return { ok: false, error: "purchasedAt: lies in the future" };

  const org = await db.organisation.findUnique({ where: { id: 1 } });
  const newsletters = await db.newsletter.findMany({
    where: { archivedAt: null }, orderBy: { slug: "asc" },
    select: { id: true, slug: true, language: true, categories: true, similarMap: true, customerProducts: true },
  });
  const slugOf = new Map(newsletters.map((n) => [n.id, n.slug]));

  return db.$transaction(async (tx) => {
    const subscriber =
      (await tx.subscriber.findUnique({ where: { email: email.email }, include: { subscriptions: { select: { newsletterId: true, status: true, basis: true, id: true } } } })) ??
      { ...(await tx.subscriber.create({ data: { email: email.email, name: p.name ?? null } })), subscriptions: [] };
    const evidence = p.optOutText ? await recordEvidence(tx, { kind: "checkout-optout", sourceName: shopName, text: p.optOutText }) : null;
    const purchase = await tx.purchase.create({
      data: {
        subscriberId: subscriber.id, at: purchasedAt, category: p.category, reference: p.reference ?? null, obtainedInSale: p.obtainedInSale,
        optOutOfferedAtCollection: p.objectionOffered, objected: p.objected, source: "api", language: p.language, optOutEvidenceId: evidence?.id ?? null,
      },
    });
    const decision = decidePurchase({
      now: now.toISOString(),
      purchase: {
        at: purchasedAt.toISOString(), category: p.category, language: p.language, obtainedInSale: p.obtainedInSale,
        optOutOffered: p.objectionOffered, optOutTextRecorded: evidence !== null, objected: p.objected,
      },
      suppressions: (await suppressionsFor(tx, email.email)).map((s) => ({ scope: s.scope, at: s.at.toISOString() })),
      customerWindowMonths: org ? org.customerWindowMonths : 24,
      newsletters: newsletters.map((n) => ({
        id: n.id, language: n.language, customerProducts: strings(n.customerProducts), categories: strings(n.categories),
        similarMap: (n.similarMap ?? {}) as Record<string, string[]>,
      })),
      subscriptions: subscriber.subscriptions.map((s) => ({
        id: s.id, newsletterId: s.newsletterId, status: s.status, basis: rulesBasis(s.basis),
      })),
    });
    const base = { subscriberId: subscriber.id, actor, at: now };
    const details = {
      purchaseId: purchase.id, category: p.category, purchasedAt: purchasedAt.toISOString(), language: p.language, objectionOffered: p.objectionOffered,
      optOutEvidenceId: evidence?.id ?? null, optOutTextHash: evidence?.textHash ?? null, objected: p.objected, obtainedInSale: p.obtainedInSale,
    };

    if (decision.objection) {
      // "No offers, thanks" at checkout is an objection to all direct marketing.
      await suppress(tx, email.email, decision.objection.scope, "objection", now);
      for (const id of decision.endSubscriptionIds) await tx.subscription.update({ where: { id }, data: { status: "unsubscribed", unsubscribedAt: now } });
      const ended = subscriber.subscriptions.filter((s) => decision.endSubscriptionIds.includes(s.id)).map((s) => s.newsletterId);
      await appendEvent(tx, { ...base, type: "purchase", newsletterIds: [], details: { ...details, subscriptions: [] } });
      await appendEvent(tx, { ...base, type: "objection", newsletterIds: ended, details: { via: "checkout", scope: decision.objection.scope, purchaseId: purchase.id, ruleId: decision.objection.ruleId } });
      return { ok: true as const, subscriberId: subscriber.id, purchaseId: purchase.id, optOutEvidenceId: evidence?.id ?? null, objectionRecorded: true, newsletters: [] };
    }

    const created: { newsletterId: string; subscriptionId: string }[] = [];
    for (const n of decision.newsletters.filter((x) => x.enrol)) {
      const s = await tx.subscription.create({ data: { subscriberId: subscriber.id, newsletterId: n.newsletterId, status: "confirmed", basis: "existing_customer", createdAt: now } });
      created.push({ newsletterId: n.newsletterId, subscriptionId: s.id });
    }
    await appendEvent(tx, { ...base, type: "purchase", newsletterIds: created.map((c) => c.newsletterId), details: { ...details, subscriptions: created } });
    return {
      ok: true as const, subscriberId: subscriber.id, purchaseId: purchase.id, optOutEvidenceId: evidence?.id ?? null, objectionRecorded: false,
      newsletters: decision.newsletters.map((n) => ({ newsletterId: n.newsletterId, slug: slugOf.get(n.newsletterId)!, outcome: n.reason })),
    };
  });
}
