// Mailgun webhooks for failed and complained events (POST /api/inbound/mailgun, JSON as Mailgun's current
// webhooks send it). Verified as Mailgun documents: signature.signature is the hex HMAC-SHA256 of
// timestamp + token under INBOUND_MAILGUN_SIGNING_KEY; the timestamp must lie within 5 minutes of ours;
// a token is accepted once (kept, hashed, in the rate-limit table for longer than that window).
// Matching: our signed id in user-variables (X-Mailgun-Variables), in message.headers, or the VERP
// envelope sender (envelope.sender, BOUNCE_ADDRESS).
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { config } from "../../config/index.ts";
import { hit, release } from "../../security/rate-limit.ts";
import { applyWebhookEvents, badSignature, deliveryFrom, malformed, notConfigured, parseJson, readWebhookBody, statusIn, type WebhookEvent } from "./common.ts";

/** How far a signature's timestamp may be from our clock. */
export const MAILGUN_MAX_SKEW_SEC = 5 * 60;
const SEEN_TOKENS = { name: "inbound-mailgun-token", points: 1, durationSec: 2 * MAILGUN_MAX_SKEW_SEC + 60 };

const MailgunBody = z.object({
  signature: z.object({ timestamp: z.string().regex(/^\d{1,12}$/, "expected seconds since 1970"), token: z.string().min(16).max(200), signature: z.string().regex(/^[0-9a-f]{64}$/i, "expected a hex HMAC-SHA256") }),
  "event-data": z.object({
    event: z.string().max(40),
    id: z.string().min(1).max(200),
    severity: z.string().max(20).optional(),
    recipient: z.string().max(400).optional(),
    reason: z.string().max(200).optional(),
    "delivery-status": z.object({ code: z.union([z.number(), z.string()]).optional(), message: z.string().optional(), description: z.string().optional(), "enhanced-code": z.string().optional() }).passthrough().optional(),
    message: z.object({ headers: z.record(z.string(), z.unknown()).optional() }).passthrough().optional(),
    envelope: z.object({ sender: z.string().optional() }).passthrough().optional(),
    "user-variables": z.record(z.string(), z.unknown()).optional(),
  }).passthrough(),
});

export function verifyMailgunSignature(sig: { timestamp: string; token: string; signature: string }, key: string, nowSec = Date.now() / 1000): boolean {
  if (Math.abs(nowSec - Number(sig.timestamp)) > MAILGUN_MAX_SKEW_SEC) return false;
  const want = Buffer.from(createHmac("sha256", key).update(sig.timestamp + sig.token).digest("hex"));
  const given = Buffer.from(sig.signature.toLowerCase());
  return want.length === given.length && timingSafeEqual(want, given);
}

export function mailgunEvent(e: z.infer<typeof MailgunBody>["event-data"]): WebhookEvent | null {
  const status = e["delivery-status"];
  let kind: WebhookEvent["kind"];
  if (e.event === "complained") kind = "complaint";
  else if (e.event === "failed") kind = e.severity === "permanent" ? "hard-bounce" : e.severity === "temporary" ? "soft-bounce" : "unknown";
  else return null; // delivered, opened, clicked, unsubscribed…: nothing for this pipeline
  const headers = e.message?.headers ?? {};
  const deliveryId = deliveryFrom([...Object.values(e["user-variables"] ?? {}), ...Object.entries(headers).map(([k, v]) => (typeof v === "string" ? `${k}: ${v}` : null)), ...Object.values(headers), e.envelope?.sender]);
  return {
    key: e.id, kind, deliveryId, status: statusIn(status?.["enhanced-code"], status?.message, status?.description, status?.code), diagnostic: status?.message || status?.description || e.reason || null,
    recipient: e.recipient ?? null, subject: typeof headers.subject === "string" ? headers.subject : null, original: e,
  };
}

export async function handleMailgunWebhook(req: Request): Promise<Response> {
  const key = config().webhooks.mailgunSigningKey;
  if (!key) throw notConfigured();
  const parsed = MailgunBody.safeParse(parseJson(await readWebhookBody(req)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw malformed(`${issue.path.join(".") || "body"}: ${issue.message}`, String(issue.path[issue.path.length - 1] ?? ""));
  }
  const { signature, "event-data": data } = parsed.data;
  if (!verifyMailgunSignature(signature, key)) throw badSignature("signature: does not verify with INBOUND_MAILGUN_SIGNING_KEY, or its timestamp is more than 5 minutes off.");
  // Each token once: a captured request sent again within the window is refused.
  if (!(await hit(SEEN_TOKENS.name, signature.token, SEEN_TOKENS)).ok) throw badSignature("signature.token: this token was used before (a replayed request).");
  try {
    const event = mailgunEvent(data);
    return Response.json(await applyWebhookEvents("mailgun", event ? [event] : []), { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    await release(SEEN_TOKENS.name, signature.token, SEEN_TOKENS).catch(() => {}); // not processed: its retry is not a replay
    throw err;
  }
}
