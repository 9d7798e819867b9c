// The send gate's input and output (catalogue §2.1). The caller states the basis it claims; the gate
// checks that basis and never goes looking for another one.
import { z } from "zod";
import { isIsoInstant } from "./dates";

export { deepMerge, type DeepPartial } from "./deep-merge";

export type Channel = "email" | "sms" | "app" | "phone" | "post";
export type Basis =
  | "consent" | "existing-customer" | "b2b-published" | "b2b-non-eea"
  | "legitimate-interest" | "charity-supporter" | "published-for-sales" | "none";
export type ConsentMethod = "double-opt-in" | "single-opt-in" | "paper" | "verbal";
export type ConsentSource = "own-form" | "migration" | "list-broker" | "partner" | "public-source" | "legacy";
export type CustomerRelation = "purchase" | "account-only" | "survey" | "contest" | "newsletter-only" | "donation";
/** What proves the information the person was shown (R-CONSENT-PROOF): our form version, or a third party's own form text. */
export type ConsentProof = "form-version" | "third-party-evidence";

export type Facts = {
  now: string; // ISO-8601
  org: { requireDoubleOptIn: boolean; customerWindowMonths: number | null; isCharity: boolean };
  channel: Channel;
  recipient: {
    kind: "person" | "sole-trader" | "organisation"; eea: boolean;
    under16: boolean | null; addressPublishedForOffers: boolean;
  };
  message: {
    kind: "marketing" | "transactional" | "confirmation-request" | "repermission-request"; marketingContent: boolean;
    newsletterId: string; categories: string[]; thirdPartyPromotion: boolean;
    unsubscribeLink: boolean; listUnsubscribeHeaders: boolean; senderIdentity: boolean;
    /** The newsletter's current material purpose revision; absent/null = purpose not versioned (no check). */
    purposeRevision?: number | null;
  };
  basis: Basis;
  consent: null | {
    newsletterIds: string[]; status: "pending" | "confirmed"; method: ConsentMethod;
    givenAt: string; confirmedAt: string | null; formVersionId: string | null;
    givenBy: "subject" | "parent"; preTicked: boolean; bundled: boolean; conditional: boolean;
    thirdPartyOffers: boolean; sourceProofNamesOrg: boolean; source: ConsentSource;
    /** Optional (not in catalogue §2.1): absent = the catalogue's reading, formVersionId is the proof. */
    proof?: ConsentProof | null;
    /** The material purpose revision the person agreed to; absent/null = not versioned (no check). */
    purposeRevision?: number | null;
  };
  customer: null | {
    relation: CustomerRelation; obtainedInSale: boolean; optOutOfferedAtCollection: boolean;
    similarCategories: string[]; lastPurchaseAt: string;
  };
  suppressions: { scope: "all" | string; reason: "withdrawal" | "objection"; at: string }[];
  b2b: { nonEeaLocalRulesOk: boolean };
  phone: { callerIdShown: boolean; numberPublishedForSales: boolean };
  post: { inPostfilter: boolean; assessmentDocumented: boolean };
};

export type Decision = { allowed: boolean; reason: string; obligations?: string[] };

/** A valid DOI subscriber to newsletter A who is also a recent bike customer (catalogue §2.1). */
export const DEFAULT_FACTS: Facts = deepFreeze({
  now: "2025-06-01T12:00:00Z",
  org: { requireDoubleOptIn: true, customerWindowMonths: 24, isCharity: false },
  channel: "email",
  recipient: { kind: "person", eea: true, under16: false, addressPublishedForOffers: false },
  message: {
    kind: "marketing", marketingContent: true, newsletterId: "A", categories: ["bikes"], thirdPartyPromotion: false,
    unsubscribeLink: true, listUnsubscribeHeaders: true, senderIdentity: true,
  },
  basis: "consent",
  consent: {
    newsletterIds: ["A"], status: "confirmed", method: "double-opt-in", givenAt: "2025-01-10T09:00:00Z",
    confirmedAt: "2025-01-10T09:05:00Z", formVersionId: "form-A-v3", givenBy: "subject", preTicked: false, bundled: false,
    conditional: false, thirdPartyOffers: false, sourceProofNamesOrg: false, source: "own-form",
  },
  customer: {
    relation: "purchase", obtainedInSale: true, optOutOfferedAtCollection: true,
    similarCategories: ["bikes", "bike-parts"], lastPurchaseAt: "2024-11-01T00:00:00Z",
  },
  suppressions: [],
  b2b: { nonEeaLocalRulesOk: false },
  phone: { callerIdShown: true, numberPublishedForSales: false },
  post: { inPostfilter: false, assessmentDocumented: false },
});

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

// Dates must carry a zone: a zone-less time would be read in the host's local zone.
const isoInstant = z.string().refine(isIsoInstant, {
  message: 'expected an ISO-8601 date-time with a time zone, e.g. "2025-06-01T12:00:00Z"',
});
const id = z.string().min(1);
// Optional so the catalogue's complete facts (§2.1, which predate purpose versions) stay valid.
const purposeRevision = z.number().int().positive().nullable().optional();

/** Validates a COMPLETE facts object: every field of §2.1 must be present (unknown keys are dropped). */
export const factsSchema = z.object({
  now: isoInstant,
  org: z.object({
    requireDoubleOptIn: z.boolean(),
    customerWindowMonths: z.number().int().nonnegative().nullable(),
    isCharity: z.boolean(),
  }),
  channel: z.enum(["email", "sms", "app", "phone", "post"]),
  recipient: z.object({
    kind: z.enum(["person", "sole-trader", "organisation"]),
    eea: z.boolean(),
    under16: z.boolean().nullable(),
    addressPublishedForOffers: z.boolean(),
  }),
  message: z.object({
    kind: z.enum(["marketing", "transactional", "confirmation-request", "repermission-request"]),
    marketingContent: z.boolean(),
    newsletterId: id,
    categories: z.array(z.string()),
    thirdPartyPromotion: z.boolean(),
    unsubscribeLink: z.boolean(),
    listUnsubscribeHeaders: z.boolean(),
    senderIdentity: z.boolean(),
    purposeRevision: purposeRevision,
  }),
  basis: z.enum([
    "consent", "existing-customer", "b2b-published", "b2b-non-eea",
    "legitimate-interest", "charity-supporter", "published-for-sales", "none",
  ]),
  consent: z.object({
    newsletterIds: z.array(id),
    status: z.enum(["pending", "confirmed"]),
    method: z.enum(["double-opt-in", "single-opt-in", "paper", "verbal"]),
    givenAt: isoInstant,
    confirmedAt: isoInstant.nullable(),
    formVersionId: id.nullable(),
    givenBy: z.enum(["subject", "parent"]),
    preTicked: z.boolean(),
    bundled: z.boolean(),
    conditional: z.boolean(),
    thirdPartyOffers: z.boolean(),
    sourceProofNamesOrg: z.boolean(),
    source: z.enum(["own-form", "migration", "list-broker", "partner", "public-source", "legacy"]),
    proof: z.enum(["form-version", "third-party-evidence"]).nullable().optional(),
    purposeRevision: purposeRevision,
  }).nullable(),
  customer: z.object({
    relation: z.enum(["purchase", "account-only", "survey", "contest", "newsletter-only", "donation"]),
    obtainedInSale: z.boolean(),
    optOutOfferedAtCollection: z.boolean(),
    similarCategories: z.array(z.string()),
    lastPurchaseAt: isoInstant,
  }).nullable(),
  suppressions: z.array(z.object({
    scope: id,
    reason: z.enum(["withdrawal", "objection"]),
    at: isoInstant,
  })),
  b2b: z.object({ nonEeaLocalRulesOk: z.boolean() }),
  phone: z.object({ callerIdShown: z.boolean(), numberPublishedForSales: z.boolean() }),
  post: z.object({ inPostfilter: z.boolean(), assessmentDocumented: z.boolean() }),
});

// Compile-time guard: the schema and the hand-written type must describe the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const schemaMatchesType: Same<z.infer<typeof factsSchema>, Facts> = true;
void schemaMatchesType;
