// POST /api/v1/purchases — the shop records a customer's purchase (existing-customer basis).
// Authorization: Bearer <API token> (created by an admin at /admin/api-tokens). JSON body
// (lib/customers/record-purchase.ts, unknown fields are refused):
//   email, purchasedAt (ISO 8601 with zone), category (the product category bought),
//   language ("nl" | "en", the language the buyer shopped in),
//   objectionOffered (was a free opt-out from offers by e-mail offered at checkout),
//   optOutText (the exact checkout text that offered it; required when objectionOffered is true),
//   objected (the buyer's answer), and optional name, reference, obtainedInSale (default true).
// The buyer is enrolled only in the newsletters mapped to that category (the newsletter's "customer
// products") in their language, where lib/rules allows; a suppressed person never. 201 with
// { subscriberId, purchaseId, optOutEvidenceId, objectionRecorded, newsletters: [{ newsletterId, slug,
// outcome }] }. Failures are RFC 9457 problem+json (application/problem+json) with a stable `code`:
// 400 invalid_input with detail "<field>: <message>", 401 unauthenticated, 403 without the write-subscribers
// scope, 413, 415, 429 rate_limited.
import { route, readJson, HttpError } from "@/lib/http/boundary";
import { recordPurchase } from "@/lib/customers/record-purchase";
import { ENDPOINTS } from "@/lib/api/endpoints";

export const dynamic = "force-dynamic";

const MAX_BODY = 16 * 1024;

export const POST = route({ access: "api-token", scope: ENDPOINTS.recordPurchase.scope, rateLimit: { name: "api-purchases", points: 600, durationSec: 60 } }, async ({ req, token }) => {
  // recordPurchase parses the body with its own zod schema (unknown fields refused) and names the field.
  const body = await readJson(req, MAX_BODY);
  const r = await recordPurchase({ input: body, actor: `api:${token.id}`, shopName: token.name });
  if (!r.ok) throw new HttpError("invalid_input", r.error);
  return Response.json(r, { status: 201 });
});
