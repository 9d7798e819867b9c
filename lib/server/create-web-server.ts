// Proofmail's HTTP server: Next.js through the documented custom-server way (`next()` +
// http.createServer), because route handlers and server actions cannot see the socket. For every request
// it writes two internal headers after deleting any copy the client sent: the TCP peer address and a
// fresh request id. The id is also answered as X-Request-Id, and every log line written while the request
// is handled carries it (lib/log/request-context.ts).
import http from "node:http";
import { randomBytes } from "node:crypto";
import { markPeerAddressWritten, PEER_ADDRESS_HEADER } from "../security/peer-address.ts";
import { REQUEST_ID_HEADER, runWithRequestId } from "../log/request-context.ts";
import { getLogger } from "../log/logger.ts";

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

const log = getLogger("http");
const INTERNAL = new Set([PEER_ADDRESS_HEADER, REQUEST_ID_HEADER]);

/** The path for a log line: no query string (sign-in callbacks carry the address and a token there), and
 *  token-like segments (/p/TOKEN, /setup/TOKEN) and anything with an @ replaced. */
export function pathForLog(url: string | undefined): string {
  const p = (url ?? "/").split(/[?#]/)[0].slice(0, 300);
  return p.split("/").map((s) => (s.length >= 20 && /^[A-Za-z0-9_.~%-]+$/.test(s)) || s.includes("@") || s.includes("%40") ? ":redacted" : s).join("/");
}

export function createWebServer({ handle }: { handle: RequestHandler }): http.Server {
  markPeerAddressWritten();
  return http.createServer((req, res) => {
    const requestId = randomBytes(8).toString("hex");
    const peer = req.socket.remoteAddress ?? "";
    const raw: string[] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (!INTERNAL.has(req.rawHeaders[i].toLowerCase())) raw.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
    }
    raw.push(PEER_ADDRESS_HEADER, peer, REQUEST_ID_HEADER, requestId);
    req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
    req.headers[PEER_ADDRESS_HEADER] = peer;
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader("X-Request-Id", requestId);

    runWithRequestId(requestId, () => {
      const started = process.hrtime.bigint();
      res.once("close", () => {
        const line = { method: req.method, path: pathForLog(req.url), status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6, aborted: !res.writableFinished || undefined };
        // Every request at debug; client errors at info, server errors at error (LOG_LEVEL=debug for an access log).
        if (res.statusCode >= 500) log.error(line, "request failed");
        else if (res.statusCode >= 400) log.info(line, "request");
        else log.debug(line, "request");
      });
      Promise.resolve(handle(req, res)).catch((err) => {
        log.error({ err, method: req.method, path: pathForLog(req.url) }, "request handler threw");
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end("Internal error");
      });
    });
  });
}
