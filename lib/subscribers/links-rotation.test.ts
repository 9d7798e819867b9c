// Unsubscribe and preferences links are signed with a key derived from SUPPRESSION_KEY. After a rotation
// the links in mails already sent (signed with the old key, now in SUPPRESSION_KEY_PREVIOUS) must keep
// working; new links are signed with the new key; a key that is neither is refused. Each configuration is
// a fresh copy of the modules (the configuration is read once per process).
import { describe, it, expect, vi, afterAll } from "vitest";

const OLD = process.env.SUPPRESSION_KEY!;
const NEW = "rotated-suppression-key-fedcba9876543210";
const STRANGER = "a-key-that-was-never-ours-00000001";
const saved = { SUPPRESSION_KEY: process.env.SUPPRESSION_KEY, SUPPRESSION_KEY_PREVIOUS: process.env.SUPPRESSION_KEY_PREVIOUS };

async function linksUnder(current: string, previous?: string) {
  vi.resetModules();
  process.env.SUPPRESSION_KEY = current;
  if (previous === undefined) delete process.env.SUPPRESSION_KEY_PREVIOUS;
  else process.env.SUPPRESSION_KEY_PREVIOUS = previous;
  return import("./links.ts");
}

afterAll(() => {
  vi.resetModules();
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
});

describe("signed links across a SUPPRESSION_KEY rotation", () => {
  const subscriptionId = "cmabc123def456ghi789";
  const subscriberId = "cmzyx987wvu654tsr321";

  it("an old-key link still verifies, new links use the new key, a foreign key's link fails", async () => {
    const before = await linksUnder(OLD);
    const oldUnsub = before.unsubscribeToken(subscriptionId);
    const oldPrefs = before.preferencesToken(subscriberId);

    const after = await linksUnder(NEW, OLD);
    expect(after.verifyUnsubscribeToken(oldUnsub)).toBe(subscriptionId);
    expect(after.verifyPreferencesToken(oldPrefs)).toBe(subscriberId);
    // still bound to its purpose under the old key
    expect(after.verifyPreferencesToken(oldUnsub)).toBeNull();
    const newUnsub = after.unsubscribeToken(subscriptionId);
    expect(newUnsub).not.toBe(oldUnsub);
    expect(after.verifyUnsubscribeToken(newUnsub)).toBe(subscriptionId);
    expect(after.unsubscribeUrl(subscriptionId)).toContain(newUnsub);

    const stranger = await linksUnder(STRANGER);
    const foreign = stranger.unsubscribeToken(subscriptionId);
    const rotated = await linksUnder(NEW, OLD);
    expect(rotated.verifyUnsubscribeToken(foreign)).toBeNull();
    expect(rotated.verifyPreferencesToken(stranger.preferencesToken(subscriberId))).toBeNull();

    // The new key's link does not verify under the old configuration: signing really moved to the new key.
    expect((await linksUnder(OLD)).verifyUnsubscribeToken(newUnsub)).toBeNull();
    // Once the old key is dropped from SUPPRESSION_KEY_PREVIOUS, its links stop working.
    const dropped = await linksUnder(NEW);
    expect(dropped.verifyUnsubscribeToken(oldUnsub)).toBeNull();
    expect(dropped.verifyUnsubscribeToken(newUnsub)).toBe(subscriptionId);
  });

  it("receipt links (per delivery) verify under a previous key too, and not under a foreign one", async () => {
    const deliveryId = "cmdel123def456ghi789";
    const old = (await linksUnder(OLD)).receiptToken(deliveryId);
    const rotated = await linksUnder(NEW, OLD);
    expect(rotated.verifyReceiptToken(old)).toBe(deliveryId);
    expect(rotated.receiptToken(deliveryId)).not.toBe(old);
    expect((await linksUnder(NEW)).verifyReceiptToken(old)).toBeNull();
    expect(rotated.verifyReceiptToken((await linksUnder(STRANGER)).receiptToken(deliveryId))).toBeNull();
  });
});
