// Objections by any channel: staff recording (phone, letter, reply mail), the mailto subject, and
// addresses added to the suppression list without being subscribers. Real database, both providers.
import { describe, it, expect } from "vitest";
import { db } from "../db/index.ts";
import { recordObjection } from "./record-objection.ts";
import { recordReplyUnsubscribe } from "./record-reply-unsubscribe.ts";
import { addSuppressions } from "./add-suppressions.ts";
import { countSuppressions } from "./count-suppressions.ts";
import { suppressionsFor, suppressionKey } from "./suppression.ts";
import { unsubscribeToken } from "./links.ts";
import { verifyLedger } from "../consent/ledger.ts";

const staff = { id: "staffuser0001", email: "redacteur@example.org" };
const rnd = () => Math.random().toString(36).slice(2, 10);

async function seed(basis: "consent" | "existing_customer" = "consent") {
  const mk = (slug: string) => db.newsletter.create({ data: { slug: `${slug}-${rnd()}`, name: slug.toUpperCase(), fromName: "Org", fromEmail: "news@org.nl", categories: [] } });
  const [a, b] = [await mk("a"), await mk("b")];
  const s = await db.subscriber.create({ data: { email: `p-${rnd()}@example.nl` } });
  const subs = [];
  for (const n of [a, b]) subs.push(await db.subscription.create({ data: { subscriberId: s.id, newsletterId: n.id, status: "confirmed", basis } }));
  return { a, b, s, subs };
}

describe("recordObjection", () => {
  it("a phone objection for one newsletter: same ledger event and suppression as the link, with channel, note and the staff actor; audited", async () => {
    const { a, b, s } = await seed();
    const r = await recordObjection({ subscriberId: s.id, scope: a.id, kind: "objection", channel: "phone", note: "Called the shop", staff });
    expect(r).toMatchObject({ ok: true, withdrawn: [{ newsletterId: a.id }] });
    const ev = await db.consentEvent.findFirstOrThrow({ where: { subscriberId: s.id } });
    expect(ev).toMatchObject({ type: "objection", actor: `user:${staff.id}`, newsletterIds: [a.id] });
    expect(ev.details).toEqual({ via: "staff", scope: a.id, channel: "phone", note: "Called the shop" });
    expect((await suppressionsFor(db, s.email)).map((x) => [x.scope, x.reason])).toEqual([[a.id, "objection"]]);
    expect((await db.subscription.findFirstOrThrow({ where: { subscriberId: s.id, newsletterId: b.id } })).status).toBe("confirmed");
    const log = await db.auditLog.findFirstOrThrow({ where: { action: "subscriber.objection", target: s.id } });
    expect(log.details).toEqual({ channel: "phone", scope: a.id, changed: 1 });
    expect(JSON.stringify(log)).not.toContain(s.email);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it("a letter withdrawing everything ends every subscription and suppresses all", async () => {
    const { s } = await seed();
    const r = await recordObjection({ subscriberId: s.id, scope: "all", kind: "withdrawal", channel: "letter", note: "", staff });
    expect(r.ok && r.withdrawn).toHaveLength(2);
    expect((await db.consentEvent.findMany({ where: { subscriberId: s.id } })).map((e) => [e.type, (e.details as { channel: string }).channel])).toEqual([["withdraw", "letter"], ["withdraw", "letter"]]);
    expect((await suppressionsFor(db, s.email)).map((x) => [x.scope, x.reason])).toEqual([["all", "withdrawal"]]);
  });

  it("an objection from a customer-basis subscriber is scope all (lib/rules R-UNSUB-SCOPE), never downgraded by the 'all' entry", async () => {
    const { s } = await seed("existing_customer");
    await recordObjection({ subscriberId: s.id, scope: "all", kind: "withdrawal", channel: "in-person", note: "", staff });
    expect((await suppressionsFor(db, s.email)).map((x) => [x.scope, x.reason])).toEqual([["all", "objection"]]);
    expect((await db.consentEvent.findMany({ where: { subscriberId: s.id } })).map((e) => e.type)).toEqual(["objection", "objection"]);
  });

  it.each([
    [{ kind: "maybe" }, "kind"],
    [{ channel: "fax" }, "channel"],
    [{ note: "x".repeat(501) }, "note"],
    [{ note: "line\u0000" }, "note"],
    [{ scope: "someothernewsletter" }, "scope"],
  ])("refuses %j with a field message and writes nothing", async (bad, field) => {
    const { a, s } = await seed();
    const before = await Promise.all([db.consentEvent.count(), db.suppression.count(), db.auditLog.count()]);
    const r = await recordObjection({ subscriberId: s.id, scope: a.id, kind: "objection", channel: "phone", note: "", staff, ...bad });
    expect(r).toMatchObject({ ok: false, status: 400, field });
    expect(await Promise.all([db.consentEvent.count(), db.suppression.count(), db.auditLog.count()])).toEqual(before);
  });

  it("an unknown subscriber is a 404, not an error", async () => {
    expect(await recordObjection({ subscriberId: "doesnotexist00", scope: "all", kind: "objection", channel: "phone", note: "", staff })).toMatchObject({ ok: false, status: 404 });
  });
});

describe("recordReplyUnsubscribe (mail to the List-Unsubscribe mailto address)", () => {
  it("resolves the subject's token to the subscription and records a withdrawal by reply mail", async () => {
    const { a, s, subs } = await seed();
    const token = unsubscribeToken(subs[0].id);
    const r = await recordReplyUnsubscribe({ subject: `Re: unsubscribe ${token}`, staff });
    expect(r).toEqual({ ok: true, newsletterName: a.name, changed: true });
    const ev = await db.consentEvent.findFirstOrThrow({ where: { subscriberId: s.id } });
    expect(ev).toMatchObject({ type: "withdraw", subscriptionId: subs[0].id, actor: `user:${staff.id}` });
    expect(ev.details).toMatchObject({ via: "mailto", channel: "reply-mail", scope: a.id });
    expect(await recordReplyUnsubscribe({ subject: `unsubscribe ${token}`, staff })).toEqual({ ok: true, newsletterName: a.name, changed: false });
    expect(await db.consentEvent.count({ where: { subscriberId: s.id } })).toBe(1);
  });

  it.each(["unsubscribe", "unsubscribe not-a-token", "", "unsubscribe abcdefghijkl.AAAAAAAAAAAAAAAAAAAAAA"])("a subject without a valid token (%j) is refused", async (subject) => {
    const before = await db.consentEvent.count();
    expect(await recordReplyUnsubscribe({ subject, staff })).toMatchObject({ ok: false, error: expect.stringContaining("No valid unsubscribe code") });
    expect(await db.consentEvent.count()).toBe(before);
  });
});

describe("addSuppressions", () => {
  it("stores only the keyed hash (scope all, the reason), audits the count, and counts show by reason", async () => {
    const emails = [`x-${rnd()}@example.nl`, `Y-${rnd()}@Example.NL`];
    const before = await countSuppressions();
    const r = await addSuppressions({ text: `${emails[0]}\n\n  ${emails[1]}  \r\n${emails[0]}`, reason: "objection", actor: staff });
    expect(r).toEqual({ ok: true, added: 2 });
    for (const e of emails) expect(await db.suppression.findUnique({ where: { keyHash_scope: { keyHash: suppressionKey(e.trim().toLowerCase()), scope: "all" } } })).toMatchObject({ reason: "objection" });
    const rows = JSON.stringify(await db.suppression.findMany());
    for (const e of emails) expect(rows.toLowerCase()).not.toContain(e.toLowerCase());
    const log = await db.auditLog.findFirstOrThrow({ where: { action: "suppression.add" }, orderBy: { at: "desc" } });
    expect(log.details).toEqual({ count: 2, reason: "objection" });
    const after = await countSuppressions();
    const n = (c: typeof before) => c.find((x) => x.reason === "objection")?.entries ?? 0;
    expect(n(after) - n(before)).toBe(2);
  });

  it("reports every invalid line by number and writes nothing", async () => {
    const before = await Promise.all([db.suppression.count(), db.auditLog.count()]);
    const r = await addSuppressions({ text: `ok-${rnd()}@example.nl\nnot an address\n\nalso@bad@x\nfine-${rnd()}@example.nl`, reason: "objection", actor: staff });
    expect(r).toMatchObject({ ok: false, lines: [{ line: 2 }, { line: 4 }] });
    expect(await Promise.all([db.suppression.count(), db.auditLog.count()])).toEqual(before);
  });

  it.each([[{ reason: "erasure" }], [{ reason: "" }], [{ text: "\n \n" }]])("refuses %j", async (bad) => {
    expect(await addSuppressions({ text: `z-${rnd()}@example.nl`, reason: "objection", actor: staff, ...bad })).toMatchObject({ ok: false });
  });
});
