// The one way an event leaves: emitEvent writes, in the caller's transaction, one outbox row (a
// WebhookDelivery) and its queued job per endpoint that takes the event type. A rolled-back change thus
// sends nothing, and a committed one is delivered by the worker however often the endpoint is down.
import type { Db, Tx } from "../db/index.ts";
import { randomToken } from "../util/hash.ts";
import { enqueueJob } from "../worker/jobs.ts";
import { DELIVER_WEBHOOK_JOB } from "./deliver-webhook.ts";
import { webhookBody, type WebhookEvent } from "./events.ts";

export async function emitEvent(client: Db | Tx, event: WebhookEvent, now = new Date()) {
  const endpoints = await client.webhookEndpoint.findMany({ where: { disabledAt: null }, select: { id: true, events: true, payloadMode: true } });
  const targets = endpoints.filter((e) => e.events.split(" ").includes(event.type));
  if (!targets.length) return;
  const messageId = `msg_${randomToken()}`;
  const subscriberId = typeof event.data.subscriberId === "string" ? event.data.subscriberId : null;
  for (const e of targets) {
    const row = await client.webhookDelivery.create({ data: { endpointId: e.id, messageId, type: event.type, body: webhookBody(event, e.payloadMode, now), subscriberId } });
    await enqueueJob(DELIVER_WEBHOOK_JOB, { deliveryId: row.id }, { client });
  }
}
