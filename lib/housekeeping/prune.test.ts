// The hourly housekeeping job deletes only rows past their keep date, of every kind, and logs the counts.
import { describe, it, expect } from "vitest";
import { db } from "../db/index.ts";
import { HOUSEKEEPING_JOB } from "./register.ts";
import { schedules } from "../worker/registry.ts";
import { captureLog } from "../testing/capture-log.ts";
import "../worker/handlers.ts";

const logLines = captureLog();
const DAY = 24 * 60 * 60 * 1000;
const ago = (ms: number) => new Date(Date.now() - ms);
const ahead = (ms: number) => new Date(Date.now() + ms);

describe("housekeeping", () => {
  it("prunes old rate limits, jobs, tokens, verification tokens and sessions; keeps fresh ones", async () => {
    await db.rateLimit.createMany({
      data: [
        { key: "hk:old", points: 1, expire: ago(1000) },
        { key: "hk:live", points: 1, expire: ahead(60_000) },
      ],
    });
    await db.job.createMany({
      data: [
        { id: "job-done-old", kind: "hk", status: "done", finishedAt: ago(15 * DAY) },
        { id: "job-failed-old", kind: "hk", status: "failed", finishedAt: ago(15 * DAY) },
        { id: "job-done-fresh", kind: "hk", status: "done", finishedAt: ago(13 * DAY) },
        { id: "job-queued-old", kind: "hk", status: "queued", runAt: ago(20 * DAY), createdAt: ago(20 * DAY) },
      ],
    });
    await db.token.createMany({
      data: [
        { id: "tok-expired-old", purpose: "optin", tokenHash: "h1", expiresAt: ago(31 * DAY) },
        { id: "tok-used-old", purpose: "optin", tokenHash: "h2", expiresAt: ahead(DAY), usedAt: ago(31 * DAY) },
        { id: "tok-expired-fresh", purpose: "optin", tokenHash: "h3", expiresAt: ago(29 * DAY) },
        { id: "tok-used-fresh", purpose: "optin", tokenHash: "h4", expiresAt: ahead(DAY), usedAt: ago(29 * DAY) },
        { id: "tok-live", purpose: "setup", tokenHash: "h5", expiresAt: ahead(DAY) },
      ],
    });
    await db.verificationToken.createMany({
      data: [
        { identifier: "vt", token: "old", expires: ago(1000) },
        { identifier: "vt", token: "live", expires: ahead(60_000) },
      ],
    });
    const user = await db.user.create({ data: { email: "hk-staff@example.nl" } });
    await db.session.createMany({
      data: [
        { tokenHash: "s-old", userId: user.id, expires: ago(1000) },
        { tokenHash: "s-live", userId: user.id, expires: ahead(60_000) },
      ],
    });

    await db.inboundMessage.createMany({
      data: [
        { id: "in-old", source: "test", kind: "unknown", rawHash: "a".repeat(64), action: "INBOUND_UNMATCHED", receivedAt: ago(91 * DAY), excerpt: "From: x@example.nl" },
        { id: "in-fresh", source: "test", kind: "hard-bounce", rawHash: "b".repeat(64), action: "INBOUND_HARD_BOUNCE", receivedAt: ago(89 * DAY) },
      ],
    });

    expect(schedules.find((s) => s.job === HOUSEKEEPING_JOB)?.everyMs).toBe(3_600_000);
    await HOUSEKEEPING_JOB.run(null, { workerId: "test", signal: new AbortController().signal });

    expect((await db.rateLimit.findMany()).map((r) => r.key)).toEqual(["hk:live"]);
    expect((await db.job.findMany({ orderBy: { id: "asc" } })).map((j) => j.id)).toEqual(["job-done-fresh", "job-queued-old"]);
    expect((await db.token.findMany({ orderBy: { id: "asc" } })).map((t) => t.id)).toEqual(["tok-expired-fresh", "tok-live", "tok-used-fresh"]);
    expect((await db.verificationToken.findMany()).map((v) => v.token)).toEqual(["live"]);
    expect((await db.session.findMany()).map((s) => s.tokenHash)).toEqual(["s-live"]);
    expect((await db.inboundMessage.findMany()).map((m) => m.id)).toEqual(["in-fresh"]);

    const lines = logLines.filter((l) => l.component === "housekeeping");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: "housekeeping: pruned expired rows",
      deleted: { rateLimits: 1, jobs: 2, tokens: 2, verificationTokens: 1, sessions: 1, inboundMessages: 1 },
    });
  });
});
