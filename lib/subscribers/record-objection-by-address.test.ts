// Recording a withdrawal or objection by address (editors too): a subscriber gets recordObjection's ledger
// event, suppression and audit; anyone else only the keyed-hash entry; the answer is the same, so it
// tells nothing about who subscribes. Real database, both providers.
import { describe, it, expect } from "vitest";
import { db } from "../db/index.ts";
import { recordObjectionByAddress } from "./record-objection-by-address.ts";
import { suppressionsFor } from "./suppression.ts";
import { verifyLedger } from "../consent/ledger.ts";

const staff = { id: "editoruser001", email: "redacteur@example.org" };
const rnd = () => Math.random().toString(36).slice(2, 10);

async function seed() {
  const mk = (slug: string) => db.newsletter.create({ data: { slug: `${slug}-${rnd()}`, name: `${slug.toUpperCase()} ${rnd()}`, fromName: "Org", fromEmail: "news@org.nl", categories: [] } });
  const [a, b] = [await mk("a"), await mk("b")];
  const s = await db.subscriber.create({ data: { email: `p-${rnd()}@example.nl` } });
  const sub = await db.subscription.create({ data: { subscriberId: s.id, newsletterId: a.id, status: "confirmed", basis: "consent" } });
  return { a, b, s, sub };
}
const counts = () => Promise.all([db.consentEvent.count(), db.suppression.count(), db.auditLog.count(), db.subscriber.count(), db.subscription.count({ where: { status: "confirmed" } })]);

describe("recordObjectionByAddress", () => {
  it("a subscriber: the same ledger event (channel, note, staff actor), suppression and audit as on the subscriber page", async () => {
    const { a, s, sub } = await seed();
    const r = await recordObjectionByAddress({ email: `  ${s.email.toUpperCase()} `, scope: a.id, kind: "objection", channel: "phone", note: "Belde op maandag", staff });
    expect(r).toEqual({ ok: true, notice: `Recorded: ${s.email} will get no more mail for ${a.name}.` });
    const ev = await db.consentEvent.findFirstOrThrow({ where: { subscriberId: s.id } });
    expect(ev).toMatchObject({ type: "objection", subscriptionId: sub.id, actor: `user:${staff.id}`, newsletterIds: [a.id] });
    expect(ev.details).toEqual({ via: "staff", scope: a.id, channel: "phone", note: "Belde op maandag" });
    expect((await db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("unsubscribed");
    expect((await suppressionsFor(db, s.email)).map((x) => [x.scope, x.reason])).toEqual([[a.id, "objection"]]);
    const log = await db.auditLog.findFirstOrThrow({ where: { action: "subscriber.objection", target: s.id } });
    expect(log.details).toEqual({ channel: "phone", scope: a.id, changed: 1 });
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it("a non-subscriber: the keyed-hash suppression only (no subscriber row, no ledger event), audited without the address; the same answer", async () => {
    const { a } = await seed();
    const email = `outsider-${rnd()}@example.nl`;
    const [events, subscribers] = [await db.consentEvent.count(), await db.subscriber.count()];
    const r = await recordObjectionByAddress({ email, scope: a.id, kind: "withdrawal", channel: "letter", note: "Brief van 3 maart", staff });
    expect(r).toEqual({ ok: true, notice: `Recorded: ${email} will get no more mail for ${a.name}.` });
    expect((await suppressionsFor(db, email)).map((x) => [x.scope, x.reason])).toEqual([[a.id, "withdrawal"]]);
    expect(await db.subscriber.count({ where: { email } })).toBe(0);
    expect([await db.consentEvent.count(), await db.subscriber.count()]).toEqual([events, subscribers]);
    const log = await db.auditLog.findFirstOrThrow({ where: { action: "suppression.add" }, orderBy: { at: "desc" } });
    expect(log.details).toEqual({ count: 1, reason: "withdrawal", scope: a.id, channel: "letter" });
    expect(JSON.stringify(log)).not.toContain(email);
    expect(JSON.stringify(log)).not.toContain("Brief van 3 maart");
    expect(JSON.stringify(await db.suppression.findMany())).not.toContain(email);
  });

  it("the answer does not tell a subscriber from a non-subscriber (all newsletters, and a newsletter the subscriber lacks)", async () => {
    const { b, s } = await seed();
    const other = `other-${rnd()}@example.nl`;
    const ask = (email: string, scope: string) => recordObjectionByAddress({ email, scope, kind: "objection", channel: "in-person", note: "", staff });
    const answer = async (email: string, scope: string) => { const r = await ask(email, scope); return r.ok ? r.notice.replace(email, "<address>") : r; };
    expect(await answer(s.email, b.id)).toBe(await answer(other, b.id));
    expect(await answer(s.email, "all")).toBe(await answer(other, "all"));
    expect(await answer(other, "all")).toBe("Recorded: <address> will get no more mail for all newsletters.");
    // the subscriber without newsletter B gets B's keyed-hash entry; "all" then ends their subscription with a ledger event
    expect((await suppressionsFor(db, s.email)).map((x) => [x.scope, x.reason]).sort()).toEqual([[b.id, "objection"], ["all", "objection"]].sort());
    expect((await db.consentEvent.findMany({ where: { subscriberId: s.id } })).map((e) => [e.type, (e.details as { channel: string }).channel])).toEqual([["objection", "in-person"]]);
    expect((await suppressionsFor(db, other)).map((x) => [x.scope, x.reason]).sort()).toEqual([[b.id, "objection"], ["all", "objection"]].sort());
  });

  it.each([
    [{ email: "not an address" }, "email"],
    [{ email: "" }, "email"],
    [{ email: "x@example.nl\r\nBcc: y@example.nl" }, "email"],
    [{ kind: "maybe" }, "kind"],
    [{ channel: "fax" }, "channel"],
    [{ note: "x".repeat(501) }, "note"],
    [{ note: "line\u0000" }, "note"],
    [{ scope: "nosuchnewsletter" }, "scope"],
    [{ scope: "" }, "scope"],
  ])("refuses %j with a field message and writes nothing", async (bad, field) => {
    const { a, s } = await seed();
    for (const email of [s.email, `nobody-${rnd()}@example.nl`]) {
      const before = await counts();
      const r = await recordObjectionByAddress({ email, scope: a.id, kind: "objection", channel: "phone", note: "", staff, ...bad });
      expect(r).toMatchObject({ ok: false, status: 400, field, error: expect.any(String) });
      expect(await counts()).toEqual(before);
    }
  });
});
