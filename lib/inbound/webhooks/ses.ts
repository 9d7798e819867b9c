// Amazon SES bounce and complaint notifications through SNS (POST /api/inbound/ses). Each SNS message is
// verified as AWS documents it: the signing certificate's URL must be https on an sns.<region>.amazonaws.com
// host (INBOUND_SNS_CERT_HOSTS replaces that list, for tests only), the certificate is fetched once and
// cached, and the signature over the canonical string is checked with node:crypto (SignatureVersion 1:
// RSA-SHA1, 2: RSA-SHA256). Only topics listed in INBOUND_SES_TOPIC_ARNS are accepted; a subscription to
// one of them is confirmed by a GET of its SubscribeURL (checked against the same hosts).
// Matching: the X-Proofmail-Delivery header in mail.headers ("Include original headers" on the
// notification settings), else the VERP envelope sender in mail.source (BOUNCE_ADDRESS).
import { createVerify, X509Certificate } from "node:crypto";
import { z } from "zod";
import { config } from "../../config/index.ts";
import { HttpError } from "../../http/boundary.ts";
import { DELIVERY_HEADER } from "../../mail/delivery-id.ts";
import { getLogger } from "../../log/logger.ts";
import { applyWebhookEvents, badSignature, deliveryFrom, malformed, notConfigured, parseJson, readWebhookBody, statusIn, type WebhookEvent } from "./common.ts";

const log = getLogger("inbound-ses");

const SnsMessage = z.object({
  Type: z.enum(["Notification", "SubscriptionConfirmation", "UnsubscribeConfirmation"]),
  MessageId: z.string().min(1).max(200),
  TopicArn: z.string().min(1).max(400),
  Message: z.string(),
  Timestamp: z.string().min(1).max(40),
  SignatureVersion: z.enum(["1", "2"], { message: "expected SignatureVersion 1 or 2" }),
  Signature: z.string().min(1).max(2000),
  SigningCertURL: z.string().min(1).max(1000),
  Subject: z.string().optional(),
  Token: z.string().max(2000).optional(),
  SubscribeURL: z.string().max(2000).optional(),
});
type SnsMessage = z.infer<typeof SnsMessage>;

const AWS_SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/** The URL if it is one SNS may use (https on an SNS host, or a host of INBOUND_SNS_CERT_HOSTS), else null. */
export function allowedSnsUrl(value: string): URL | null {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return null;
  }
  const hosts = config().webhooks.snsCertHosts;
  if (!hosts) return u.protocol === "https:" && AWS_SNS_HOST.test(u.hostname) && !u.port && !u.username ? u : null;
  const host = u.host.toLowerCase();
  if (u.protocol === "https:" && hosts.includes(host)) return u;
  return u.protocol === "http:" && hosts.includes(`http://${host}`) ? u : null;
}

// The certificates SNS signs with change rarely; one fetch per URL per process (bounded).
const certCache = new Map<string, Promise<string>>();
const CERT_CACHE_MAX = 32;

async function fetchCert(url: URL): Promise<string> {
  const res = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`certificate fetch answered ${res.status}`);
  const pem = (await res.text()).slice(0, 64 * 1024);
  const cert = new X509Certificate(pem); // throws unless it is a certificate
  const now = Date.now();
  if (Date.parse(cert.validFrom) > now || Date.parse(cert.validTo) < now) throw new Error("certificate is not valid now");
  return pem;
}

function certificate(url: URL): Promise<string> {
  const key = url.href;
  let p = certCache.get(key);
  if (!p) {
    if (certCache.size >= CERT_CACHE_MAX) certCache.delete(certCache.keys().next().value as string);
    p = fetchCert(url);
    p.catch(() => certCache.delete(key)); // a failed fetch is tried again next time
    certCache.set(key, p);
  }
  return p;
}

/** The string SNS signs: the listed keys in this order, each as "Key\nValue\n" (Subject only when present). */
export function snsStringToSign(m: SnsMessage): string {
  const keys = m.Type === "Notification" ? ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"] : ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"];
  return keys.filter((k) => (m as Record<string, unknown>)[k] !== undefined).map((k) => `${k}\n${(m as Record<string, string>)[k]}\n`).join("");
}

async function verifySns(m: SnsMessage) {
  const url = allowedSnsUrl(m.SigningCertURL);
  if (!url) throw badSignature("SigningCertURL: not an https URL on an SNS host.");
  let pem: string;
  try {
    pem = await certificate(url);
  } catch (err) {
    log.warn({ err, host: url.host }, "SNS signing certificate could not be fetched");
    throw badSignature("SigningCertURL: the signing certificate could not be fetched.");
  }
  const ok = createVerify(m.SignatureVersion === "1" ? "RSA-SHA1" : "RSA-SHA256").update(snsStringToSign(m), "utf8").verify(pem, m.Signature, "base64");
  if (!ok) throw badSignature("Signature: the SNS signature does not verify.");
}

const SesHeader = z.object({ name: z.string(), value: z.string() });
const SesNotification = z.object({
  notificationType: z.string().optional(),
  eventType: z.string().optional(), // event publishing (configuration sets) names it so
  mail: z.object({ messageId: z.string().optional(), source: z.string().optional(), headers: z.array(SesHeader).optional(), commonHeaders: z.object({ subject: z.string().optional() }).passthrough().optional() }).passthrough(),
  bounce: z.object({
    bounceType: z.string(), bounceSubType: z.string().optional(), feedbackId: z.string().optional(), reportingMTA: z.string().optional(),
    bouncedRecipients: z.array(z.object({ emailAddress: z.string(), status: z.string().optional(), diagnosticCode: z.string().optional(), action: z.string().optional() }).passthrough()).default([]),
  }).passthrough().optional(),
  complaint: z.object({
    feedbackId: z.string().optional(), complaintFeedbackType: z.string().optional(), userAgent: z.string().optional(),
    complainedRecipients: z.array(z.object({ emailAddress: z.string() }).passthrough()).default([]),
  }).passthrough().optional(),
}).passthrough();

/** The SES notification (the SNS Message) as a webhook event; null for other types (deliveries, sends). */
export function sesEvent(snsMessageId: string, message: unknown): WebhookEvent | null {
  const parsed = SesNotification.safeParse(message);
  if (!parsed.success) throw malformed(`Message: not an SES notification (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message})`, "Message");
  const n = parsed.data;
  const type = n.notificationType ?? n.eventType;
  const headers = n.mail.headers ?? [];
  const deliveryId = deliveryFrom([...headers.filter((h) => h.name.toLowerCase() === DELIVERY_HEADER.toLowerCase()).map((h) => h.value), n.mail.source]);
  const subject = n.mail.commonHeaders?.subject ?? null;
  if (type === "Bounce" && n.bounce) {
    const r = n.bounce.bouncedRecipients[0];
    // Permanent: the address will not work; Transient: try again later; Undetermined: SES could not tell (kept, not acted on).
    const kind = n.bounce.bounceType === "Permanent" ? "hard-bounce" : n.bounce.bounceType === "Transient" ? "soft-bounce" : "unknown";
    return { key: snsMessageId, kind, deliveryId, status: statusIn(r?.status, r?.diagnosticCode), diagnostic: r?.diagnosticCode ?? `${n.bounce.bounceType}/${n.bounce.bounceSubType ?? ""}`, recipient: r?.emailAddress ?? null, subject, original: n };
  }
  if (type === "Complaint" && n.complaint) {
    // A complaint without a feedback type is still a complaint (SES sends them so for some mailbox providers).
    return { key: snsMessageId, kind: "complaint", deliveryId, feedbackType: n.complaint.complaintFeedbackType ?? "abuse", diagnostic: n.complaint.userAgent ?? null, recipient: n.complaint.complainedRecipients[0]?.emailAddress ?? null, subject, original: n };
  }
  return null;
}

export async function handleSesWebhook(req: Request): Promise<Response> {
  const topics = config().webhooks.sesTopicArns;
  if (topics.length === 0) throw notConfigured();
  const body = await readWebhookBody(req);
  const parsed = SnsMessage.safeParse(parseJson(body));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw malformed(`${issue.path.join(".") || "body"}: ${issue.message}`, String(issue.path[0] ?? ""));
  }
  const m = parsed.data;
  await verifySns(m);
  if (!topics.includes(m.TopicArn)) throw new HttpError("forbidden", "TopicArn: this topic is not listed in INBOUND_SES_TOPIC_ARNS.");

  if (m.Type === "SubscriptionConfirmation") {
    const url = m.SubscribeURL ? allowedSnsUrl(m.SubscribeURL) : null;
    if (!url) throw malformed("SubscribeURL: not an https URL on an SNS host.", "SubscribeURL");
    const res = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(10_000) }).catch(() => null);
    if (!res?.ok) throw HttpError.of(502, "subscribe_failed", "The subscription could not be confirmed at SNS; SNS will send the confirmation again.");
    log.info({ topic: m.TopicArn }, "SNS subscription confirmed");
    return Response.json({ confirmed: m.TopicArn }, { headers: { "Cache-Control": "no-store" } });
  }
  if (m.Type === "UnsubscribeConfirmation") return Response.json({ received: 0, outcomes: {} });

  let message: unknown;
  try {
    message = JSON.parse(m.Message);
  } catch {
    throw malformed("Message: not JSON.", "Message");
  }
  const event = sesEvent(m.MessageId, message);
  return Response.json(await applyWebhookEvents("ses", event ? [event] : []), { headers: { "Cache-Control": "no-store" } });
}
