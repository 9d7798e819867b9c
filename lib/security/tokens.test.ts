import { describe, it, expect } from "vitest";
import { db } from "../db/index.ts";
import { consumeToken, findToken, issueToken } from "./tokens.ts";
import { sha256 } from "../util/hash.ts";

describe("single-use tokens", () => {
  it("stores only a hash and has at least 128 random bits", async () => {
    const { token, id } = await issueToken(db, { purpose: "setup", ttlMs: 60_000 });
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(16);
    const row = await db.token.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("is consumed once", async () => {
    const { token } = await issueToken(db, { purpose: "setup", ttlMs: 60_000 });
    expect((await consumeToken(db, "setup", token)).state).toBe("valid");
    expect((await consumeToken(db, "setup", token)).state).toBe("used");
  });

  it("is consumed once under concurrent requests", async () => {
    const { token } = await issueToken(db, { purpose: "setup", ttlMs: 60_000 });
    const results = await Promise.all(Array.from({ length: 5 }, () => consumeToken(db, "setup", token)));
    expect(results.filter((r) => r.state === "valid")).toHaveLength(1);
  });

  it("expires", async () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const { token } = await issueToken(db, { purpose: "setup", ttlMs: 1000, now });
    expect((await findToken(db, "setup", token, new Date(now.getTime() + 999))).state).toBe("valid");
    expect((await consumeToken(db, "setup", token, new Date(now.getTime() + 1000))).state).toBe("expired");
  });

  it("rejects tampered, foreign-purpose and absurd tokens", async () => {
    const { token } = await issueToken(db, { purpose: "setup", ttlMs: 60_000 });
    const tampered = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect((await findToken(db, "setup", tampered)).state).toBe("unknown");
    expect((await findToken(db, "optin", token)).state).toBe("unknown");
    expect((await findToken(db, "setup", "x".repeat(5000))).state).toBe("unknown");
  });
});
