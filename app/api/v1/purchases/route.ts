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
// outcome }] }; 400 { error: "<field>: <message>" } for bad input; 401, 413, 415, 429 as usual.
import { verifyApiToken } from "@/lib/customers/api-tokens";
import { recordPurchase } from "@/lib/customers/record-purchase";
import { hit } from "@/lib/security/rate-limit";

export const dynamic = "force-dynamic";

const MAX_BODY = 16 * 1024;
const json = (status: number, body: unknown, headers: Record<string, string> = {}) => Response.json(body, { status, headers });

export async function POST(req: Request) {
  const token = await verifyApiToken(req.headers.get("authorization"));
  if (!token) return json(401, { error: "Send a valid API token: Authorization: Bearer <token>." }, { "WWW-Authenticate": 'Bearer realm="proofmail"' });
  const limited = await hit("api-purchases", token.id, { points: 600, durationSec: 60 });
  if (!limited.ok) return json(429, { error: "Too many requests; slow down." }, { "Retry-After": String(limited.retryAfterSec) });
  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json"))
    return json(415, { error: "Send the purchase as JSON (Content-Type: application/json)." });
  const text = await req.text();
  if (text.length > MAX_BODY) return json(413, { error: "The request body is too large." });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return json(400, { error: "The body is not valid JSON." });
  }
  const r = await recordPurchase({ input: body, actor: `api:${token.id}`, shopName: token.name });
  if (!r.ok) return json(400, { error: r.error });
  return json(201, r);
}
