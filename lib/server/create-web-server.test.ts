// The web server in front of Next, over real sockets: the internal peer-address header always holds the
// connection's address, whatever the client sent.
import { describe, it, expect, afterAll } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createWebServer, pathForLog } from "./create-web-server.ts";
import { PEER_ADDRESS_HEADER, peerAddressWritten } from "../security/peer-address.ts";
import { currentRequestId, REQUEST_ID_HEADER } from "../log/request-context.ts";

const server = createWebServer({
  handle: async (req, res) => {
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
