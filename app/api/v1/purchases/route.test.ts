import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import { createApiToken, revokeApiToken } from "@/lib/customers/api-tokens";
import { suppress, suppressionsFor } from "@/lib/subscribers/suppression";
import { verifyLedger } from "@/lib/consent/ledger";
import { sha256 } from "@/lib/util/hash";
import { POST } from "./route";

const admin = { id: "u1", email: "admin@example.org" };
let token: string;
let bikes: { id: string };
let books: { id: string };

const call = (body: unknown, auth: string | null = `Bearer ${token}`, type = "application/json") =>
  POST(new Request("http://localhost/api/v1/purchases", {
    method: "POST",
    headers: { ...(auth ? { authorization: auth } : {}), "content-type": type },
    body: typeof body === "string" ? body : JSON.stringify(body),
  }));

// The API now requires the buyer's language and, when the opt-out was offered, the text that offered it.
const OPT_OUT = "☐ Ik wil geen aanbiedingen per e-mail ontvangen.";
const valid = (over: Record<string, unknown> = {}) => ({
  email: "Klant@Example.NL", purchasedAt: new Date(Date.now() - 86400_000).toISOString(), category: "bikes", language: "nl",
  objectionOffered: true, optOutText: OPT_OUT, objected: false, ...over,
});

beforeAll(async () => {
  const r = await createApiToken({ actor: admin, name: "Webshop" });
  if (!r.ok) throw new Error(r.error);
  token = r.token;
  // Both are mapped to bike purchases (customerProducts), so the rules' similarity check still speaks for books.
  bikes = await db.newsletter.create({ data: { slug: "bikes", name: "Bikes", fromName: "Org", fromEmail: "n@org.nl", categories: ["bikes"], similarMap: { "bike-parts": ["bikes"] }, customerProducts: ["bikes", "bike-parts"] } });
  books = await db.newsletter.create({ data: { slug: "books", name: "Books", fromName: "Org", fromEmail: "n@org.nl", categories: ["books"], customerProducts: ["bikes"] } });
  await db.newsletter.create({ data: { slug: "general", name: "General", fromName: "Org", fromEmail: "n@org.nl", categories: [] } });
});

describe("POST /api/v1/purchases", () => {
  it("needs a valid, unrevoked bearer token", async () => {
    expect((await call(valid(), null)).status).toBe(401);
    expect((await call(valid(), "Bearer pm_wrongwrongwrongwrongwrong")).status).toBe(401);
    const other = await createApiToken({ actor: admin, name: "Old shop" });
    if (!other.ok) throw new Error();
    await revokeApiToken({ actor: admin, id: other.id });
    expect((await call(valid(), `Bearer ${other.token}`)).status).toBe(401);
    expect(await db.purchase.count()).toBe(0);
    // only the hash is stored
    expect(JSON.stringify(await db.apiToken.findMany())).not.toContain(token);
  });

  it("answers bad input with 4xx and a message", async () => {
    const bad = async (body: unknown, type?: string) => {
      const r = await call(body, undefined, type);
      return { status: r.status, error: (await r.json()).detail as string };
    };
    expect(await bad("{not json")).toMatchObject({ status: 400, error: expect.stringContaining("JSON") });
    expect(await bad(valid(), "text/plain")).toMatchObject({ status: 415 });
    expect(await bad(valid({ email: "nope" }))).toMatchObject({ status: 400, error: expect.stringContaining("email") });
    expect(await bad(valid({ email: "a@b.nl\r\nBcc: x@y.nl" }))).toMatchObject({ status: 400 });
    expect(await bad(valid({ purchasedAt: "2025-01-01" }))).toMatchObject({ status: 400, error: expect.stringContaining("purchasedAt") });
    expect(await bad(valid({ objectionOffered: undefined }))).toMatchObject({ status: 400, error: expect.stringContaining("objectionOffered") });
    expect(await bad(valid({ extra: 1 }))).toMatchObject({ status: 400 });
    expect(await bad("x".repeat(20_000))).toMatchObject({ status: 413 });
    // the opt-out offered at checkout must come with the text that offered it; the language is required
    expect(await bad(valid({ optOutText: undefined }))).toMatchObject({ status: 400, error: expect.stringMatching(/^optOutText: required when objectionOffered is true/) });
    expect(await bad(valid({ optOutText: "  " }))).toMatchObject({ status: 400, error: expect.stringContaining("optOutText") });
    expect(await bad(valid({ language: undefined }))).toMatchObject({ status: 400, error: expect.stringContaining("language") });
    expect(await bad(valid({ language: "de" }))).toMatchObject({ status: 400, error: expect.stringContaining("language") });
    expect(await db.purchase.count()).toBe(0);
    expect(await db.consentEvidence.count()).toBe(0);
    expect(await db.subscriber.count()).toBe(0);
  });

  it("records the purchase and subscribes on the customer basis only where the rules allow", async () => {
    const r = await call(valid());
    expect(r.status).toBe(201);
    const body = await r.json();
    expect(body.newsletters).toEqual([
      { newsletterId: bikes.id, slug: "bikes", outcome: "ACCEPT_CUSTOMER" },
      { newsletterId: books.id, slug: "books", outcome: "DENY_NOT_SIMILAR_PRODUCT" },
    ]);
    const s = await db.subscriber.findUniqueOrThrow({ where: { email: "klant@example.nl" }, include: { subscriptions: true, purchases: true } });
    expect(s.subscriptions).toEqual([expect.objectContaining({ newsletterId: bikes.id, basis: "existing_customer", status: "confirmed" })]);
    expect(s.purchases[0]).toMatchObject({ category: "bikes", optOutOfferedAtCollection: true, objected: false, source: "api" });
    const ev = await db.consentEvent.findFirstOrThrow({ where: { subscriberId: s.id, type: "purchase" } });
    expect(ev.actor).toMatch(/^api:/);
    expect(JSON.stringify(ev)).not.toContain("klant@");
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it("records the checkout opt-out text once, and the buyer's answer and language on the purchase", async () => {
    const a = await (await call(valid({ email: "text1@example.nl" }))).json();
    const b = await (await call(valid({ email: "text2@example.nl", objected: true }))).json();
    expect(a.optOutEvidenceId).toBeTruthy();
    expect(b.optOutEvidenceId).toBe(a.optOutEvidenceId); // deduplicated by the text's hash
    const ev = await db.consentEvidence.findUniqueOrThrow({ where: { id: a.optOutEvidenceId } });
    expect(ev).toMatchObject({ kind: "checkout-optout", sourceName: "Webshop", text: OPT_OUT, textHash: sha256(OPT_OUT) });
    expect(await db.consentEvidence.count({ where: { textHash: sha256(OPT_OUT) } })).toBe(1);
    const pa = await db.purchase.findUniqueOrThrow({ where: { id: a.purchaseId } });
    expect(pa).toMatchObject({ optOutEvidenceId: ev.id, optOutOfferedAtCollection: true, objected: false, language: "nl" });
    expect(await db.purchase.findUniqueOrThrow({ where: { id: b.purchaseId } })).toMatchObject({ optOutEvidenceId: ev.id, objected: true });
    const other = await (await call(valid({ email: "text3@example.nl", optOutText: "☐ No offers by e-mail, thanks.", language: "en" }))).json();
    expect(other.optOutEvidenceId).not.toBe(ev.id);
    const event = await db.consentEvent.findFirstOrThrow({ where: { type: "purchase", subscriberId: a.subscriberId } });
    expect(event.details).toMatchObject({ optOutEvidenceId: ev.id, optOutTextHash: ev.textHash, language: "nl", objected: false });
  });

  it("a purchase of a mapped product enrols only the mapped newsletter in the buyer's language", async () => {
    const mk = (slug: string, language: string, customerProducts: string[]) =>
      db.newsletter.create({ data: { slug, name: slug, language, fromName: "Org", fromEmail: "n@org.nl", categories: ["tents"], customerProducts } });
    const nl = await mk("tents-nl", "nl", ["tents"]);
    const en = await mk("tents-en", "en", ["tents"]);
    const unmapped = await mk("tents-unmapped", "en", []);
    const r = await call(valid({ email: "camper@example.nl", category: "tents", language: "en", optOutText: "☐ No offers by e-mail, thanks." }));
    expect(r.status).toBe(201);
    expect((await r.json()).newsletters).toEqual([{ newsletterId: en.id, slug: "tents-en", outcome: "ACCEPT_CUSTOMER" }]);
    const subs = await db.subscription.findMany({ where: { subscriber: { email: "camper@example.nl" } } });
    expect(subs.map((s) => s.newsletterId)).toEqual([en.id]);
    expect(subs.map((s) => s.newsletterId)).not.toContain(nl.id);
    expect(subs.map((s) => s.newsletterId)).not.toContain(unmapped.id);
    // a bike purchase enrols in no tent newsletter, though both are about products
    await call(valid({ email: "camper@example.nl", language: "en" }));
    expect(await db.subscription.count({ where: { subscriber: { email: "camper@example.nl" } } })).toBe(1);
  });

  it("without the objection offered at checkout, no subscription", async () => {
    const body = await (await call(valid({ email: "nooffer@example.nl", objectionOffered: false, optOutText: undefined }))).json();
    expect(body.newsletters[0].outcome).toBe("DENY_NO_OPTOUT_AT_COLLECTION");
    expect(await db.subscription.count({ where: { subscriber: { email: "nooffer@example.nl" } } })).toBe(0);
  });

  it("never re-subscribes a suppressed person, also not after a new purchase", async () => {
    await suppress(db, "objector@example.nl", "all", "objection");
    const r = await call(valid({ email: "objector@example.nl" }));
    expect(r.status).toBe(201);
    expect((await r.json()).newsletters[0].outcome).toBe("SUPPRESSED");
    expect(await db.subscription.count({ where: { subscriber: { email: "objector@example.nl" } } })).toBe(0);
    expect(await db.purchase.count({ where: { subscriber: { email: "objector@example.nl" } } })).toBe(1);
    // an unsubscribe from one newsletter also keeps the buyer out of every customer-basis list
    await suppress(db, "leftone@example.nl", "some-other-newsletter", "withdrawal");
    const left = await (await call(valid({ email: "leftone@example.nl" }))).json();
    expect(left.newsletters.map((n: { outcome: string }) => n.outcome)).toEqual(["SUPPRESSED", "SUPPRESSED"]);
    expect(await db.subscription.count({ where: { subscriber: { email: "leftone@example.nl" } } })).toBe(0);
  });

  it("an objection at checkout suppresses the person and ends their customer-basis subscriptions", async () => {
    await call(valid({ email: "later@example.nl" }));
    const r = await (await call(valid({ email: "later@example.nl", objected: true }))).json();
    expect(r.objectionRecorded).toBe(true);
    expect(await suppressionsFor(db, "later@example.nl")).toEqual([expect.objectContaining({ scope: "all", reason: "objection" })]);
    const subs = await db.subscription.findMany({ where: { subscriber: { email: "later@example.nl" } } });
    expect(subs.map((s) => s.status)).toEqual(["unsubscribed"]);
    // a later purchase does not bring them back
    const again = await (await call(valid({ email: "later@example.nl" }))).json();
    expect(again.newsletters[0].outcome).toBe("SUPPRESSED");
  });
});
