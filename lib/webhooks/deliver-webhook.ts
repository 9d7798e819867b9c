// The worker's job for one delivery attempt: sign and POST the stored body, log the outcome on the row,
// and either queue the next attempt (retry-schedule.ts) or, when the schedule is used up and the endpoint
// has not once succeeded since this delivery's first attempt, disable the endpoint (with an audit entry;
// Admin → Webhooks shows why). Deliveries of a disabled endpoint are not tried; they can be replayed.
import { z } from "zod";
import { db, type Tx } from "../db/index.ts";
import { audit } from "../audit/log.ts";
import { webhookTuning } from "../config/tuning.ts";
import { defineJob } from "../worker/registry.ts";
import { enqueueJob } from "../worker/jobs.ts";
import { postWebhook, type PostOutcome } from "./post-webhook.ts";
import { nextAttemptAt } from "./retry-schedule.ts";
import { openSecret } from "./seal-secret.ts";

export const DELIVER_WEBHOOK_JOB = defineJob("webhooks.deliver", z.object({ deliveryId: z.string().min(1) }), ({ deliveryId }) => attemptDelivery(deliveryId));

export async function attemptDelivery(deliveryId: string) {
  const d = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true } });
  if (!d || d.status !== "pending") return;
  if (d.endpoint.disabledAt) {
    await db.webhookDelivery.update({ where: { id: d.id }, data: { status: "failed", lastError: "endpoint disabled", nextAttemptAt: null } });
    return;
  }
  const now = new Date();
  const tuning = webhookTuning();
  const secret = openSecret(d.endpoint.secretSealed);
  const outcome: PostOutcome = secret
    ? await postWebhook({ url: d.endpoint.url, secret, messageId: d.messageId, body: d.body, timeoutMs: tuning.timeoutMs })
    : { ok: false, statusCode: null, durationMs: 0, error: "the signing secret cannot be read (was AUTH_SECRET changed?)" };
  const attempts = d.attempts + 1;
  const first = d.firstAttemptAt ?? now;
  const next = outcome.ok ? null : nextAttemptAt(first, attempts, new Date(), tuning);
  await db.$transaction(async (tx) => {
    await tx.webhookDelivery.update({
      where: { id: d.id },
      data: {
        attempts, firstAttemptAt: first, lastAttemptAt: now, lastStatusCode: outcome.statusCode, lastDurationMs: outcome.durationMs,
        lastError: outcome.error ?? (outcome.ok ? null : `answered ${outcome.statusCode}`), nextAttemptAt: next,
        status: outcome.ok ? "succeeded" : next ? "pending" : "failed",
      },
    });
    if (outcome.ok) await tx.webhookEndpoint.update({ where: { id: d.endpointId }, data: { lastSuccessAt: now } });
    else if (next) await enqueueJob(DELIVER_WEBHOOK_JOB, { deliveryId: d.id }, { runAt: next, client: tx });
    else await disableIfFailing(tx, { endpointId: d.endpointId, type: d.type, first, attempts, error: outcome.error ?? `answered ${outcome.statusCode}` });
  });
}

async function disableIfFailing(tx: Tx, f: { endpointId: string; type: string; first: Date; attempts: number; error: string }) {
  const reason = `All ${f.attempts} attempts to deliver ${f.type} since ${f.first.toISOString()} failed (last: ${f.error}).`;
  const { count } = await tx.webhookEndpoint.updateMany({
    where: { id: f.endpointId, disabledAt: null, OR: [{ lastSuccessAt: null }, { lastSuccessAt: { lt: f.first } }] },
    data: { disabledAt: new Date(), disabledReason: reason },
  });
  if (count) await audit(tx, "system", "webhook.disable", f.endpointId, { reason });
}
