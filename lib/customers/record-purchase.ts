// Records a purchase reported by the organisation's shop (existing-customer basis, Tw 11.7): the person
// and the Purchase, the answer to the objection question asked at checkout, and — per newsletter, decided
// by lib/rules (decideImport's customer rules: purchase, opt-out offered, similar category, window,
// suppression) — a customer-basis subscription. A suppressed person is never subscribed again, also not
// after a new purchase (R-CUSTOMER-OBJECTION-FINAL); an existing subscription is never changed. An
// objection at checkout is recorded as an objection (suppression "all" + ledger event). One transaction.
import { z } from "zod";
import { db } from "../db/index.ts";
import { appendEvent } from "../consent/ledger.ts";
import { decideImport, type ImportReason } from "../rules/index.ts";
import { normaliseEmail } from "../subscribers/normalise-email.ts";
import { suppress, suppressionsFor } from "../subscribers/suppression.ts";

const noControl = (s: string) => !/[\u0000-\u001f\u007f]/.test(s);

export const purchaseInputSchema = z.object({
  email: z.string().max(320),
  name: z.string().trim().max(200).refine(noControl, "must not contain control characters").optional(),
  purchasedAt: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with a time zone, e.g. 2025-05-01T10:00:00Z" }),
  category: z.string().trim().min(1).max(100).refine(noControl, "must not contain control characters"),
  reference: z.string().trim().max(200).refine(noControl, "must not contain control characters").optional(),
  /** Was the customer clearly offered, at checkout, a free way to object to offers by e-mail? */
  objectionOffered: z.boolean(),
  /** Their answer: true when they objected. */
  objected: z.boolean(),
  /** The address was given by the customer in this sale (default true; false for addresses matched from elsewhere). */
  obtainedInSale: z.boolean().optional().default(true),
}).strict();

export type PurchaseInput = z.input<typeof purchaseInputSchema>;
export type PurchaseOutcome = { newsletterId: string; slug: string; outcome: ImportReason };
export type RecordPurchaseResult =
  | { ok: true; subscriberId: string; purchaseId: string; objectionRecorded: boolean; newsletters: PurchaseOutcome[] }
  | { ok: false; error: string };

export async function recordPurchase({ input, actor, now = new Date() }: { input: unknown; actor: string; now?: Date }): Promise<RecordPurchaseResult> {
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
  const newsletters = await db.newsletter.findMany({ where: { archivedAt: null }, select: { id: true, slug: true, categories: true, similarMap: true }, orderBy: { slug: "asc" } });

  return db.$transaction(async (tx) => {
    const subscriber =
      (await tx.subscriber.findUnique({ where: { email: email.email }, include: { subscriptions: { select: { newsletterId: true, status: true, basis: true, id: true } } } })) ??
      { ...(await tx.subscriber.create({ data: { email: email.email, name: p.name ?? null } })), subscriptions: [] };
    const purchase = await tx.purchase.create({
      data: {
        subscriberId: subscriber.id, at: purchasedAt, category: p.category, reference: p.reference ?? null, obtainedInSale: p.obtainedInSale,
        optOutOfferedAtCollection: p.objectionOffered, objected: p.objected, source: "api",
      },
    });
    const base = { subscriberId: subscriber.id, actor, at: now };
    const details = { purchaseId: purchase.id, category: p.category, purchasedAt: purchasedAt.toISOString(), objectionOffered: p.objectionOffered, objected: p.objected, obtainedInSale: p.obtainedInSale };

    if (p.objected) {
      // "No offers, thanks" at checkout is an objection to all direct marketing (R-CUSTOMER-OBJECTION-FINAL).
      await suppress(tx, email.email, "all", "objection", now);
      const ended = subscriber.subscriptions.filter((s) => s.basis === "existing_customer" && s.status !== "unsubscribed");
      for (const s of ended) await tx.subscription.update({ where: { id: s.id }, data: { status: "unsubscribed", unsubscribedAt: now } });
      await appendEvent(tx, { ...base, type: "purchase", newsletterIds: [], details: { ...details, subscriptions: [] } });
      await appendEvent(tx, { ...base, type: "objection", newsletterIds: ended.map((s) => s.newsletterId), details: { via: "checkout", scope: "all", purchaseId: purchase.id } });
      return { ok: true as const, subscriberId: subscriber.id, purchaseId: purchase.id, objectionRecorded: true, newsletters: [] };
    }

    const suppressed = (await suppressionsFor(tx, email.email)).length > 0;
    const outcomes: PurchaseOutcome[] = [];
    const created: { newsletterId: string; subscriptionId: string }[] = [];
    for (const n of newsletters) {
      const categories = Array.isArray(n.categories) ? (n.categories as string[]) : [];
      if (categories.length === 0) continue; // not about products: the customer basis cannot apply
      const existing = subscriber.subscriptions.find((s) => s.newsletterId === n.id);
      const d = decideImport({
        now: now.toISOString(), emailValid: true, duplicateInFile: false, suppressed,
        existingSubscriptionStatus: (existing?.status ?? null) as never, basis: "existing-customer",
        customerRelation: "purchase", purchaseAt: purchasedAt.toISOString(), purchaseCategory: p.category,
        similarCategories: ((n.similarMap ?? {}) as Record<string, string[]>)[p.category] ?? [],
        optOutOfferedAtCollection: p.objectionOffered, obtainedInSale: p.obtainedInSale, newsletterCategories: categories,
        customerWindowMonths: org ? org.customerWindowMonths : 24,
      });
      outcomes.push({ newsletterId: n.id, slug: n.slug, outcome: d.reason });
      if (d.accept) {
        const s = await tx.subscription.create({ data: { subscriberId: subscriber.id, newsletterId: n.id, status: "confirmed", basis: "existing_customer", createdAt: now } });
        created.push({ newsletterId: n.id, subscriptionId: s.id });
      }
    }
    await appendEvent(tx, { ...base, type: "purchase", newsletterIds: created.map((c) => c.newsletterId), details: { ...details, subscriptions: created } });
    return { ok: true as const, subscriberId: subscriber.id, purchaseId: purchase.id, objectionRecorded: false, newsletters: outcomes };
  });
}
