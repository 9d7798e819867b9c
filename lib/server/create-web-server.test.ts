// The web server in front of Next, over real sockets: the internal peer-address header always holds the
// connection's address, whatever the client sent; hostile paths, bodies and cross-site posts get 4xx,
// and a server action's 500 becomes the status the boundary recorded (or 400 when it never ran).
import { describe, it, expect, afterAll } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createWebServer, pathForLog } from "./create-web-server.ts";
import { PEER_ADDRESS_HEADER, peerAddressWritten } from "../security/peer-address.ts";
import { currentRequestId, REQUEST_ID_HEADER } from "../log/request-context.ts";
import { recordActionRan, recordFailureStatus } from "../http/request-outcome.ts";

const server = createWebServer({
  appUrl: "http://app.example",
  handle: async (req, res) => {
    // Stands in for Next: "/action/*" fails like a server action (after the boundary ran, or not).
    if (req.url?.startsWith("/action/")) {
      await new Promise((r) => setTimeout(r, 5));
      if (req.url === "/action/refused") { recordActionRan(); recordFailureStatus(403); }
      if (req.url === "/action/bug") recordActionRan();
      res.statusCode = 500;
      res.setHeader("content-type", "text/x-component");
      res.end("0:E{\"digest\":\"123\",\"stack\":\"at secret.ts:1\"}");
      return;
    }
    const raw = req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i].toLowerCase() === PEER_ADDRESS_HEADER);
    const rawIds = req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i].toLowerCase() === REQUEST_ID_HEADER);
    await new Promise((r) => setTimeout(r, 2)); // the id survives awaits
    res.end(JSON.stringify({ header: req.headers[PEER_ADDRESS_HEADER], rawCopies: raw.length, requestId: req.headers[REQUEST_ID_HEADER], rawIdCopies: rawIds.length, contextId: currentRequestId() }));
  },
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as AddressInfo).port;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Seen = { header: string; rawCopies: number; requestId: string; rawIdCopies: number; contextId: string; answeredId: string };
function getFull(localAddress: string, headers: Record<string, string | string[]>): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: "/", localAddress, headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ ...JSON.parse(body), answeredId: res.headers["x-request-id"] }));
    });
    req.on("error", reject);
    req.end();
  });
}

const get = async (localAddress: string, headers: Record<string, string | string[]>) => {
  const { header, rawCopies } = await getFull(localAddress, headers);
  return { header, rawCopies };
};

describe("createWebServer", () => {
  it("marks the process, so request-info trusts the header", () => {
    expect(peerAddressWritten()).toBe(true);
  });

  it("writes the TCP peer address and drops every copy a client sent", async () => {
    expect(await get("127.0.0.2", {})).toEqual({ header: "127.0.0.2", rawCopies: 1 });
    expect(await get("127.0.0.3", { [PEER_ADDRESS_HEADER]: "6.6.6.6", "X-Real-IP": "7.7.7.7" })).toEqual({ header: "127.0.0.3", rawCopies: 1 });
    expect(await get("127.0.0.4", { "X-Proofmail-Peer-Address": ["6.6.6.6", "8.8.8.8"] })).toEqual({ header: "127.0.0.4", rawCopies: 1 });
  });

  it("gives every request a fresh id: internal header (a client's copy dropped), request context, X-Request-Id", async () => {
    const a = await getFull("127.0.0.1", { "X-Proofmail-Request-Id": "forged", "X-Request-Id": "forged-too" });
    const b = await getFull("127.0.0.1", {});
    for (const r of [a, b]) {
      expect(r.requestId).toMatch(/^[0-9a-f]{16}$/);
      expect(r.rawIdCopies).toBe(1);
      expect(r.contextId).toBe(r.requestId);
      expect(r.answeredId).toBe(r.requestId);
    }
    expect(a.requestId).not.toBe(b.requestId);
  });

  it("logs paths without query strings, tokens or addresses", () => {
    expect(pathForLog("/api/auth/callback/email?token=abc&email=jan%40example.nl")).toBe("/api/auth/callback/email");
    expect(pathForLog("/p/Zx8v2Qd9LmN4pR7sT1uW3yA5bC6dE0fG")).toBe("/p/:redacted");
    expect(pathForLog("/admin/subscribers/jan@example.nl")).toBe("/admin/subscribers/:redacted");
    expect(pathForLog("/admin/newsletters")).toBe("/admin/newsletters");
  });
});

function send(opts: http.RequestOptions, body?: string | Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, agent: false, ...opts }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("hostile requests", () => {
  it("a path with bad %-encoding is a 400", async () => {
    for (const path of ["/p/%E0%A4%A", "/%", "/admin/%C3%28", "/u/%FF"]) expect((await send({ path })).status).toBe(400);
  });

  it("a body over 1 MB is a 413 before anything reads it, except the CSV import's", async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, 97);
    expect((await send({ path: "/login", method: "POST", headers: { "content-type": "text/plain" } }, big)).status).toBe(413);
    const ok = await send({ path: "/api/admin/imports", method: "POST", headers: { "content-type": "text/plain" } }, big);
    expect(ok.status).toBe(200);
    expect((await send({ path: "/api/admin/imports", method: "POST", headers: { "content-length": String(24 * 1024 * 1024) } })).status).toBe(413);
  });

  it("a state-changing request from another site's page is a 403; the embed, one-click and API paths are not checked", async () => {
    const post = (path: string, headers: Record<string, string>) => send({ path, method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers } }, "a=1");
    expect((await post("/api/admin/imports", { origin: "http://evil.example" })).status).toBe(403);
    expect((await post("/admin/forms", { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await post("/admin/forms", { origin: "null" })).status).toBe(403);
    expect((await post("/admin/forms", { origin: "http://app.example", "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await post("/api/subscribe", { origin: "http://evil.example", "sec-fetch-site": "cross-site" })).status).toBe(200);
    expect((await post("/u/token", { origin: "http://evil.example" })).status).toBe(200);
    expect((await send({ path: "/admin", headers: { "sec-fetch-site": "cross-site" } })).status).toBe(200);
  });

  it("a server action's 500 is the boundary's status, or 400 when the action never ran; a bug stays a 500; no stack either way", async () => {
    const action = (path: string) => send({ path, method: "POST", headers: { "next-action": "abc", "content-type": "text/plain" } }, "[");
    const undecodable = await action("/action/undecodable");
    expect(undecodable.status).toBe(400);
    expect(undecodable.body).not.toContain("stack");
    expect((await action("/action/refused")).status).toBe(403);
    expect((await action("/action/bug")).status).toBe(500);
  });
});
