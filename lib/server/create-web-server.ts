// Proofmail's HTTP server: Next.js through the documented custom-server way (`next()` +
// http.createServer), for one reason: route handlers and server actions cannot see the socket, so this
// writes the TCP peer address into an internal header after deleting any copy the client sent.
import http from "node:http";
import { markPeerAddressWritten, PEER_ADDRESS_HEADER } from "../security/peer-address.ts";

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

export function createWebServer({ handle }: { handle: RequestHandler }): http.Server {
  markPeerAddressWritten();
  return http.createServer((req, res) => {
    const raw: string[] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (req.rawHeaders[i].toLowerCase() !== PEER_ADDRESS_HEADER) raw.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
    }
    const peer = req.socket.remoteAddress ?? "";
    raw.push(PEER_ADDRESS_HEADER, peer);
    req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
    req.headers[PEER_ADDRESS_HEADER] = peer;
    Promise.resolve(handle(req, res)).catch((err) => {
      console.error("proofmail: request failed:", err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("Internal error");
    });
  });
}
