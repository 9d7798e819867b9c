import { describe, it, expect } from "vitest";
import { preferencesToken, unsubscribeToken, verifyPreferencesToken, verifyUnsubscribeToken } from "./links.ts";

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
