import { describe, it, expect, beforeEach } from "vitest";
import { db, dbProvider } from "../db/index.ts";
import { appendEvent, appendEvents, verifyLedger, redactEvents, GENESIS_HASH } from "./ledger.ts";

async function seed(n: number) {
  for (let i = 0; i < n; i++)
    await db.$transaction((tx) =>
      appendEvent(tx, { type: i % 2 ? "confirm" : "signup", subscriberId: `s${i}`, newsletterIds: ["A"], formVersionId: "fv1", actor: "subject", ip: `10.0.0.${i}`, userAgent: "UA" }),
    );
}

describe("consent ledger", () => {
  beforeEach(async () => {
    await db.consentEvent.deleteMany();
  });

  it("chains appended events and verifies them", async () => {
    await seed(5);
    const events = await db.consentEvent.findMany({ orderBy: { seq: "asc" } });
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(events[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
    const r = await verifyLedger(db);
    expect(r).toMatchObject({ ok: true, events: 5, lastHash: events[4].hash });
  });

  it("verifies an empty ledger", async () => {
    expect(await verifyLedger(db)).toMatchObject({ ok: true, events: 0 });
  });

  it("walks the chain across pages", async () => {
    await seed(7);
    expect(await verifyLedger(db, 3)).toMatchObject({ ok: true, events: 7 });
  });

  it("detects an edited event", async () => {
    await seed(4);
    await db.consentEvent.update({ where: { seq: 3 }, data: { formVersionId: "forged" } });
    expect(await verifyLedger(db)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it("detects an edited date and edited details", async () => {
    await seed(4);
    await db.$transaction((tx) => appendEvent(tx, { type: "admin_change", actor: "user:1", details: { b: [1, "ü"], a: { z: null } } }));
    expect(await verifyLedger(db)).toMatchObject({ ok: true, events: 5 });
    await db.consentEvent.update({ where: { seq: 5 }, data: { details: { b: [1, "u"], a: { z: null } } } });
    expect(await verifyLedger(db)).toMatchObject({ ok: false, brokenAt: 5 });
    const e2 = await db.consentEvent.findUniqueOrThrow({ where: { seq: 2 } });
    await db.consentEvent.update({ where: { seq: 2 }, data: { at: new Date(e2.at.getTime() + 1) } });
    expect(await verifyLedger(db)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it("reads a date stored in another form than Prisma's as Prisma does", async () => {
    await seed(3);
    const e2 = await db.consentEvent.findUniqueOrThrow({ where: { seq: 2 } });
    // SQLite: the same instant as "Z" text or as epoch milliseconds; PostgreSQL: a timestamp either way.
    const forms = dbProvider() === "postgres" ? [e2.at.toISOString().replace("Z", "")] : [e2.at.toISOString(), e2.at.getTime()];
    for (const at of forms) {
      await db.$executeRawUnsafe(`UPDATE "ConsentEvent" SET "at" = ${dbProvider() === "postgres" ? "$1::timestamp(3)" : "?"} WHERE "seq" = 2`, at);
      expect(await verifyLedger(db)).toMatchObject({ ok: true, events: 3 });
    }
  });

  it("detects an edited ip address", async () => {
    await seed(4);
    await db.consentEvent.update({ where: { seq: 2 }, data: { ip: "1.2.3.4" } });
    const r = await verifyLedger(db);
    expect(r).toMatchObject({ ok: false, brokenAt: 2 });
    expect(!r.ok && r.problem).toMatch(/ip or user agent/);
  });

  it("detects a deleted event", async () => {
    await seed(4);
    await db.consentEvent.delete({ where: { seq: 2 } });
    const r = await verifyLedger(db);
    expect(r).toMatchObject({ ok: false, brokenAt: 2 });
    expect(!r.ok && r.problem).toMatch(/missing/);
  });

  it("detects reordered events", async () => {
    await seed(4);
    // swap the positions of events 2 and 3
    await db.consentEvent.update({ where: { seq: 2 }, data: { seq: 1000 } });
    await db.consentEvent.update({ where: { seq: 3 }, data: { seq: 2 } });
    await db.consentEvent.update({ where: { seq: 1000 }, data: { seq: 3 } });
    expect(await verifyLedger(db)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it("still verifies after personal fields are redacted (erasure)", async () => {
    await seed(4);
    await db.$transaction((tx) => redactEvents(tx, "s1"));
    const e = await db.consentEvent.findFirst({ where: { subscriberId: "s1" } });
    expect(e?.ip).toBeNull();
    expect(await verifyLedger(db)).toMatchObject({ ok: true, events: 4 });
  });

  it("appends nothing when the surrounding transaction rolls back", async () => {
    await seed(1);
    await expect(
      db.$transaction(async (tx) => {
        await appendEvent(tx, { type: "withdraw", actor: "subject" });
        throw new Error("state change failed");
      }),
    ).rejects.toThrow("state change failed");
    expect(await db.consentEvent.count()).toBe(1);
  });

  it("appends a batch of events onto the chain in order", async () => {
    await seed(2);
    await db.$transaction((tx) =>
      appendEvents(tx, [
        { type: "erase", subscriberId: "s0", actor: "system", details: { reason: "RET_PURPOSE_ENDED" } },
        { type: "erase", subscriberId: "s1", actor: "system", ip: "10.9.9.9" },
      ]),
    );
    await db.$transaction((tx) => appendEvent(tx, { type: "signup", subscriberId: "s9", actor: "subject", ip: "10.0.0.9" }));
    const events = await db.consentEvent.findMany({ orderBy: { seq: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["signup", "confirm", "erase", "erase", "signup"]);
    expect(await verifyLedger(db)).toMatchObject({ ok: true, events: 5 });
    await db.$transaction((tx) => redactEvents(tx, ["s0", "s1"]));
    expect((await db.consentEvent.findMany({ where: { ip: { not: null } } })).map((e) => e.subscriberId)).toEqual(["s9"]);
    expect(await verifyLedger(db)).toMatchObject({ ok: true, events: 5 });
  });
});
