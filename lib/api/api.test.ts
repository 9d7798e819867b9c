// /api/v1 end to end through the route handlers (the one boundary), a real database and a real SMTP sink:
// scopes, per-token rate limits, problem+json, the signup path with the API as channel, and the OpenAPI
// document (validated, and covering every route file under app/api/v1).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { useSmtpSink } from "../testing/use-smtp-sink.ts";

// The app's mailer points at a real SMTP server; set before the first sendMail (and first config()).
const sink = await useSmtpSink();

const { db } = await import("../db/index.ts");
const { createApiToken } = await import("../customers/api-tokens.ts");
const { suppressionsFor } = await import("../subscribers/suppression.ts");
const { verifyLedger } = await import("../consent/ledger.ts");
const { seedForm, seedNewsletter, seedOrganisation, uid, ADMIN } = await import("../consent/test-helpers.ts");
const { openApiDocument } = await import("./openapi.ts");
const { describeOperations } = await import("./describe-operations.ts");
const subscribers = await import("../../app/api/v1/subscribers/route.ts");
const subscriber = await import("../../app/api/v1/subscribers/[id]/route.ts");
const subscriptions = await import("../../app/api/v1/subscribers/[id]/subscriptions/route.ts");
const withdrawals = await import("../../app/api/v1/subscribers/[id]/withdrawals/route.ts");
const proof = await import("../../app/api/v1/subscribers/[id]/proof/route.ts");
const suppressions = await import("../../app/api/v1/suppressions/route.ts");
const sends = await import("../../app/api/v1/sends/[id]/route.ts");
const openapi = await import("../../app/api/v1/openapi.json/route.ts");

afterAll(() => sink.stop());

type Handler = (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: Handler, o: { token?: string | null; body?: unknown; params?: Record<string, string>; method?: string } = {}) {
  const headers: Record<string, string> = o.token ? { authorization: `Bearer ${o.token}` } : {};
  if (o.body !== undefined) headers["content-type"] = "application/json";
  const req = new Request("http://localhost/api/v1/x", { method: o.method ?? (o.body === undefined ? "GET" : "POST"), headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
  const res = await handler(req, { params: Promise.resolve(o.params ?? {}) });
  return { status: res.status, type: res.headers.get("content-type") ?? "", headers: res.headers, body: await res.json() };
}

async function token(scopes: string[], ratePerMinute = 600) {
  const r = await createApiToken({ actor: ADMIN, name: `test ${scopes.join("+")}`, scopes, ratePerMinute });
  if (!r.ok) throw new Error(r.error);
  return r.token;
}

let writer: string, reader: string, exporter: string;
let news: { id: string }, other: { id: string };
let versionId: string;

beforeAll(async () => {
  await seedOrganisation();
  news = await seedNewsletter("Fietsnieuws");
  other = await seedNewsletter("Niet op het formulier");
  versionId = (await seedForm([news.id])).version.id;
  writer = await token(["write-subscribers", "read"]);
  reader = await token(["read"]);
  exporter = await token(["export"]);
});

const newSubscriber = (email: string, over: Record<string, unknown> = {}) => ({
  email, name: "Anna", newsletterIds: [news.id], basis: "consent", source: { type: "form", formVersionId: versionId, ip: "192.0.2.9", userAgent: "Shop/1" }, ...over,
});

describe("POST /api/v1/subscribers", () => {
  it("adds a pending subscriber with a write-subscribers token, sends the double opt-in and records the API as channel", async () => {
    const email = `anna-${uid()}@example.nl`;
    const r = await call(subscribers.POST, { token: writer, body: newSubscriber(email.toUpperCase()) });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ subscriberId: expect.any(String), status: "pending" });
    const sub = await db.subscriber.findUniqueOrThrow({ where: { email }, include: { subscriptions: true } });
    expect(sub.id).toBe(r.body.subscriberId);
    expect(sub.subscriptions).toMatchObject([{ newsletterId: news.id, status: "pending", basis: "consent", formVersionId: versionId }]);
    // the double opt-in mail, through the real SMTP path
    const mail = sink.received.find((m) => m.envelopeTo.includes(email));
    expect(mail?.parsed.text).toMatch(/\/confirm\/\S+/);
    const events = await db.consentEvent.findMany({ where: { subscriberId: sub.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["signup", "optin_sent"]);
    expect(events[0]).toMatchObject({ formVersionId: versionId, ip: "192.0.2.9", userAgent: "Shop/1", details: expect.objectContaining({ via: "api" }) });
    expect((await verifyLedger(db)).ok).toBe(true);

    // read it back (read scope)
    const got = await call(subscriber.GET, { token: reader, params: { id: sub.id } });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: sub.id, email, name: "Anna", subscriptions: [{ newsletterId: news.id, status: "pending" }] });
    const list = await call(subscriptions.GET, { token: reader, params: { id: sub.id } });
    expect(list.body.subscriptions).toEqual(got.body.subscriptions);
  });

  it("answers 401 without a token and 403 problem+json without the scope, writing nothing", async () => {
    const email = `nope-${uid()}@example.nl`;
    const none = await call(subscribers.POST, { body: newSubscriber(email) });
    expect(none).toMatchObject({ status: 401, type: expect.stringContaining("application/problem+json"), body: { status: 401, code: "unauthenticated" } });
    const ro = await call(subscribers.POST, { token: reader, body: newSubscriber(email) });
    expect(ro.status).toBe(403);
    expect(ro.type).toContain("application/problem+json");
    expect(ro.body).toMatchObject({ type: "urn:proofmail:problem:forbidden", title: "Forbidden", status: 403, detail: expect.stringContaining("write-subscribers") });
    expect(ro.headers.get("www-authenticate")).toContain("insufficient_scope");
    expect(await db.subscriber.findUnique({ where: { email } })).toBeNull();
    // and the other way round: a writer-only scope set cannot export
    expect((await call(proof.GET, { token: writer, params: { id: "x" } })).status).toBe(403);
  });

  it("answers a bad body with 400 naming every failing field, writing nothing", async () => {
    const before = await db.subscriber.count();
    const r = await call(subscribers.POST, { token: writer, body: newSubscriber("not an address", { newsletterIds: [], basis: "legitimate-interest" }) });
    expect(r.status).toBe(400);
    expect(r.type).toContain("application/problem+json");
    expect(r.body).toMatchObject({ status: 400, code: "invalid_input", title: "Invalid input" });
    expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["basis", "newsletterIds"]);
    // the address itself is checked by the signup path, which names it
    const bad = await call(subscribers.POST, { token: writer, body: newSubscriber("not an address") });
    expect(bad).toMatchObject({ status: 422, body: { code: "invalid_email", field: "email", errors: [{ field: "email" }] } });
    // a newsletter the form version does not offer, a form version that does not exist, unknown fields
    expect((await call(subscribers.POST, { token: writer, body: newSubscriber(`x-${uid()}@example.nl`, { newsletterIds: [other.id] }) })).body).toMatchObject({ status: 400, field: "newsletterIds" });
    expect((await call(subscribers.POST, { token: writer, body: newSubscriber(`x-${uid()}@example.nl`, { source: { type: "form", formVersionId: "nosuchversion" } }) })).body).toMatchObject({ status: 400, field: "source.formVersionId" });
    expect((await call(subscribers.POST, { token: writer, body: { ...newSubscriber(`x-${uid()}@example.nl`), extra: 1 } })).status).toBe(400);
    expect(await db.subscriber.count()).toBe(before);
  });

  it("limits each token to its own requests per minute (429 with Retry-After), other tokens unaffected", async () => {
    const slow = await token(["read"], 2);
    const ask = (t: string) => call(subscriber.GET, { token: t, params: { id: "nosuchsubscriber" } });
    expect((await ask(slow)).status).toBe(404);
    expect((await ask(slow)).status).toBe(404);
    const third = await ask(slow);
    expect(third).toMatchObject({ status: 429, body: { code: "rate_limited", status: 429 } });
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await ask(reader)).status).toBe(404);
  });
});

describe("withdrawals, suppressions, sends and exports", () => {
  it("records an objection through the withdrawal path, with ledger event and suppression", async () => {
    const email = `olga-${uid()}@example.nl`;
    const { body } = await call(subscribers.POST, { token: writer, body: newSubscriber(email) });
    const r = await call(withdrawals.POST, { token: writer, params: { id: body.subscriberId }, body: { newsletterId: news.id, kind: "objection" } });
    expect(r).toMatchObject({ status: 200, body: { withdrawn: [{ newsletterId: news.id }] } });
    expect((await db.subscription.findFirstOrThrow({ where: { subscriberId: body.subscriberId } })).status).toBe("unsubscribed");
    expect((await suppressionsFor(db, email)).length).toBeGreaterThan(0);
    // again: nothing more ends; a newsletter they never had is a 404
    expect((await call(withdrawals.POST, { token: writer, params: { id: body.subscriberId }, body: { newsletterId: news.id } })).body).toEqual({ withdrawn: [] });
    expect((await call(withdrawals.POST, { token: writer, params: { id: body.subscriberId }, body: { newsletterId: other.id } })).status).toBe(404);
    expect((await call(withdrawals.POST, { token: writer, params: { id: "nosuchsubscriber" }, body: { newsletterId: "all" } })).status).toBe(404);
  });

  it("suppresses an address as a keyed hash only", async () => {
    const email = `stranger-${uid()}@example.nl`;
    const r = await call(suppressions.POST, { token: writer, body: { email: email.toUpperCase(), reason: "objection" } });
    expect(r).toMatchObject({ status: 201, body: { added: 1 } });
    expect(await suppressionsFor(db, email)).toMatchObject([{ scope: "all", reason: "objection" }]);
    expect(JSON.stringify(await db.suppression.findMany())).not.toContain(email);
    expect((await db.auditLog.findFirstOrThrow({ where: { action: "suppression.add" }, orderBy: { at: "desc" } })).actor).toMatch(/^api:/);
    expect((await call(suppressions.POST, { token: writer, body: { email: "a@b.nl\nc@d.nl", reason: "objection" } })).status).toBe(400);
    expect((await call(suppressions.POST, { token: writer, body: { email, reason: "erasure" } })).body).toMatchObject({ status: 400, field: "reason" });
  });

  it("reads a send's status and exports a proof with the right scopes", async () => {
    expect((await call(sends.GET, { token: reader, params: { id: "nosuchsend" } })).status).toBe(404);
    const email = `pieter-${uid()}@example.nl`;
    const { body } = await call(subscribers.POST, { token: writer, body: newSubscriber(email) });
    const doc = await call(proof.GET, { token: exporter, params: { id: body.subscriberId } });
    expect(doc.status).toBe(200);
    expect(JSON.stringify(doc.body)).toContain(email);
    expect((await db.apiToken.findFirstOrThrow({ where: { name: "test export" } })).lastUsedAt).not.toBeNull();
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document naming every route file under app/api/v1", async () => {
    const r = await call(openapi.GET as Handler);
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe("3.1.0");
    await SwaggerParser.validate(structuredClone(r.body));
    const root = path.resolve(import.meta.dirname, "../../app/api/v1");
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => d.isDirectory() ? walk(path.join(dir, d.name)) : d.name === "route.ts" ? [path.join(dir, d.name)] : []);
    const files = walk(root);
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const file of files) {
      const apiPath = "/" + path.relative(root, path.dirname(file)).split(path.sep).map((p) => p.replace(/^\[(.+)\]$/, "{$1}")).join("/");
      const methods = [...readFileSync(file, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1].toLowerCase());
      expect(methods.length, file).toBeGreaterThan(0);
      for (const m of methods) expect(r.body.paths[apiPath]?.[m], `${m} ${apiPath}`).toBeDefined();
    }
    // the request schema is the validating one: the body's required fields are the zod schema's
    expect(openApiDocument().components?.schemas?.CreateSubscriber).toMatchObject({ required: expect.arrayContaining(["email", "newsletterIds", "basis", "source"]) });
  });

  it("is what the docs page lists: every operation with its scope, fields and responses", () => {
    const ops = describeOperations(openApiDocument());
    expect(ops.map((o) => `${o.method} ${o.path}`)).toContain("POST /subscribers");
    const create = ops.find((o) => o.id === "createSubscriber")!;
    expect(create.scope).toBe("write-subscribers");
    expect(create.body).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: "email", required: true }), expect.objectContaining({ name: "name", required: false }),
      expect.objectContaining({ name: "source.formVersionId", type: "string", required: true }), expect.objectContaining({ name: "source.ip", required: false }),
    ]));
    expect(create.responses.map((r) => r.status)).toEqual(["201", "400", "401", "403", "413", "415", "429"]);
    expect(ops.find((o) => o.id === "getSubscriber")!.params).toEqual([expect.objectContaining({ name: "id", required: true })]);
    expect(ops.find((o) => o.id === "openapi")!.scope).toBeNull();
  });
});
