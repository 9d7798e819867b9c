import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { db } from "../lib/db/index.ts";
import { createNewsletterWithForm, createSubscriber } from "../lib/testing/fixtures.ts";

const DAY = 86_400_000;

function purge(...args: string[]) {
  const r = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/purge.ts", ...args], { env: process.env, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("npm run purge", () => {
  it("--dry-run prints what would happen by reason and count and changes nothing; without it, does it", async () => {
    const nl = await createNewsletterWithForm();
    const { subscriber } = await createSubscriber({ subscriptions: [{ newsletterId: nl.newsletter.id, formVersionId: nl.formVersion.id, status: "pending", createdAt: new Date(Date.now() - 30 * DAY) }] });
    await createSubscriber({ subscriptions: [{ newsletterId: nl.newsletter.id, status: "unsubscribed", createdAt: new Date(Date.now() - 90 * DAY), unsubscribedAt: new Date(Date.now() - 2 * DAY) }] });

    const dry = purge("--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("DRY RUN");
    expect(dry.out).toMatch(/would delete unconfirmed signups: 1/);
    expect(dry.out).toMatch(/1\s+signup not confirmed in time \(RET_PENDING_EXPIRED\)/);
    expect(dry.out).toMatch(/1\s+withdrew recently .*\(RET_IN_GRACE\)/);
    // Per policy version, how many people it covers (no policy saved yet: version 0, the defaults).
    expect(dry.out).toContain("by policy version (people covered; decided in this run):");
    expect(dry.out).toContain(`${nl.newsletter.name} v0 (current): 2 people; delete-pending 1, keep 1 [unconfirmed 7 d`);
    expect(await db.subscriber.count({ where: { id: subscriber.id } })).toBe(1);

    const real = purge("--json");
    expect(real.code).toBe(0);
    const report = JSON.parse(real.out);
    expect(report).toMatchObject({ dryRun: false, counts: { subscribersErased: 1, reasons: { RET_PENDING_EXPIRED: 1, RET_IN_GRACE: 1 } } });
    expect(await db.subscriber.count({ where: { id: subscriber.id } })).toBe(0);
    expect(await db.purgeRun.count({ where: { trigger: "cli" } })).toBe(2);
  });

  it("--now previews a later date (dry run only)", async () => {
    const r = purge("--dry-run", "--now=2099-01-01T00:00:00Z", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ dryRun: true, now: "2099-01-01T00:00:00.000Z" });
  });

  it("names the flag on bad input and exits 2", () => {
    expect(purge("--dryrun")).toMatchObject({ code: 2, err: expect.stringContaining('unknown argument "--dryrun"') });
    expect(purge("--batch-size=abc")).toMatchObject({ code: 2, err: expect.stringContaining("--batch-size: expected a whole number") });
    expect(purge("--now=tomorrow", "--dry-run")).toMatchObject({ code: 2, err: expect.stringContaining("--now: expected an ISO date-time") });
    expect(purge("--now=2099-01-01T00:00:00Z")).toMatchObject({ code: 2, err: expect.stringContaining("--now: only allowed together with --dry-run") });
  });
});
