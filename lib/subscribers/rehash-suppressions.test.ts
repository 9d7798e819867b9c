// `npm run suppressions:rehash` after a SUPPRESSION_KEY rotation: the rows of addresses we hold move to the
// new key; those of erased addresses cannot, and are reported as still needing SUPPRESSION_KEY_PREVIOUS;
// rows under a key that is neither current nor previous are never deleted. Own file: the report counts
// the whole list. Real database, both providers.
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";

const OLD = process.env.SUPPRESSION_KEY!;
const NEW = "rotated-suppression-key-fedcba9876543210";
const GONE = "a-key-nobody-configures-any-more-0001";
Object.assign(process.env, { SUPPRESSION_KEY: NEW, SUPPRESSION_KEY_PREVIOUS: OLD });

const { db } = await import("../db/index.ts");
const { suppressionKey, suppressionKeyId } = await import("./suppression.ts");
const { rehashSuppressions, formatRehashReport } = await import("./rehash-suppressions.ts");
const { tombstoneEmail } = await import("./erase-subscriber.ts");

const DAY = 86_400_000;

function rehash(env: Record<string, string> = {}, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/suppressions-rehash.ts", ...args], { env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("suppressions rehash", () => {
  it("moves the rows of every address we hold, reports the erased ones' rows as still under a previous key, deletes nothing", async () => {
    const t0 = new Date(Date.now() - 30 * DAY);
    const lifted = new Date(Date.now() - 10 * DAY);
    const held = await Promise.all(["a", "b", "c"].map((x) => db.subscriber.create({ data: { email: `held-${x}@example.nl` } })));
    // a: two rows under the old key (one written before key ids were recorded, one after)
    const aAll = await db.suppression.create({ data: { keyHash: suppressionKey(held[0].email, OLD), scope: "all", reason: "withdrawal", at: t0, liftedAt: lifted, liftedReason: "new double opt-in" } });
    const aOne = await db.suppression.create({ data: { keyHash: suppressionKey(held[0].email, OLD), keyId: suppressionKeyId(OLD), scope: "nl-1", reason: "objection", at: t0 } });
    // b: already under the new key; c: no entry
    await db.suppression.create({ data: { keyHash: suppressionKey(held[1].email, NEW), keyId: suppressionKeyId(NEW), scope: "all", reason: "objection", at: t0 } });
    // Erased people: only their hash is left (one as the tombstone of kept proof), under the old key.
    await db.suppression.create({ data: { keyHash: suppressionKey("erased-1@example.nl", OLD), keyId: suppressionKeyId(OLD), scope: "all", reason: "erasure", at: t0 } });
    const legacy = await db.suppression.create({ data: { keyHash: suppressionKey("erased-2@example.nl", OLD), scope: "all", reason: "erasure", at: t0 } });
    await db.subscriber.create({ data: { id: "tombstone00001", email: tombstoneEmail(suppressionKey("erased-2@example.nl", OLD), "tombstone00001") } });
    // A key nobody configures any more.
    const orphan = await db.suppression.create({ data: { keyHash: suppressionKey("someone@example.nl", GONE), keyId: suppressionKeyId(GONE), scope: "all", reason: "withdrawal", at: t0 } });
    const total = await db.suppression.count();

    const seen: number[] = [];
    const first = await rehashSuppressions({ batchSize: 2, onBatch: (n) => void seen.push(n) });
    expect(seen).toEqual([2, 3]); // three held addresses in batches of two; the tombstone is no address
    expect(first).toEqual({ subscribers: 3, moved: 2, merged: 0, alreadyCurrent: 1, current: 3, underPrevious: 1, unknownLegacy: 1, unknownKey: 1, stillNeedPrevious: 2 });
    expect(formatRehashReport(first, 1)).toContain("2 rows still under a previous key (their address is erased): keep SUPPRESSION_KEY_PREVIOUS set");
    expect(formatRehashReport(first, 1)).toContain("1 rows under a key that is neither current nor previous: kept (never deleted)");

    // The moved rows are the same rows, every field kept, now under the new key.
    const aNow = await db.suppression.findMany({ where: { keyHash: suppressionKey(held[0].email, NEW) }, orderBy: { scope: "asc" } });
    expect(aNow).toEqual([
      { ...aAll, keyHash: suppressionKey(held[0].email, NEW), keyId: suppressionKeyId(NEW) },
      { ...aOne, keyHash: suppressionKey(held[0].email, NEW), keyId: suppressionKeyId(NEW) },
    ]);
    expect(await db.suppression.count({ where: { keyHash: suppressionKey(held[0].email, OLD) } })).toBe(0);
    // Nothing deleted: the erased people's rows and the orphan are still there, unchanged.
    expect(await db.suppression.count()).toBe(total);
    expect(await db.suppression.findUnique({ where: { id: legacy.id } })).toEqual(legacy);
    expect(await db.suppression.findUnique({ where: { id: orphan.id } })).toEqual(orphan);

    // Idempotent.
    const again = await rehashSuppressions({ batchSize: 2 });
    expect(again).toMatchObject({ moved: 0, merged: 0, alreadyCurrent: 3, stillNeedPrevious: 2 });
    expect(await db.suppression.count()).toBe(total);

    // The command prints the same; with the erased rows gone it says the old key may go.
    const cli = rehash();
    expect(cli.err).toBe("");
    expect(cli.code).toBe(0);
    expect(cli.out).toContain("moved to the current key: 0 rows");
    expect(cli.out).toContain("already current: 3 rows");
    expect(cli.out).toContain("2 rows still under a previous key (their address is erased): keep SUPPRESSION_KEY_PREVIOUS set");
    await db.suppression.deleteMany({ where: { OR: [{ keyId: suppressionKeyId(OLD) }, { keyId: null }] } });
    expect(rehash().out).toContain("0 rows still under a previous key: SUPPRESSION_KEY_PREVIOUS can be removed");
  }, 120_000);

  it("a bad SUPPRESSION_KEY_PREVIOUS stops the command with one line naming it", () => {
    const r = rehash({ SUPPRESSION_KEY_PREVIOUS: `${OLD},short` });
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe("proofmail: configuration error: SUPPRESSION_KEY_PREVIOUS: key 2 of 2 must be at least 16 characters (keys are separated by commas)");
  });
});
