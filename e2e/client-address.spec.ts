// Truthful client addresses (issue 15, finding 2), over real sockets against the real server: the address
// in the consent ledger and behind the rate limits is the TCP peer, whatever X-Real-IP or
// X-Forwarded-For a client sends; only behind a proxy listed in TRUST_PROXY does X-Forwarded-For count
// (its right-most entry that is not a listed proxy). Linux routes all of 127.0.0.0/8 to loopback, so
// binding the client side to 127.0.0.x gives each "client" an address of its own.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { test, expect } from "@playwright/test";
import { e2eEnv } from "./support/env";
import { e2eDb, e2eFixtures } from "./support/db";
import { freePort, startOwnServer, type OwnServer } from "./support/own-server";

test.describe.configure({ mode: "serial" });

const run = Math.random().toString(36).slice(2, 8);
let form: { formVersionId: string; newsletterId: string };

type Reply = { status: number; body: string };

/** POST /api/subscribe from `localAddress`, with whatever headers the "client" wants to forge. */
function subscribe(port: number, localAddress: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Reply> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path: "/api/subscribe", method: "POST", localAddress, agent: false,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data), ...headers } },
      (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

async function signupIp(email: string): Promise<string | null> {
  const db = await e2eDb();
  const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email } });
  const event = await db.consentEvent.findFirstOrThrow({ where: { subscriberId: subscriber.id, type: "signup" } });
  return event.ip;
}

const forged = (n: number) => ({ "X-Real-IP": `6.6.6.${n}`, "X-Forwarded-For": `7.7.7.${n}`, "X-Proofmail-Peer-Address": `8.8.8.${n}`, "Forwarded": `for=9.9.9.${n}` });
const appPort = () => Number(e2eEnv().PORT);

test.beforeAll(async () => {
  const { createNewsletterWithForm } = await e2eFixtures();
  const f = await createNewsletterWithForm({ slug: `addr-${run}` });
  form = { formVersionId: f.formVersion.id, newsletterId: f.newsletter.id };
});

test("direct connections: forged X-Real-IP / X-Forwarded-For are ignored, the ledger has the real peer", async () => {
  for (const [local, n] of [["127.0.0.2", 1], ["127.0.0.3", 2]] as const) {
    const email = `direct-${n}-${run}@example.org`;
    const r = await subscribe(appPort(), local, { formVersionId: form.formVersionId, email, newsletterIds: [form.newsletterId] }, forged(n));
    expect(r.status, r.body).toBe(202);
    expect(await signupIp(email)).toBe(local);
  }
});

test("the rate limit counts per real address, not per forged header", async () => {
  test.setTimeout(120_000);
  // Each signup costs a point of the per-address limit (60 in 10 minutes) before its fields are checked,
  // so posts without a newsletter (422) use it up without writing anything else.
  const empty = { formVersionId: form.formVersionId, email: `limit-${run}@example.org`, newsletterIds: [] };
  for (let i = 0; i < 60; i++) {
    const r = await subscribe(appPort(), "127.0.0.4", empty, forged(i));
    expect(r.status, `request ${i + 1}: ${r.body}`).toBe(422);
  }
  const limited = await subscribe(appPort(), "127.0.0.4", empty, forged(99));
  expect(limited.status).toBe(429);
  expect(JSON.parse(limited.body)).toMatchObject({ status: 429, code: "rate_limited" });
  // another address is not affected
  expect((await subscribe(appPort(), "127.0.0.5", empty)).status).toBe(422);
});

test.describe("behind a reverse proxy listed in TRUST_PROXY", () => {
  let server: OwnServer;
  let proxy: http.Server;
  let proxyPort: number;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const port = await freePort();
    const env = e2eEnv() as unknown as Record<string, string>;
    // a second web process on the same database, as in a multi-process deployment
    server = await startOwnServer({
      script: "scripts/serve.ts", port,
      env: { ...env, PORT: String(port), APP_URL: `http://127.0.0.1:${port}`, WORKER_IN_WEB: "0", TRUST_PROXY: "127.0.0.1" },
    });
    await server.waitForOutput(/proofmail: web server ready .*trusting X-Forwarded-For from 127\.0\.0\.1\/32/, 90_000);
    // A proxy like nginx's `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`: it appends the
    // address of whoever connected to it, and connects to the app from 127.0.0.1.
    proxy = http.createServer((req, res) => {
      const xff = [req.headers["x-forwarded-for"], req.socket.remoteAddress?.replace(/^::ffff:/, "")].filter(Boolean).join(", ");
      const up = http.request(
        { host: "127.0.0.1", port, localAddress: "127.0.0.1", path: req.url, method: req.method, headers: { ...req.headers, "x-forwarded-for": xff }, agent: false },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      up.on("error", () => res.writeHead(502).end());
      req.pipe(up);
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    proxyPort = (proxy.address() as AddressInfo).port;
  });

  test.afterAll(async () => {
    await new Promise((resolve) => proxy?.close(resolve));
    await server?.stop();
  });

  test("the client address from X-Forwarded-For is stored; a client that bypasses the proxy gets its own", async () => {
    const viaProxy = `proxied-${run}@example.org`;
    let r = await subscribe(proxyPort, "127.0.0.6", { formVersionId: form.formVersionId, email: viaProxy, newsletterIds: [form.newsletterId] }, forged(6));
    expect(r.status, r.body).toBe(202);
    expect(await signupIp(viaProxy)).toBe("127.0.0.6"); // what the proxy appended, not the forged 7.7.7.6 left of it

    const direct = `bypass-${run}@example.org`;
    r = await subscribe(server.port, "127.0.0.7", { formVersionId: form.formVersionId, email: direct, newsletterIds: [form.newsletterId] }, forged(7));
    expect(r.status, r.body).toBe(202);
    expect(await signupIp(direct)).toBe("127.0.0.7"); // not a listed proxy: its X-Forwarded-For is ignored
  });
});
