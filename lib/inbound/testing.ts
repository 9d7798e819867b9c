// Test helpers: fixtures with the signed ids filled in for the current key.
import fs from "node:fs";
import path from "node:path";
import { config } from "../config/index.ts";
import { deliveryToken, verpAddress } from "../mail/delivery-id.ts";
import { unsubscribeToken } from "../subscribers/links.ts";

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
