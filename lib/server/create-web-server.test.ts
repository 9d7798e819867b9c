// The web server in front of Next, over real sockets: the internal peer-address header always holds the
// connection's address, whatever the client sent.
import { describe, it, expect, afterAll } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createWebServer } from "./create-web-server.ts";
import { PEER_ADDRESS_HEADER, peerAddressWritten } from "../security/peer-address.ts";

const server = createWebServer({
  handle: (req, res) => {
    const raw = req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i].toLowerCase() === PEER_ADDRESS_HEADER);
    res.end(JSON.stringify({ header: req.headers[PEER_ADDRESS_HEADER], rawCopies: raw.length }));
  },
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as AddressInfo).port;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(localAddress: string, headers: Record<string, string | string[]>): Promise<{ header: string; rawCopies: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: "/", localAddress, headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve(JSON.parse(body)));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("createWebServer", () => {
  it("marks the process, so request-info trusts the header", () => {
    expect(peerAddressWritten()).toBe(true);
  });

  it("writes the TCP peer address and drops every copy a client sent", async () => {
    expect(await get("127.0.0.2", {})).toEqual({ header: "127.0.0.2", rawCopies: 1 });
    expect(await get("127.0.0.3", { [PEER_ADDRESS_HEADER]: "6.6.6.6", "X-Real-IP": "7.7.7.7" })).toEqual({ header: "127.0.0.3", rawCopies: 1 });
    expect(await get("127.0.0.4", { "X-Proofmail-Peer-Address": ["6.6.6.6", "8.8.8.8"] })).toEqual({ header: "127.0.0.4", rawCopies: 1 });
  });
});
