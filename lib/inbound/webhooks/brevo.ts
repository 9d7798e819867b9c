// Brevo (Sendinblue) transactional and marketing webhooks (POST /api/inbound/brevo). Brevo signs nothing;
// its webhooks can send a bearer token or basic auth, which must equal INBOUND_BREVO_TOKEN (as
// `Authorization: Bearer <token>`, or basic auth when the token is written `user:pass`), compared in
// constant time. Events hard_bounce → hard, soft_bounce → soft, spam / complaint → complaint; one event
// per request, or an array of them. Matching: our signed id in X-Mailin-custom (the header of that name
// on the message is echoed here); Brevo's message-id alone names nothing verifiable.
import { z } from "zod";
import { config } from "../../config/index.ts";
import { HttpError } from "../../http/boundary.ts";
import type { InboundKind } from "../parse-inbound.ts";
import { applyWebhookEvents, basicCredentials, deliveryFrom, malformed, notConfigured, parseJson, readWebhookBody, secretEquals, statusIn, type WebhookEvent } from "./common.ts";

const BrevoEvent = z.object({
  event: z.string().max(40),
  email: z.string().max(400).optional(),
  id: z.union([z.number(), z.string()]).optional(),
  "message-id": z.string().max(400).optional(),
  ts_event: z.number().optional(),
  date: z.string().optional(),
  subject: z.string().optional(),
  reason: z.string().optional(),
  "X-Mailin-custom": z.string().max(4000).optional(),
  tags: z.unknown().optional(),
}).passthrough();

// Brevo's event names (transactional and marketing webhooks) → what the parser calls them.
const KINDS: Record<string, InboundKind> = { hard_bounce: "hard-bounce", soft_bounce: "soft-bounce", spam: "complaint", complaint: "complaint" };

export function brevoEvent(e: z.infer<typeof BrevoEvent>): WebhookEvent | null {
  const kind = Object.hasOwn(KINDS, e.event) ? KINDS[e.event] : null;
  if (!kind) return null; // delivered, opened, click, unsubscribed…
  const custom = e["X-Mailin-custom"];
  // X-Mailin-custom is free text: a bare id, or "proofmail-delivery:<id>" among other values.
  const deliveryId = deliveryFrom([custom, ...(custom ?? "").split(/[\s|;,:=]+/)]);
  return {
    key: `${e.event}:${e.id ?? ""}:${e["message-id"] ?? ""}:${e.ts_event ?? e.date ?? ""}`, kind, deliveryId, status: statusIn(e.reason), diagnostic: e.reason ?? null,
    recipient: e.email ?? null, subject: e.subject ?? null, original: e,
  };
}

function authorised(authorization: string | null, token: string): boolean {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (bearer !== undefined) return secretEquals(bearer, token);
  const basic = basicCredentials(authorization);
  return basic !== null && secretEquals(basic, token);
}

export async function handleBrevoWebhook(req: Request): Promise<Response> {
  const token = config().webhooks.brevoToken;
  if (!token) throw notConfigured();
  if (!authorised(req.headers.get("authorization"), token))
    throw new HttpError("unauthenticated", "Authorization: send INBOUND_BREVO_TOKEN as a bearer token (or basic auth).", { headers: { "WWW-Authenticate": 'Bearer realm="proofmail"' } });
  const body = parseJson(await readWebhookBody(req));
  const parsed = z.array(BrevoEvent).max(10_000).safeParse(Array.isArray(body) ? body : [body]);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw malformed(`${issue.path.join(".") || "body"}: ${issue.message}`, String(issue.path[issue.path.length - 1] ?? ""));
  }
  const events = parsed.data.map(brevoEvent).filter((e): e is WebhookEvent => e !== null);
  return Response.json(await applyWebhookEvents("brevo", events), { headers: { "Cache-Control": "no-store" } });
}
