// POST /api/v1/purchases — the shop records a customer's purchase (existing-customer basis).
// Authorization: Bearer <API token> (created by an admin at /admin/api-tokens). JSON body: see
// lib/customers/record-purchase.ts (email, purchasedAt, category, objectionOffered, objected, ...).
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
  const r = await recordPurchase({ input: body, actor: `api:${token.id}` });
  if (!r.ok) return json(400, { error: r.error });
  return json(201, r);
}
