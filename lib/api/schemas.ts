// The zod schemas of /api/v1: the same objects validate each request (lib/api/api-route.ts) and make the
// OpenAPI document (lib/api/openapi.ts). `.meta({ id })` names a component in that document.
import { z } from "zod";
import { ADDABLE_REASONS } from "../subscribers/add-suppressions.ts";

const noControl = (v: string) => !/[\u0000-\u001f\u007f]/.test(v);
const id = (what: string) => z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, `must be ${what}'s id`);
const email = z.string().max(320).refine(noControl, "must not contain control characters").meta({ example: "jan@example.nl" });

export const subscriberParams = z.object({ id: id("a subscriber").meta({ description: "The subscriber's id." }) });
export const sendParams = z.object({ id: id("a send").meta({ description: "The send's id." }) });

export const createSubscriberBody = z.object({
  email,
  name: z.string().trim().max(200).refine(noControl, "must not contain control characters").optional(),
  newsletterIds: z.array(id("a newsletter")).min(1, "name at least one newsletter").max(50),
  basis: z.literal("consent").meta({ description: "The lawful basis declared: consent (the existing-customer basis goes through POST /purchases)." }),
  source: z.object({
    type: z.literal("form").meta({ description: "The person agreed on a form of ours (or our text shown in your system)." }),
    formVersionId: id("a published form version").meta({ description: "The exact form version (text) the person was shown; it must offer every newsletter named." }),
    ip: z.union([z.ipv4(), z.ipv6()]).optional().meta({ description: "The person's IP address when they agreed, if your system saw it (kept in the ledger event)." }),
    userAgent: z.string().max(500).refine(noControl, "must not contain control characters").optional().meta({ description: "The person's browser when they agreed, if known." }),
  }).strict().meta({ description: "Where and how the consent was given: the ledger records it with the API as channel." }),
}).strict().meta({ id: "CreateSubscriber" });

export const createdSubscriber = z.object({
  subscriberId: z.string(),
  status: z.literal("pending").meta({ description: "Pending until the person presses the button in the double opt-in mail." }),
}).meta({ id: "CreatedSubscriber" });

export const subscription = z.object({
  id: z.string(),
  newsletterId: z.string(),
  newsletterSlug: z.string(),
  status: z.enum(["pending", "confirmed", "unsubscribed"]),
  basis: z.string(),
  source: z.string(),
  givenAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  unsubscribedAt: z.string().nullable(),
}).meta({ id: "Subscription" });

export const subscriptionList = z.object({ subscriptions: z.array(subscription) }).meta({ id: "SubscriptionList" });

export const subscriberView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  createdAt: z.string(),
  subscriptions: z.array(subscription),
}).meta({ id: "Subscriber" });

export const withdrawalBody = z.object({
  newsletterId: z.union([id("a newsletter"), z.literal("all")]).meta({ description: 'One newsletter, or "all" of the person\'s newsletters.' }),
  kind: z.enum(["withdrawal", "objection"]).default("withdrawal").meta({ description: "A withdrawal of consent, or an objection to direct marketing." }),
}).strict().meta({ id: "Withdrawal" });

export const withdrawalResult = z.object({
  withdrawn: z.array(z.object({ subscriptionId: z.string(), newsletterId: z.string() })).meta({ description: "The subscriptions this ended (empty when they had already ended)." }),
}).meta({ id: "WithdrawalResult" });

export const suppressionBody = z.object({
  email,
  reason: z.enum(ADDABLE_REASONS).meta({ description: "Why the address gets no more mail." }),
}).strict().meta({ id: "Suppression" });

export const suppressionResult = z.object({ added: z.literal(1) }).meta({ id: "SuppressionResult" });

export const sendStatus = z.object({
  sendId: z.string(),
  status: z.string(),
  total: z.number(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  counts: z.object({ queued: z.number(), sending: z.number(), sent: z.number(), skipped: z.number(), failed: z.number() }),
  reasons: z.array(z.object({ status: z.string(), reason: z.string(), count: z.number() })).meta({ description: "Why deliveries were skipped or failed (the gate's reason codes)." }),
}).meta({ id: "SendStatus" });

export const exportDocument = z.record(z.string(), z.unknown()).meta({
  id: "ExportDocument",
  description: "The signed JSON document (lib/export/README.md): verify it offline with `npm run proof:verify`.",
});

export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  instance: z.string().optional(),
  code: z.string(),
  field: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), detail: z.string() })).optional().meta({ description: "Every field that failed validation." }),
}).meta({ id: "Problem", description: "RFC 9457 problem details (application/problem+json)." });
