// Admin → Webhooks: register, enable, delete endpoints, read their delivery log, replay a delivery. Each
// change lands in the audit log. The secret is returned once, at creation, and kept only sealed.
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { enqueueJob } from "../worker/jobs.ts";
import { checkEndpointUrl } from "./address-guard.ts";
import { DELIVER_WEBHOOK_JOB } from "./deliver-webhook.ts";
import { isWebhookEvent, PAYLOAD_MODES, type PayloadMode } from "./events.ts";
import { newWebhookSecret, sealSecret } from "./seal-secret.ts";

export type CreateEndpointResult = { ok: true; id: string; secret: string } | { ok: false; field: "url" | "events" | "payloadMode"; error: string };

export async function createWebhookEndpoint(opts: { actor: AuditActor; url: string; events: string[]; payloadMode: string }): Promise<CreateEndpointResult> {
  const url = opts.url.trim();
  if (url.length > 2000) return { ok: false, field: "url", error: "The link is too long (2000 characters at most)." };
  const refused = await checkEndpointUrl(url);
  if (refused) return { ok: false, field: "url", error: refused };
  const events = [...new Set(opts.events)];
  if (!events.length || !events.every(isWebhookEvent)) return { ok: false, field: "events", error: "Choose at least one event." };
  if (!PAYLOAD_MODES.includes(opts.payloadMode as PayloadMode)) return { ok: false, field: "payloadMode", error: "Choose what the payload carries." };
  const secret = newWebhookSecret();
  const row = await db.$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.create({ data: { url, events: events.join(" "), payloadMode: opts.payloadMode, secretSealed: sealSecret(secret) } });
    await audit(tx, opts.actor, "webhook.create", row.id, { url, events, payloadMode: opts.payloadMode });
    return row;
  });
  return { ok: true, id: row.id, secret };
}

export async function enableWebhookEndpoint({ actor, id }: { actor: AuditActor; id: string }) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({ where: { id, disabledAt: { not: null } }, data: { disabledAt: null, disabledReason: null } });
    if (count) await audit(tx, actor, "webhook.enable", id);
  });
}

export async function deleteWebhookEndpoint({ actor, id }: { actor: AuditActor; id: string }) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.deleteMany({ where: { id } });
    if (count) await audit(tx, actor, "webhook.delete", id);
  });
}

export async function listWebhookEndpoints() {
  return db.webhookEndpoint.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, url: true, events: true, payloadMode: true, createdAt: true, lastSuccessAt: true, disabledAt: true, disabledReason: true },
  });
}

export async function getWebhookLog(endpointId: string, take = 100) {
  const endpoint = await db.webhookEndpoint.findUnique({
    where: { id: endpointId },
    select: { id: true, url: true, events: true, payloadMode: true, disabledAt: true, disabledReason: true },
  });
  if (!endpoint) return null;
  const deliveries = await db.webhookDelivery.findMany({
    where: { endpointId }, orderBy: { createdAt: "desc" }, take,
    select: { id: true, messageId: true, type: true, status: true, attempts: true, lastAttemptAt: true, lastStatusCode: true, lastDurationMs: true, lastError: true, nextAttemptAt: true, replayOfId: true, createdAt: true },
  });
  return { endpoint, deliveries };
}

/** Sends a logged delivery again: a new log row with the same webhook-id and body, tried from now on. */
export async function replayWebhookDelivery({ actor, id }: { actor: AuditActor; id: string }): Promise<{ ok: true; id: string } | { ok: false; error: string }> {
  const d = await db.webhookDelivery.findUnique({ where: { id }, include: { endpoint: { select: { disabledAt: true } } } });
  if (!d) return { ok: false, error: "That delivery is no longer in the log." };
  if (d.endpoint.disabledAt) return { ok: false, error: "Enable the endpoint before replaying its deliveries." };
  const row = await db.$transaction(async (tx) => {
    const row = await tx.webhookDelivery.create({ data: { endpointId: d.endpointId, messageId: d.messageId, type: d.type, body: d.body, subscriberId: d.subscriberId, replayOfId: d.id } });
    await enqueueJob(DELIVER_WEBHOOK_JOB, { deliveryId: row.id }, { client: tx });
    await audit(tx, actor, "webhook.replay", d.endpointId, { deliveryId: d.id, messageId: d.messageId });
    return row;
  });
  return { ok: true, id: row.id };
}
