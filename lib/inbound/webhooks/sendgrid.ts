// SendGrid Event Webhook (POST /api/inbound/sendgrid): an array of events per request, signed (the
// "Signed Event Webhook") with ECDSA P-256 over the X-Twilio-Email-Event-Webhook-Timestamp header followed
// by the raw body; the base64 DER signature is in X-Twilio-Email-Event-Webhook-Signature and the public key
// is INBOUND_SENDGRID_PUBLIC_KEY. Checked with node:crypto over the exact bytes received.
// Events: bounce (type bounce → hard, blocked → soft), dropped (a bounced or invalid address → hard,
// otherwise kept), spamreport (complaint). Matching: our signed id in a custom argument
// (X-SMTPAPI unique_args, echoed as a top-level field of each event), the name proofmail_delivery or any.
import { createVerify } from "node:crypto";
import { z } from "zod";
import { config } from "../../config/index.ts";
import { applyWebhookEvents, badSignature, deliveryFrom, malformed, notConfigured, parseJson, readWebhookBody, statusIn, type WebhookEvent } from "./common.ts";

export const SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
export const TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";

const SendgridEvent = z.object({
  event: z.string().max(40),
  email: z.string().max(400).optional(),
  sg_event_id: z.string().min(1).max(200),
  type: z.string().max(40).optional(),
  status: z.string().max(40).optional(),
  reason: z.string().optional(),
  timestamp: z.number().optional(),
}).passthrough();

const KNOWN_FIELDS = new Set(["event", "email", "sg_event_id", "sg_message_id", "smtp-id", "type", "status", "reason", "timestamp", "category", "ip", "tls", "attempt", "response", "useragent", "url", "bounce_classification"]);

// SendGrid's events → what the parser calls them. A bounce of type "blocked" is the receiver refusing for now;
// SendGrid drops mail to an address it already knows bounced or is invalid: for us that is a hard bounce.
const KINDS: Record<string, (e: z.infer<typeof SendgridEvent>) => WebhookEvent["kind"]> = {
  bounce: (e) => (e.type === "blocked" ? "soft-bounce" : "hard-bounce"),
  dropped: (e) => (/bounced address|invalid/i.test(e.reason ?? "") ? "hard-bounce" : "unknown"),
  spamreport: () => "complaint",
};

export function sendgridEvent(e: z.infer<typeof SendgridEvent>): WebhookEvent | null {
  if (!Object.hasOwn(KINDS, e.event)) return null; // processed, delivered, deferred, open, click…
  const kind = KINDS[e.event](e);
  const record = e as Record<string, unknown>;
  const custom = Object.keys(record).filter((k) => !KNOWN_FIELDS.has(k)).sort((a, b) => (a === "proofmail_delivery" ? -1 : b === "proofmail_delivery" ? 1 : 0)).map((k) => record[k]);
  return {
    key: e.sg_event_id, kind, deliveryId: deliveryFrom(custom), status: statusIn(e.status, e.reason), diagnostic: e.reason ?? e.type ?? null,
    recipient: e.email ?? null, original: e,
  };
}

export function verifySendgridSignature(publicKeyPem: string, timestamp: string, body: string, signature: string): boolean {
  try {
    return createVerify("sha256").update(timestamp + body, "utf8").verify(publicKeyPem, signature, "base64");
  } catch {
    return false; // not a DER signature at all
  }
}

export async function handleSendgridWebhook(req: Request): Promise<Response> {
  const key = config().webhooks.sendgridPublicKey;
  if (!key) throw notConfigured();
  const body = await readWebhookBody(req);
  const signature = req.headers.get(SIGNATURE_HEADER);
  const timestamp = req.headers.get(TIMESTAMP_HEADER);
  if (!signature || !timestamp) throw badSignature(`${SIGNATURE_HEADER}: the signature and timestamp headers are required (enable the Signed Event Webhook).`);
  if (!verifySendgridSignature(key, timestamp, body, signature)) throw badSignature(`${SIGNATURE_HEADER}: does not verify with INBOUND_SENDGRID_PUBLIC_KEY.`);
  const parsed = z.array(SendgridEvent).max(10_000).safeParse(parseJson(body));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw malformed(`${issue.path.join(".") || "body"}: ${issue.message}`, String(issue.path[issue.path.length - 1] ?? ""));
  }
  const events = parsed.data.map(sendgridEvent).filter((e): e is WebhookEvent => e !== null);
  return Response.json(await applyWebhookEvents("sendgrid", events), { headers: { "Cache-Control": "no-store" } });
}
