// What every provider webhook shares (issue 14 D1(c)): the body read within a cap, secrets compared in
// constant time, and the provider's event turned into the ParsedInbound the mail parser produces, then
// handed to the same decide/apply path as the SMTP and IMAP doors (apply-inbound.ts). Who an event is
// about is taken only from our signed delivery id in a field the provider echoes; the address in the
// payload is recorded for staff, never acted on.
import { createHash, timingSafeEqual } from "node:crypto";
import { HttpError, readText } from "../../http/boundary.ts";
import { tokenFromVerp, verifyDeliveryToken } from "../../mail/delivery-id.ts";
import { sha256 } from "../../util/hash.ts";
import { applyParsedInbound, INBOUND_EXCERPT_MAX } from "../apply-inbound.ts";
import { deliveryIdIn, type InboundKind, type ParsedInbound } from "../parse-inbound.ts";
import type { RateLimit } from "../../http/boundary.ts";

export type Provider = "ses" | "postmark" | "mailgun" | "sendgrid" | "brevo";

/** The largest body a webhook reads (SendGrid batches many events; 1 MB is far above any real batch). */
export const WEBHOOK_MAX_BODY = 1024 * 1024;

/** Per client address and endpoint: providers send from many addresses, so this stops only one that floods. */
export const webhookLimit = (provider: Provider): RateLimit => ({ name: `inbound-webhook-${provider}`, points: 1200, durationSec: 60 });

export const notConfigured = () => new HttpError("not_found");
export const badSignature = (detail: string) => new HttpError("unauthenticated", detail);
export const malformed = (detail: string, field?: string) => new HttpError("invalid_input", detail, field ? { field } : {});

export const readWebhookBody = (req: Request) => readText(req, WEBHOOK_MAX_BODY);

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw malformed("The body is not valid JSON.");
  }
}

/** Constant-time equality of two secrets of any length (both hashed first, so lengths do not leak). */
export function secretEquals(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** The user:pass of an `Authorization: Basic …` header, or null. */
export function basicCredentials(authorization: string | null): string | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? "");
  return m ? Buffer.from(m[1], "base64").toString("utf8") : null;
}

/** Our verified delivery id among values a provider echoed: a bare token, a VERP address, or text quoting the header. */
export function deliveryFrom(values: unknown[]): string | null {
  for (const v of values) {
    if (typeof v !== "string" || !v) continue;
    const id = verifyDeliveryToken(v) ?? verifyDeliveryToken(tokenFromVerp(v)) ?? deliveryIdIn([v]);
    if (id) return id;
  }
  return null;
}

export type WebhookEvent = {
  /** The provider's own id of this event (a retry carries the same one: processed once). */
  key: string;
  kind: InboundKind;
  deliveryId: string | null;
  status?: string | null;
  diagnostic?: string | null;
  recipient?: string | null;
  feedbackType?: string | null;
  subject?: string | null;
  /** The event as the provider sent it: kept (clipped) for staff when nothing matched. */
  original: unknown;
};

const clip = (s: string | null | undefined, n = 500) => (s ? String(s).replace(/\s+/g, " ").trim().slice(0, n) || null : null);
const STATUS = /\b([45])\.(\d{1,3})\.(\d{1,3})\b/;
/** An enhanced status code (RFC 3463) from a provider's status or SMTP reply text. */
export function statusIn(...texts: (string | number | null | undefined)[]): string | null {
  for (const t of texts) {
    const m = t == null ? null : STATUS.exec(String(t));
    if (m) return `${m[1]}.${m[2]}.${m[3]}`;
  }
  return null;
}

// A provider's complaint is a user's "this is spam": ARF's feedback type abuse (RFC 5965), unless it says more.
const DEFAULT_FEEDBACK_TYPE: Partial<Record<InboundKind, string>> = { complaint: "abuse" };

/** A provider's event as the parser would have described the same report. */
export function toParsed(provider: Provider, e: WebhookEvent): ParsedInbound {
  return {
    kind: e.kind, format: "webhook", deliveryId: e.deliveryId, matchedBy: e.deliveryId ? "provider-field" : null, subscriptionId: null,
    recipient: e.recipient?.toLowerCase() ?? null, status: e.status ?? null, diagnostic: clip(e.diagnostic), provider,
    feedbackType: clip(e.feedbackType ?? DEFAULT_FEEDBACK_TYPE[e.kind] ?? null, 60), subject: clip(e.subject, 300),
  };
}

/** Hands each event to the one pipeline; the counts say what became of them. */
export async function applyWebhookEvents(provider: Provider, events: WebhookEvent[], now = new Date()) {
  const outcomes: Record<string, number> = {};
  for (const e of events) {
    const r = await applyParsedInbound(toParsed(provider, e), {
      source: `webhook-${provider}`, rawHash: sha256(`webhook:${provider}:${e.key}`), original: JSON.stringify(e.original).slice(0, INBOUND_EXCERPT_MAX), now,
    });
    const code = r.duplicate ? "duplicate" : (r.decision?.code ?? "none");
    outcomes[code] = (outcomes[code] ?? 0) + 1;
  }
  return { received: events.length, outcomes };
}

export const accepted = (result: { received: number; outcomes: Record<string, number> }) => Response.json(result, { status: 200, headers: { "Cache-Control": "no-store" } });
