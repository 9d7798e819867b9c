// Postmark bounce and spam-complaint webhooks (POST /api/inbound/postmark). Postmark signs nothing; it
// sends the basic auth written in the webhook URL (https://user:pass@host/api/inbound/postmark), which must
// equal INBOUND_POSTMARK_AUTH (compared in constant time).
// Matching: a Metadata value carrying our signed id (Postmark echoes X-PM-Metadata-* headers as Metadata),
// else the X-Proofmail-Delivery header quoted in Content (the bounce itself, when "Include bounce content"
// is on). Postmark's MessageID is its own id, so it names nothing of ours.
import { z } from "zod";
import { config } from "../../config/index.ts";
import { HttpError } from "../../http/boundary.ts";
import { applyWebhookEvents, basicCredentials, deliveryFrom, malformed, notConfigured, parseJson, readWebhookBody, secretEquals, statusIn, type WebhookEvent } from "./common.ts";
import type { InboundKind } from "../parse-inbound.ts";

const PostmarkRecord = z.object({
  RecordType: z.string().max(40),
  ID: z.union([z.number(), z.string()]),
  Type: z.string().max(60).optional(),
  TypeCode: z.number().optional(),
  MessageID: z.string().max(200).optional(),
  Email: z.string().max(400).optional(),
  Description: z.string().optional(),
  Details: z.string().optional(),
  Subject: z.string().optional(),
  Content: z.string().optional(),
  Metadata: z.record(z.string(), z.unknown()).optional(),
}).passthrough();

// Postmark's bounce types (its Bounce API "Type"): which are the address failing, which are passing trouble.
const HARD = new Set(["HardBounce", "BadEmailAddress"]);
const SOFT = new Set(["SoftBounce", "Transient", "DnsError"]);

export function postmarkEvent(record: unknown): WebhookEvent | null {
  const parsed = PostmarkRecord.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw malformed(`${issue.path.join(".") || "body"}: ${issue.message}`, String(issue.path[0] ?? ""));
  }
  const r = parsed.data;
  let kind: InboundKind;
  if (r.RecordType === "SpamComplaint" || r.Type === "SpamComplaint") kind = "complaint";
  else if (r.RecordType === "Bounce") kind = HARD.has(r.Type ?? "") ? "hard-bounce" : SOFT.has(r.Type ?? "") ? "soft-bounce" : "unknown";
  else return null; // deliveries, opens, clicks, subscription changes: not ours to act on
  const deliveryId = deliveryFrom([...Object.values(r.Metadata ?? {}), r.Content]);
  return {
    key: `${r.RecordType}:${r.ID}`, kind, deliveryId, status: statusIn(r.Details, r.Content?.slice(0, 4000)), diagnostic: r.Details || r.Description || r.Type || null,
    recipient: r.Email ?? null, subject: r.Subject ?? null, original: { ...r, Content: r.Content?.slice(0, 4000) },
  };
}

export async function handlePostmarkWebhook(req: Request): Promise<Response> {
  const expected = config().webhooks.postmarkAuth;
  if (!expected) throw notConfigured();
  const given = basicCredentials(req.headers.get("authorization"));
  if (given === null || !secretEquals(given, expected))
    throw new HttpError("unauthenticated", "Authorization: the webhook URL's basic auth does not match INBOUND_POSTMARK_AUTH.", { headers: { "WWW-Authenticate": 'Basic realm="proofmail"' } });
  const event = postmarkEvent(parseJson(await readWebhookBody(req)));
  return Response.json(await applyWebhookEvents("postmark", event ? [event] : []), { headers: { "Cache-Control": "no-store" } });
}
