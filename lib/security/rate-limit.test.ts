// Rate-limit counters: what they count is stored only as a keyed hash, limits still count per value, and
// the worker's hourly job deletes expired counters and logs how many.
import { describe, it, expect, beforeEach } from "vitest";
import { db } from "../db/index.ts";
import { findInAllTables } from "../testing/find-in-all-tables.ts";
import { hit } from "./rate-limit.ts";
import { pruneRateLimits } from "../housekeeping/prune-rate-limits.ts";
import { HOUSEKEEPING_JOB } from "../housekeeping/register.ts";
import { captureLog } from "../testing/capture-log.ts";
import { schedules } from "../worker/registry.ts";
import "../worker/handlers.ts";

const limit = { points: 3, durationSec: 600 };
const logLines = captureLog();

describe("rate limits", () => {
  beforeEach(async () => {
    await db.rateLimit.deleteMany();
  });

  it("keeps no IP or address in the clear, and still counts per value", async () => {
    const email = "Anna.de.Vries@example.nl";
    const ip = "203.0.113.77";
    for (let i = 0; i < 3; i++) expect((await hit("login-addr", email, limit)).ok).toBe(true);
    expect(await hit("login-addr", email, limit)).toMatchObject({ ok: false });
    expect((await hit("login-addr", "someone.else@example.nl", limit)).ok).toBe(true); // another address: its own counter
    expect((await hit("login-ip", ip, limit)).ok).toBe(true);

    expect(await findInAllTables([email, email.toLowerCase(), ip, "someone.else"])).toEqual([]);
    const keys = (await db.rateLimit.findMany({ select: { key: true } })).map((r) => r.key).sort();
    expect(keys).toHaveLength(3);
    for (const k of keys) expect(k).toMatch(/^login-(addr|ip):[0-9a-f]{64}$/);
  });

  it("the worker's scheduled job deletes expired counters only, and logs the count", async () => {
    const now = Date.now();
    await db.rateLimit.createMany({
      data: [
        { key: "signup-ip:old1", points: 4, expire: new Date(now - 60_000) },
        { key: "signup-ip:old2", points: 1, expire: new Date(now - 1) },
        { key: "signup-ip:live", points: 2, expire: new Date(now + 60_000) },
      ],
    });
    await hit("login-ip", "198.51.100.1", limit); // a live one written by the limiter itself

    expect(schedules.find((s) => s.job === HOUSEKEEPING_JOB)?.everyMs).toBe(3_600_000);
    await HOUSEKEEPING_JOB.run(null, { workerId: "test", signal: new AbortController().signal });
    const line = logLines.find((l) => l.component === "housekeeping");
    expect(line).toMatchObject({ msg: "housekeeping: pruned expired rows", deleted: { rateLimits: 2 } });
    const left = (await db.rateLimit.findMany({ select: { key: true } })).map((r) => r.key);
    expect(left).toHaveLength(2);
    expect(left).toContain("signup-ip:live");
    expect(await pruneRateLimits({ now: new Date(now + 10 * 60_000 + 1000) })).toBe(2);
    expect(await db.rateLimit.count()).toBe(0);
  });
});
