import { describe, it, expect } from "vitest";
import { preferencesToken, readPreferencesToken, receiptToken, receiptUrl, unsubscribeToken, verifyPreferencesToken, verifyReceiptToken, verifyUnsubscribeToken } from "./links.ts";
import { deliveryToken, verifyDeliveryToken } from "../mail/delivery-id.ts";
import * as hash from "../util/hash.ts";
import { config } from "../config/index.ts";

describe("signed subscriber links", () => {
  const id = "cmabc123def456ghi789";
  it("round-trips and contains no address", () => {
    const t = unsubscribeToken(id);
    expect(verifyUnsubscribeToken(t)).toBe(id);
    expect(t).not.toContain("@");
    expect(Buffer.from(t.split(".")[1], "base64url").length).toBe(16);
  });
  it("is bound to its purpose", () => {
    expect(verifyPreferencesToken(unsubscribeToken(id))).toBeNull();
    expect(verifyUnsubscribeToken(preferencesToken(id))).toBeNull();
  });
  it("rejects tampering", () => {
    const t = unsubscribeToken(id);
    expect(verifyUnsubscribeToken(t.replace(id, "cmabc123def456ghi780"))).toBeNull();
    expect(verifyUnsubscribeToken(t.slice(0, -2) + "AA")).toBeNull();
    expect(verifyUnsubscribeToken(`${id}`)).toBeNull();
    expect(verifyUnsubscribeToken("x".repeat(500))).toBeNull();
    expect(verifyUnsubscribeToken(null)).toBeNull();
  });
});

describe("preferences links carry the time they were made", () => {
  const id = "cmabc123def456ghi789";
  it("signs the time: reading gives it back, changing it breaks the link", () => {
    const at = new Date("2026-11-20T10:00:00Z");
    const t = preferencesToken(id, at);
    expect(readPreferencesToken(t)).toEqual({ subscriberId: id, issuedAt: at });
    const [, issued, mac] = t.split(".");
    const later = (parseInt(issued, 36) + 86_400).toString(36);
    expect(readPreferencesToken(`${id}.${later}.${mac}`)).toBeNull();
  });
  it("links in mails from before still open the page, as old links", () => {
    const legacy = `${id}.${unsubscribeToken(id).split(".")[1]}`; // the shape, with the wrong purpose's mac
    expect(readPreferencesToken(legacy)).toBeNull();
    const { hmacSha256 } = hash;
    const key = hmacSha256(config().suppressionKey, "link-signing-v1");
    const oldMac = Buffer.from(hmacSha256(key, `preferences:${id}`), "hex").subarray(0, 16).toString("base64url");
    expect(readPreferencesToken(`${id}.${oldMac}`)).toEqual({ subscriberId: id, issuedAt: null });
  });
  it("unsubscribe links have no date part", () => {
    const [, , mac] = preferencesToken(id).split(".");
    expect(verifyUnsubscribeToken(`${id}.abc.${mac}`)).toBeNull();
  });
});

describe("receipt links (one per delivery: why did I get this, view in browser)", () => {
  const deliveryId = "cmdel123def456ghi789xyz01";
  it("round-trip, 128-bit mac, no address, under /m/", () => {
    const t = receiptToken(deliveryId);
    expect(verifyReceiptToken(t)).toBe(deliveryId);
    expect(Buffer.from(t.split(".")[1], "base64url").length).toBe(16);
    expect(t).not.toContain("@");
    expect(receiptUrl(deliveryId)).toBe(`${config().appUrl}/m/${t}`);
  });
  it("bound to its purpose: not an unsubscribe, preferences or X-Proofmail-Delivery id, nor made from one", () => {
    const t = receiptToken(deliveryId);
    expect(verifyUnsubscribeToken(t)).toBeNull();
    expect(verifyPreferencesToken(t)).toBeNull();
    expect(verifyDeliveryToken(t)).toBeNull();
    expect(verifyReceiptToken(unsubscribeToken(deliveryId))).toBeNull();
    expect(verifyReceiptToken(preferencesToken(deliveryId))).toBeNull();
    // the id bounces and complaint reports quote back does not open the receipt
    expect(verifyReceiptToken(deliveryToken(deliveryId))).toBeNull();
  });
  it("rejects tampering, other ids, junk and the sample link", () => {
    const t = receiptToken(deliveryId);
    const [, mac] = t.split(".");
    expect(verifyReceiptToken(`cmdel123def456ghi789xyz02.${mac}`)).toBeNull();
    expect(verifyReceiptToken(`${deliveryId}.${mac.slice(0, -2)}${mac.endsWith("AA") ? "BB" : "AA"}`)).toBeNull();
    expect(verifyReceiptToken(`${deliveryId}.abc.${mac}`)).toBeNull();
    expect(verifyReceiptToken(deliveryId)).toBeNull();
    expect(verifyReceiptToken("sample")).toBeNull();
    expect(verifyReceiptToken("x".repeat(500))).toBeNull();
    expect(verifyReceiptToken(undefined)).toBeNull();
  });
});
