// Test helpers: fixtures with the signed ids filled in for the current key.
import fs from "node:fs";
import path from "node:path";
import { config } from "../config/index.ts";
import { deliveryToken, verpAddress } from "../mail/delivery-id.ts";
import { unsubscribeToken } from "../subscribers/links.ts";
import { db } from "../db/index.ts";
import { startSend } from "../sending/start-send.ts";
import { deliverBatch } from "../sending/deliver-batch.ts";
import { seedIssue } from "../sending/testing/fixtures.ts";
import type { SmtpSink } from "../testing/smtp-sink.ts";

export const FIXTURES = path.join(import.meta.dirname, "fixtures");
export const TEST_BOUNCE = { local: "bounces", domain: "bounce.fietsen.example" };

/** Sets BOUNCE_ADDRESS for this process (config() is read once). */
export function useBounceAddress(value: { local: string; domain: string } | null = TEST_BOUNCE) {
  Object.assign(config(), { bounceAddress: value });
}

export function fixture(name: string, ids: { deliveryId?: string; subscriptionId?: string } = {}): string {
  const deliveryId = ids.deliveryId ?? "cmfixturedelivery00000001";
  return fs
    .readFileSync(path.join(FIXTURES, name), "utf8")
    .replaceAll("__DELIVERY_TOKEN__", deliveryToken(deliveryId))
    .replaceAll("__DELIVERY_ID__", deliveryId)
    .replaceAll("__VERP__", verpAddress(deliveryId) ?? `bounces+${deliveryToken(deliveryId)}@bounce.fietsen.example`)
    .replaceAll("__UNSUB_TOKEN__", ids.subscriptionId ? unsubscribeToken(ids.subscriptionId) : "nosubscription0.AAAAAAAAAAAAAAAAAAAAAA");
}

/** The same message with every signed id's mac changed in its last character (a forgery). */
export function tamper(raw: string): string {
  return raw.replace(/([a-z0-9]{10,40}\.[0-9a-f]{23})([0-9a-f])/gi, (_, a: string, c: string) => a + (c.toLowerCase() === "0" ? "1" : "0"));
}

const FAST = { lockMs: 10_000, retryBaseMs: 50, maxAttempts: 8 };

/** A new issue of the newsletter, sent through the real pipeline (to the SMTP sink SMTP_URL points at). */
export async function sendIssue(newsletterId: string) {
  const issue = await seedIssue(newsletterId);
  const started = await startSend({ issueId: issue.id, actor: { id: null, email: "editor@fietsen.example" } });
  if (!started.ok) throw new Error("send did not start");
  for (let i = 0; i < 400; i++) {
    const worked = await deliverBatch({ workerId: "inbound-test", options: FAST });
    const send = await db.send.findUnique({ where: { id: started.sendId } });
    if (send?.status !== "running") break;
    if (!worked) await new Promise((r) => setTimeout(r, 30));
  }
  return issue;
}

/** The delivery of `issueId` to `email`, as the sink received it: its signed id and VERP sender. */
export async function received(sink: SmtpSink, issueId: string, email: string) {
  const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email } });
  const d = await db.delivery.findFirstOrThrow({ where: { issueId, subscriberId: subscriber.id } });
  const mail = await sink.waitFor((m) => m.envelopeTo.includes(email) && m.raw.includes(`<${d.id}@`));
  return { delivery: d, mail };
}
