// "Why did I get this?" (issue 12 D6): everything the receipt page shows for one sent message, found by
// its signed link (lib/subscribers/links.ts receiptToken, per delivery). What the person agreed to is read
// as it stood when the message was sent: the purpose version and the form version of the consent the
// gate decided on (a later re-permission or a new signup does not rewrite an earlier message's receipt),
// the immutable texts those versions hold, and the per-send record stored on the Delivery.
// null for a forged or unknown link, and after erasure (the Delivery then names nobody): the page says
// only that the link does not work.
import { db } from "../db/index.ts";
import { getConsentSnapshot, type ConsentSnapshot } from "../consent/get-consent-snapshot.ts";
import { langOf, type Lang } from "../mail/render-issue.tsx";
import { preferencesUrl, verifyReceiptToken } from "../subscribers/links.ts";
import { parseStoredBasis, type StoredBasis } from "../subscribers/basis.ts";

// Which evidence the page shows beside the consent: the purchase, for a subscription on the customer basis.
const SHOWS_PURCHASE: Record<StoredBasis, boolean> = { consent: false, existing_customer: true };

export type Receipt = {
  deliveryId: string;
  issueId: string;
  subscriberId: string;
  subscriptionId: string;
  /** The message's language: the newsletter's. */
  lang: Lang;
  subject: string;
  newsletter: { id: string; name: string };
  orgName: string;
  sentAt: Date | null;
  /** The moment the gate decided: what "then" means on this page. */
  decidedAt: Date;
  unsubscribed: boolean;
  basis: "consent" | "existing_customer";
  purpose: { version: number; name: string; description: string; agreedAt: Date | null } | null;
  consent: {
    givenAt: Date | null; confirmedAt: Date | null; method: string | null; source: string;
    formVersion: { version: number; renderedText: string; contentHash: string; publishedAt: Date } | null;
    /** A partner's or broker's form text (never ours). */
    evidence: { sourceName: string; text: string } | null;
  };
  customer: { purchasedAt: Date; category: string; optOutOffered: boolean; optOutText: string | null } | null;
  record: { basis: string | null; decisionReason: string | null; decidedAt: Date | null };
  /** The preferences link as this message carried it (dated by the decision): its safeguards apply unchanged. */
  preferencesUrl: string;
};

export async function getReceipt(token: unknown): Promise<Receipt | null> {
  const deliveryId = verifyReceiptToken(token);
  if (!deliveryId) return null;
  const d = await db.delivery.findUnique({
    where: { id: deliveryId },
    select: {
      id: true, issueId: true, subscriberId: true, subscriptionId: true, sentAt: true, createdAt: true,
      basis: true, decisionReason: true, decidedAt: true,
      issue: { select: { subject: true, newsletter: { select: { id: true, name: true, language: true, customerProducts: true } } } },
    },
  });
  if (!d?.subscriberId || !d.subscriptionId) return null;
  const [snapshot, sub, org] = await Promise.all([
    getConsentSnapshot({ subscriptionId: d.subscriptionId }),
    db.subscription.findUnique({
      where: { id: d.subscriptionId },
      select: { subscriberId: true, purposeVersionId: true, purposeAgreedAt: true, evidence: { select: { sourceName: true, text: true } } },
    }),
    db.organisation.findUnique({ where: { id: 1 }, select: { name: true } }),
  ]);
  if (!snapshot || !sub || sub.subscriberId !== d.subscriberId) return null;
  const decidedAt = d.decidedAt ?? d.sentAt ?? d.createdAt;
  const newsletter = d.issue.newsletter;
  const basis = parseStoredBasis(snapshot.subscription.basis) ?? "consent";
  const [consent, purpose, customer] = await Promise.all([
    consentThen(snapshot, decidedAt),
    purposeThen({ subscriptionId: d.subscriptionId, newsletterId: newsletter.id, current: sub, decidedAt, confirmedAt: snapshot.subscription.confirmedAt ?? snapshot.subscription.givenAt }),
    SHOWS_PURCHASE[basis] ? purchaseThen(d.subscriberId, newsletter.customerProducts, decidedAt) : null,
  ]);
  return {
    deliveryId: d.id, issueId: d.issueId, subscriberId: d.subscriberId, subscriptionId: d.subscriptionId,
    lang: langOf(newsletter.language), subject: d.issue.subject, newsletter: { id: newsletter.id, name: newsletter.name }, orgName: org?.name ?? "",
    sentAt: d.sentAt, decidedAt, unsubscribed: snapshot.subscription.status === "unsubscribed", basis, purpose,
    consent: { ...consent, evidence: sub.evidence },
    customer,
    record: { basis: d.basis, decisionReason: d.decisionReason, decidedAt: d.decidedAt },
    preferencesUrl: preferencesUrl(d.subscriberId, decidedAt),
  };
}

// The consent the message was sent on. Signing up again after it (after leaving, say) re-dates the
// subscription and may point it at a newer form version; the ledger's signup before the send names the old one.
async function consentThen(snapshot: ConsentSnapshot, decidedAt: Date) {
  const s = snapshot.subscription;
  const base = { givenAt: s.givenAt, confirmedAt: s.confirmedAt, method: s.method, source: s.source };
  const fv = snapshot.formVersion;
  const asVersion = (v: NonNullable<ConsentSnapshot["formVersion"]>) => ({ version: v.version, renderedText: v.renderedText, contentHash: v.contentHash, publishedAt: v.publishedAt });
  if (!s.givenAt || s.givenAt <= decidedAt) return { ...base, formVersion: fv && asVersion(fv) };
  const signup = snapshot.events.filter((e) => e.type === "signup" && e.at <= decidedAt).at(-1);
  const confirm = signup && snapshot.events.find((e) => e.type === "confirm" && e.at >= signup.at && e.at <= decidedAt);
  const earlier = signup?.formVersionId
    ? await db.formVersion.findUnique({ where: { id: signup.formVersionId }, select: { version: true, renderedText: true, contentHash: true, createdAt: true } })
    : null;
  return {
    ...base, givenAt: signup?.at ?? null, confirmedAt: confirm?.at ?? null,
    formVersion: earlier ? { version: earlier.version, renderedText: earlier.renderedText, contentHash: earlier.contentHash, publishedAt: earlier.createdAt } : null,
  };
}

// The purpose version the person had agreed to when the message went out, as the footer quoted it: the
// subscription's (none recorded: the newsletter's first), or, when a re-permission was accepted after the
// send, the version that re-permission moved them from (the ledger keeps both ends).
async function purposeThen(o: {
  subscriptionId: string; newsletterId: string; decidedAt: Date; confirmedAt: Date | null;
  current: { purposeVersionId: string | null; purposeAgreedAt: Date | null };
}): Promise<Receipt["purpose"]> {
  let id = o.current.purposeVersionId;
  let agreedAt = o.current.purposeAgreedAt ?? o.confirmedAt;
  if (o.current.purposeAgreedAt && o.current.purposeAgreedAt > o.decidedAt) {
    const events = await db.consentEvent.findMany({ where: { subscriptionId: o.subscriptionId, type: "repermission" }, orderBy: { seq: "asc" }, select: { at: true, details: true } });
    const after = events.find((e) => e.at > o.decidedAt);
    const before = events.filter((e) => e.at <= o.decidedAt).at(-1);
    const from = (after?.details as { fromPurposeVersionId?: unknown } | null)?.fromPurposeVersionId;
    id = typeof from === "string" ? from : null;
    agreedAt = before?.at ?? o.confirmedAt;
  }
  const pv = (id && (await db.purposeVersion.findFirst({ where: { id, newsletterId: o.newsletterId } })))
    || (await db.purposeVersion.findFirst({ where: { newsletterId: o.newsletterId }, orderBy: { version: "asc" } }));
  return pv ? { version: pv.version, name: pv.name, description: pv.description, agreedAt } : null;
}

// The purchase the customer relation rests on: one before the send in a category this newsletter is for,
// preferring one where the opt-out was offered (what the gate requires), the latest of those.
async function purchaseThen(subscriberId: string, customerProducts: unknown, decidedAt: Date): Promise<Receipt["customer"]> {
  const products = Array.isArray(customerProducts) ? (customerProducts as string[]) : null;
  const purchases = await db.purchase.findMany({
    where: { subscriberId, at: { lte: decidedAt }, ...(products?.length ? { category: { in: products } } : {}) },
    orderBy: { at: "desc" },
    include: { optOutEvidence: { select: { text: true } } },
  });
  const p = purchases.find((x) => x.optOutOfferedAtCollection && x.obtainedInSale && !x.objected) ?? purchases[0];
  return p ? { purchasedAt: p.at, category: p.category, optOutOffered: p.optOutOfferedAtCollection, optOutText: p.optOutEvidence?.text ?? null } : null;
}
