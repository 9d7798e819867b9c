import { describe, it, expect } from "vitest";
import { db } from "../db/index.ts";
import { withdraw } from "./withdraw.ts";
import { suppressionsFor } from "./suppression.ts";
import { verifyLedger } from "../consent/ledger.ts";

async function seed(basis: "consent" | "existing_customer" = "consent") {
  const mk = (slug: string) => db.newsletter.create({ data: { slug, name: slug.toUpperCase(), fromName: "Org", fromEmail: "news@org.nl", categories: [] } });
  const [a, b] = [await mk(`a${Math.random()}`), await mk(`b${Math.random()}`)];
  const s = await db.subscriber.create({ data: { email: `p${Math.random()}@example.nl` } });
  for (const n of [a, b]) await db.subscription.create({ data: { subscriberId: s.id, newsletterId: n.id, status: "confirmed", basis } });
  return { a, b, s };
}

describe("withdraw", () => {
  it("withdraws one newsletter, records the event and a scoped suppression", async () => {
    const { a, b, s } = await seed();
    const r = await withdraw({ subscriberId: s.id, scope: { newsletterId: a.id }, actor: "subject", via: "test", ip: "10.1.1.1" });
    expect(r.withdrawn.map((w) => w.newsletterId)).toEqual([a.id]);
    const subs = await db.subscription.findMany({ where: { subscriberId: s.id } });
    expect(subs.find((x) => x.newsletterId === a.id)?.status).toBe("unsubscribed");
    expect(subs.find((x) => x.newsletterId === b.id)?.status).toBe("confirmed");
    expect((await suppressionsFor(db, s.email)).map((x) => x.scope)).toEqual([a.id]);
    const ev = await db.consentEvent.findMany({ where: { subscriberId: s.id } });
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ type: "withdraw", subscriptionId: expect.any(String), ip: "10.1.1.1" });
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it("is idempotent", async () => {
    const { a, s } = await seed();
    await withdraw({ subscriberId: s.id, scope: { newsletterId: a.id }, actor: "subject", via: "test" });
    const again = await withdraw({ subscriberId: s.id, scope: { newsletterId: a.id }, actor: "subject", via: "test" });
    expect(again.withdrawn).toEqual([]);
    expect(await db.consentEvent.count({ where: { subscriberId: s.id } })).toBe(1);
  });

  it("'all' ends every subscription and suppresses every newsletter", async () => {
    const { s } = await seed();
    const r = await withdraw({ subscriberId: s.id, scope: "all", actor: "subject", via: "test" });
    expect(r.withdrawn).toHaveLength(2);
    expect((await suppressionsFor(db, s.email)).map((x) => x.scope)).toContain("all");
  });

  it("an unsubscribe from customer-basis mail is an objection with scope all", async () => {
    const { a, s } = await seed("existing_customer");
    await withdraw({ subscriberId: s.id, scope: { newsletterId: a.id }, actor: "subject", via: "test" });
    const sup = await suppressionsFor(db, s.email);
    expect(sup).toEqual([expect.objectContaining({ scope: "all", reason: "objection" })]);
    expect((await db.consentEvent.findFirst({ where: { subscriberId: s.id } }))?.type).toBe("objection");
  });

  it("never stores the address in the suppression list", async () => {
    const { a, s } = await seed();
    await withdraw({ subscriberId: s.id, scope: { newsletterId: a.id }, actor: "subject", via: "test" });
    const rows = await db.suppression.findMany();
    expect(JSON.stringify(rows)).not.toContain(s.email);
  });
});
