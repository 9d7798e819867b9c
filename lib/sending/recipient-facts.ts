// Derives the catalogue §2.1 facts for one (subscriber, subscription, issue) from database rows. Pure: the
// caller loads the rows (load-recipients.ts) and the built message's compliance; lib/rules decides.
//
// Choices where the data model leaves room (documented in lib/sending/README.md):
// - The claimed basis is the subscription's basis (how the person came onto this list), as far as the
//   issue's declared basis covers it (lib/rules claimedBasis); message.categories are the declared ones.
// - consent.newsletterIds: the subscription's newsletter, but only if the form version the person saw
//   offered that newsletter's box; otherwise the form's newsletters (→ DENY_CONSENT_WRONG_NEWSLETTER).
// - Suppressions: every stored entry, an ended subscription and an objection at checkout, through lib/rules'
//   suppressionFacts (which maps the reasons); whether a later DOI lifts an entry is the gate's question.
// - Purpose: message.purposeRevision is the newsletter's current revision, consent.purposeRevision the one
//   of the subscription's purpose version; a subscription without one (or with one this newsletter does not
//   know) counts as revision 1: nothing shows the person agreed to anything later.
import { claimedBasis, suppressionFacts, type Facts } from "../rules/index.ts";
import { rulesBasis } from "../subscribers/basis.ts";

export type SubscriberRow = {
  id: string; email: string; kind: string; eea: boolean; ageBand: string | null; addressPublishedForOffers: boolean;
};
export type SubscriptionRow = {
  id: string; newsletterId: string; status: string; basis: string; method: string | null; source: string;
  sourceProofNamesOrg: boolean; givenBy: string; preTicked: boolean; bundled: boolean; conditional: boolean;
  thirdPartyOffers: boolean; formVersionId: string | null; purposeVersionId?: string | null; purposeAgreedAt?: Date | null; givenAt: Date | null; confirmedAt: Date | null;
  /** Third-party evidence (a partner's form text) for broker/partner rows. */
  evidenceId?: string | null;
  unsubscribedAt: Date | null; createdAt: Date; updatedAt: Date;
};
export type PurchaseRow = { at: Date; category: string; obtainedInSale: boolean; optOutOfferedAtCollection: boolean; objected: boolean };
export type SuppressionRow = { scope: string; reason: string; at: Date };

export type RecipientRows = {
  subscriber: SubscriberRow;
  subscription: SubscriptionRow;
  /** newsletterIds of the subscription's form version, null when it has none */
  formVersionNewsletterIds: string[] | null;
  /** The language of the form version they signed up on (null: none, e.g. an import): their mails' language texts. */
  formVersionLanguage?: string | null;
  purchases: PurchaseRow[];
  suppressions: SuppressionRow[];
};

export type OrgRules = { requireDoubleOptIn: boolean; customerWindowMonths: number | null; isCharity: boolean };
export type NewsletterRules = { id: string; categories: unknown; similarMap: unknown };
/** The issue's declaration (lib/sending/issue-declaration.ts): categories, third-party offers, basis. */
export type IssueRules = { categories: unknown; thirdPartyPromotion: boolean; basis: string };
/** The newsletter's purpose revisions, loaded once per send: the current one and id → revision. */
export type PurposeRevisions = { current: number; revisionOf: ReadonlyMap<string, number> };

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const iso = (d: Date) => d.toISOString();

const METHOD: Record<string, NonNullable<Facts["consent"]>["method"]> = {
  double_opt_in: "double-opt-in", single_opt_in: "single-opt-in", paper: "paper", verbal: "verbal",
};
const SOURCE: Record<string, NonNullable<Facts["consent"]>["source"]> = {
  own_form: "own-form", migration: "migration", list_broker: "list-broker", partner: "partner", public_source: "public-source", legacy: "legacy",
};

export function recipientFacts(opts: {
  now: Date;
  org: OrgRules;
  newsletter: NewsletterRules;
  issue: IssueRules;
  message: { unsubscribeLink: boolean; listUnsubscribeHeaders: boolean; senderIdentity: boolean };
  rows: RecipientRows;
  /** Absent: the purpose is not versioned (no check). */
  purpose?: PurposeRevisions | null;
  /** What kind of message is sent (default: the issue, marketing). */
  kind?: "marketing" | "repermission-request";
}): Facts {
  const { rows, newsletter } = opts;
  const sub = rows.subscription;
  const basis = rulesBasis(sub.basis);
  // The issue's declared categories, never the newsletter's list: an empty declaration stays empty.
  const categories = strings(opts.issue.categories);

  const formNewsletters = rows.formVersionNewsletterIds;
  const newsletterIds = formNewsletters && !formNewsletters.includes(sub.newsletterId) ? formNewsletters : [sub.newsletterId];
  const confirmed = sub.status === "confirmed" || (sub.status === "unsubscribed" && sub.confirmedAt !== null);

  // Every stored entry reaches the gate; lib/rules maps the reasons and decides whether a later DOI lifts one.
  const suppressions = suppressionFacts({
    entries: rows.suppressions.map((s) => ({ scope: s.scope, reason: s.reason, at: iso(s.at) })),
    ended: sub.status === "unsubscribed"
      ? { newsletterId: sub.newsletterId, basis, at: iso(sub.unsubscribedAt ?? sub.updatedAt) }
      : null,
    objectedAtCheckout: rows.purchases.filter((p) => p.objected).map((p) => iso(p.at)),
  });

  return {
    now: iso(opts.now),
    org: opts.org,
    channel: "email",
    recipient: {
      kind: rows.subscriber.kind === "sole_trader" ? "sole-trader" : rows.subscriber.kind === "organisation" ? "organisation" : "person",
      eea: rows.subscriber.eea,
      under16: rows.subscriber.ageBand === "under16" ? true : rows.subscriber.ageBand === "adult" ? false : null,
      addressPublishedForOffers: rows.subscriber.addressPublishedForOffers,
    },
    message: {
      kind: opts.kind ?? "marketing",
      marketingContent: opts.kind !== "repermission-request",
      newsletterId: newsletter.id,
      categories,
      thirdPartyPromotion: opts.issue.thirdPartyPromotion,
      ...opts.message,
      purposeRevision: opts.purpose?.current ?? null,
    },
    basis: claimedBasis({
      subscriptionBasis: basis,
      declaredBasis: rulesBasis(opts.issue.basis),
    }),
    consent: {
      newsletterIds,
      status: confirmed ? "confirmed" : "pending",
      method: (sub.method && METHOD[sub.method]) || "single-opt-in",
      givenAt: iso(sub.givenAt ?? sub.createdAt),
      confirmedAt: confirmed && sub.confirmedAt ? iso(sub.confirmedAt) : null,
      formVersionId: sub.formVersionId,
      // Which proof of the shown text the row has; lib/rules decides whether it fits the row's source.
      proof: sub.evidenceId ? "third-party-evidence" : sub.formVersionId ? "form-version" : null,
      givenBy: sub.givenBy === "parent" ? "parent" : "subject",
      preTicked: sub.preTicked,
      bundled: sub.bundled,
      conditional: sub.conditional,
      thirdPartyOffers: sub.thirdPartyOffers,
      sourceProofNamesOrg: sub.sourceProofNamesOrg,
      source: SOURCE[sub.source] ?? "legacy",
      purposeRevision: opts.purpose ? ((sub.purposeVersionId && opts.purpose.revisionOf.get(sub.purposeVersionId)) || 1) : null,
    },
    customer: customerFacts(rows.purchases, newsletter.similarMap),
    suppressions,
    b2b: { nonEeaLocalRulesOk: false },
    phone: { callerIdShown: true, numberPublishedForSales: false },
    post: { inPostfilter: false, assessmentDocumented: false },
  };
}

// R-CUSTOMER-*: purchases that qualify (address obtained in the sale, opt-out offered) are preferred;
// without one, the latest purchase speaks, so the gate names the exact defect.
function customerFacts(purchases: PurchaseRow[], similarMap: unknown): Facts["customer"] {
  if (!purchases.length) return null;
  const qualifying = purchases.filter((p) => p.obtainedInSale && p.optOutOfferedAtCollection);
  const pool = qualifying.length ? qualifying : purchases;
  const latest = pool.reduce((a, b) => (b.at > a.at ? b : a));
  const map = similarMap && typeof similarMap === "object" ? (similarMap as Record<string, unknown>) : {};
  const similar = new Set<string>();
  for (const p of pool) {
    similar.add(p.category);
    for (const c of strings(map[p.category])) similar.add(c);
  }
  return {
    relation: "purchase",
    obtainedInSale: latest.obtainedInSale,
    optOutOfferedAtCollection: latest.optOutOfferedAtCollection,
    similarCategories: [...similar],
    lastPurchaseAt: iso(latest.at),
  };
}
