// Outgoing webhooks end to end, through the real worker: real HTTP receivers on this machine get the
// events of a real signup and confirmation, signed and checked with standardwebhooks' Webhook.verify; a
// receiver that keeps answering 500 gets the whole (shrunk) retry schedule and its endpoint is disabled;
// a replay re-sends a logged delivery; private addresses are refused without WEBHOOKS_ALLOW_PRIVATE.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { useSmtpSink } from "../testing/use-smtp-sink.ts";

// Before config() is first read: the receivers listen on 127.0.0.1.
process.env.WEBHOOKS_ALLOW_PRIVATE = "1";
process.env.WEBHOOK_RETRY_SCALE = "0.00001"; // three days become about 2.6 seconds
process.env.WORKER_IDLE_MS = "20";

const sink = await useSmtpSink();
const { db } = await import("../db/index.ts");
const { submitSignup } = await import("../consent/submit-signup.ts");
const { confirmSignup } = await import("../consent/confirm-signup.ts");
const { runWorker } = await import("../worker/loop.ts");
const { seedForm, seedNewsletter, seedOrganisation, uid, ADMIN } = await import("../consent/test-helpers.ts");
const { createWebhookEndpoint, replayWebhookDelivery, getWebhookLog, enableWebhookEndpoint } = await import("./endpoints.ts");
const { emitEvent } = await import("./emit-event.ts");
const { eraseSubscriber } = await import("../subscribers/erase-subscriber.ts");
const { checkEndpointUrl } = await import("./address-guard.ts");
const { postWebhook } = await import("./post-webhook.ts");

type Received = { headers: Record<string, string>; body: string };
async function receiver(status: number) {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      got.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(status, status === 302 ? { location: "http://example.com/" } : {}).end("x".repeat(200_000));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { got, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const ok = await receiver(200);
const failing = await receiver(500);
const worker = new AbortController();
let running: Promise<void>;
let versionId: string;
let newsletterId: string;

beforeAll(async () => {
  await seedOrganisation();
  newsletterId = (await seedNewsletter("Alfa")).id;
  versionId = (await seedForm([newsletterId])).version.id;
  running = runWorker({ signal: worker.signal, log: () => {} });
});
afterAll(async () => {
  worker.abort();
  await running;
  await Promise.all([ok.close(), failing.close(), sink.stop()]);
});

async function signUpAndConfirm() {
  const email = `w-${uid()}@example.nl`;
  await submitSignup({ formVersionId: versionId, email, newsletterIds: [newsletterId], via: "form", ip: "203.0.113.5", userAgent: "UA", now: new Date() });
  const mail = sink.received.filter((m) => m.envelopeTo.includes(email)).at(-1)!;
  const token = (mail.parsed.text ?? "").match(/\/confirm\/([A-Za-z0-9_-]+)/)![1];
  const r = await confirmSignup({ token, ip: "203.0.113.5", userAgent: "UA" });
  expect(r.state).toBe("confirmed");
  const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email } });
  return { email, subscriberId: subscriber.id };
}

const create = async (url: string, events: string[], payloadMode: "id" | "address") => {
  const r = await createWebhookEndpoint({ actor: ADMIN, url, events, payloadMode });
  if (!r.ok) throw new Error(r.error);
  expect(r.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
  return r;
};
const ofType = (got: Received[], type: string) => got.filter((g) => (JSON.parse(g.body) as { type: string }).type === type);

describe("outgoing webhooks", () => {
  it("delivers subscriber.confirmed with a valid Standard Webhooks signature; id-only payloads carry no address", async () => {
    const full = await create(ok.url, ["subscriber.pending", "subscriber.confirmed"], "address");
    const idOnly = await create(ok.url, ["subscriber.confirmed"], "id");
    const { email, subscriberId } = await signUpAndConfirm();

    await until("both confirmations", async () => ofType(ok.got, "subscriber.confirmed").length >= 2);
    const verified = ofType(ok.got, "subscriber.confirmed").map((g) => {
      // Exactly one of the two secrets verifies each request; the other must throw.
      const which = [full, idOnly].filter((e) => { try { new Webhook(e.secret).verify(g.body, g.headers); return true; } catch { return false; } });
      expect(which).toHaveLength(1);
      return { endpoint: which[0].id, body: JSON.parse(g.body) as { type: string; timestamp: string; data: Record<string, unknown> }, raw: g.body, id: g.headers["webhook-id"] };
    });
    const [a, b] = [verified.find((v) => v.endpoint === full.id)!, verified.find((v) => v.endpoint === idOnly.id)!];
    expect(a.body.data).toEqual({ subscriberId, newsletterIds: [newsletterId], email });
    expect(b.body.data).toEqual({ subscriberId, newsletterIds: [newsletterId] });
    expect(b.raw).not.toContain(email);
    expect(a.id).toMatch(/^msg_/);
    expect(a.id).toBe(b.id); // one event, one webhook-id, whichever endpoint gets it
    // The pending event went only to the endpoint that asked for it.
    expect(ofType(ok.got, "subscriber.pending").map((g) => JSON.parse(g.body).data.email)).toEqual([email]);
    expect(() => new Webhook(full.secret).verify(a.raw.replace(subscriberId, "someone-else"), ofType(ok.got, "subscriber.confirmed")[0].headers)).toThrow();

    // The receiver answered before the worker wrote the outcome down.
    await until("the outcomes logged", async () => (await db.webhookDelivery.count({ where: { endpointId: full.id, status: "succeeded" } })) === 2);
    const log = (await getWebhookLog(full.id))!;
    expect(log.deliveries.map((d) => [d.type, d.status, d.attempts, d.lastStatusCode])).toEqual(
      expect.arrayContaining([["subscriber.confirmed", "succeeded", 1, 200], ["subscriber.pending", "succeeded", 1, 200]]));

    // Replay: a new log row with the same webhook-id and body, delivered again.
    const confirmed = log.deliveries.find((d) => d.type === "subscriber.confirmed")!;
    const before = ok.got.length;
    const replay = await replayWebhookDelivery({ actor: ADMIN, id: confirmed.id });
    expect(replay.ok).toBe(true);
    await until("the replay", async () => ok.got.length > before);
    const again = ok.got.at(-1)!;
    expect(again.headers["webhook-id"]).toBe(confirmed.messageId);
    expect(new Webhook(full.secret).verify(again.body, again.headers)).toMatchObject({ type: "subscriber.confirmed", data: { email } });
    const row = await until("the replay logged", () => db.webhookDelivery.findFirst({ where: { replayOfId: confirmed.id, status: "succeeded" } }));
    expect(row.attempts).toBe(1);
    expect(await db.auditLog.count({ where: { action: "webhook.replay", target: full.id } })).toBe(1);

    // Erasure deletes the deliveries about the person (the address-carrying bodies with them).
    expect(await db.webhookDelivery.count({ where: { subscriberId } })).toBe(4);
    await eraseSubscriber({ subscriberId, actor: "user:admin", auditActor: ADMIN });
    expect(await db.webhookDelivery.count({ where: { subscriberId } })).toBe(0);
    expect(await db.webhookDelivery.count({ where: { body: { contains: email } } })).toBe(0);
    await db.webhookEndpoint.deleteMany({ where: { id: { in: [full.id, idOnly.id] } } });
  });

  it("retries a receiver answering 500 over the whole schedule, then disables the endpoint with a notice", async () => {
    const endpoint = await create(failing.url, ["subscriber.confirmed"], "id");
    await signUpAndConfirm();
    const disabled = await until("the endpoint disabled", () => db.webhookEndpoint.findFirst({ where: { id: endpoint.id, disabledAt: { not: null } } }));
    const d = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(d).toMatchObject({ status: "failed", attempts: 13, lastStatusCode: 500, nextAttemptAt: null });
    expect(failing.got).toHaveLength(13);
    expect(new Set(failing.got.map((g) => g.headers["webhook-id"]))).toEqual(new Set([d.messageId]));
    for (const g of failing.got) expect(() => new Webhook(endpoint.secret).verify(g.body, g.headers)).not.toThrow();
    // The attempts back off: each wait at least as long as the one before it.
    const times = (await db.job.findMany({ where: { kind: "webhooks.deliver" }, orderBy: { runAt: "asc" } }))
      .filter((j) => (j.payload as { deliveryId: string }).deliveryId === d.id).map((j) => j.runAt.getTime());
    expect(times).toHaveLength(13);
    expect(times.at(-1)! - times[0]).toBeGreaterThanOrEqual(72 * 3600_000 * 0.00001 - 5);
    expect(disabled.disabledReason).toMatch(/All 13 attempts to deliver subscriber\.confirmed since .* failed \(last: answered 500\)/);
    expect(await db.auditLog.findFirst({ where: { action: "webhook.disable", target: endpoint.id } })).toMatchObject({ actor: "system" });

    // A disabled endpoint gets no new events, and a replay is refused until it is enabled again.
    await signUpAndConfirm();
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(1);
    expect(await replayWebhookDelivery({ actor: ADMIN, id: d.id })).toMatchObject({ ok: false });
    await enableWebhookEndpoint({ actor: ADMIN, id: endpoint.id });
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ disabledAt: null, disabledReason: null });
    await db.webhookEndpoint.delete({ where: { id: endpoint.id } });
  });

  it("writes nothing for a change that is rolled back", async () => {
    const endpoint = await create(ok.url, ["send.started"], "id");
    await expect(db.$transaction(async (tx) => {
      await emitEvent(tx, { type: "send.started", data: { sendId: "s1" } });
      throw new Error("rolled back");
    })).rejects.toThrow("rolled back");
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(0);
    await db.webhookEndpoint.delete({ where: { id: endpoint.id } });
  });

  it("refuses private and loopback addresses without WEBHOOKS_ALLOW_PRIVATE, and follows no redirect", async () => {
    for (const url of [ok.url, "http://localhost:9/x", "http://[::1]/x", "http://169.254.169.254/latest/meta-data", "http://10.1.2.3/", "http://[::ffff:192.168.0.1]/"])
      expect(await checkEndpointUrl(url, { allowPrivate: false }), url).toMatch(/private or local address/);
    expect(await checkEndpointUrl(ok.url, { allowPrivate: true })).toBeNull();
    expect(await checkEndpointUrl("ftp://example.com/x")).toMatch(/Only http/);
    expect(await checkEndpointUrl("https://user:pw@example.com/x")).toMatch(/user name/);

    // At delivery time too, by literal address and by name (checked on the address the name resolves to).
    const before = ok.got.length;
    const post = (url: string) => postWebhook({ url, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", messageId: "msg_1", body: "{}", timeoutMs: 5000, allowPrivate: false });
    expect(await post(ok.url)).toMatchObject({ ok: false, statusCode: null, error: expect.stringMatching(/private or local/) });
    expect(await post(ok.url.replace("127.0.0.1", "localhost"))).toMatchObject({ ok: false, statusCode: null, error: expect.stringMatching(/private or local/) });
    expect(ok.got.length).toBe(before);

    const redirecting = await receiver(302);
    try {
      const r = await postWebhook({ url: redirecting.url, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", messageId: "msg_2", body: "{}", timeoutMs: 5000 });
      expect(r).toMatchObject({ ok: false, statusCode: 302, error: "redirects are not followed" });
      expect(redirecting.got).toHaveLength(1);
    } finally {
      await redirecting.close();
    }
  });
});
