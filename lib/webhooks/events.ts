// The events an endpoint can receive and how much each payload says. Data carry ids; the address only when
// the endpoint asked for it (payload mode "address") and the event concerns one person.
export const WEBHOOK_EVENTS = [
  "subscriber.pending", "subscriber.confirmed", "subscription.withdrawn", "suppression.added", "send.started", "send.finished",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const PAYLOAD_MODES = ["id", "address"] as const;
export type PayloadMode = (typeof PAYLOAD_MODES)[number];

export const isWebhookEvent = (x: string): x is WebhookEventType => (WEBHOOK_EVENTS as readonly string[]).includes(x);

/** An event as emitted: its ids and facts (`data`), and the address kept apart so that id-only endpoints never get it. */
export type WebhookEvent = {
  type: WebhookEventType;
  data: Record<string, string | number | boolean | null | string[]>;
  email?: string | null;
};

/** The body one endpoint gets (the Standard Webhooks shape: type, timestamp, data). */
export function webhookBody(event: WebhookEvent, mode: string, at: Date): string {
  const data = mode === "address" && event.email ? { ...event.data, email: event.email } : event.data;
  return JSON.stringify({ type: event.type, timestamp: at.toISOString(), data });
}
