// Proofmail's HTTP server: Next.js through the documented custom-server way (`next()` +
// http.createServer), because route handlers and server actions cannot see the socket. For every request
// it writes two internal headers after deleting any copy the client sent: the TCP peer address and a
// fresh request id. The id is also answered as X-Request-Id, and every log line written while the request
// is handled carries it (lib/log/request-context.ts). It also answers what
// Next.js would answer with a 500 although the client is at fault (finding #7 of issue 15):
// - a path with bad %-encoding: 400;
// - a body over 1 MB (CSV imports: 23 MB): 413, before Next reads it;
// - a state-changing request from another site's page: 403 (lib/http/cross-site.ts; Next's own check
//   of server actions answers 500);
// - a server action whose body Next cannot decode (the action never ran): 400; one the boundary
//   refused (lib/http/boundary.ts): the status it recorded (lib/http/request-outcome.ts).
// None of these answers carries more than one line of text.
import http from "node:http";
import { randomBytes } from "node:crypto";
import { markPeerAddressWritten, PEER_ADDRESS_HEADER } from "../security/peer-address.ts";
import { REQUEST_ID_HEADER, runWithRequestId } from "../log/request-context.ts";
import { getLogger } from "../log/logger.ts";
import { isCrossSite, mayComeFromOtherSites, UNSAFE_METHODS } from "../http/cross-site.ts";
import { runWithOutcome } from "../http/request-outcome.ts";

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

const log = getLogger("http");
const INTERNAL = new Set([PEER_ADDRESS_HEADER, REQUEST_ID_HEADER]);

/** The path for a log line: no query string (sign-in callbacks carry the address and a token there), and
 *  token-like segments (/p/TOKEN, /setup/TOKEN) and anything with an @ replaced. */
export function pathForLog(url: string | undefined): string {
  const p = (url ?? "/").split(/[?#]/)[0].slice(0, 300);
  return p.split("/").map((s) => (s.length >= 20 && /^[A-Za-z0-9_.~%-]+$/.test(s)) || s.includes("@") || s.includes("%40") ? ":redacted" : s).join("/");
}


export const MAX_BODY = 1024 * 1024;
/** The admin CSV import and its staged upload (mapping step): a 20 MB file plus the partner's 1 MB form text and the multipart framing. */
export const MAX_IMPORT_BODY = 23 * 1024 * 1024;

const plain = (res: http.ServerResponse, status: number, message: string) => {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", connection: "close" });
  res.end(message + "\n");
};

function pathnameOf(url: string): string | null {
  const path = url.split("?")[0];
  try {
    decodeURIComponent(path);
    return path;
  } catch {
    return null;
  }
}

/** A server action: Next's fetch call (Next-Action header) or a no-JavaScript form post to a page. */
function isServerAction(req: http.IncomingMessage, pathname: string): boolean {
  if (req.method !== "POST") return false;
  if (req.headers["next-action"]) return true;
  const type = String(req.headers["content-type"] ?? "");
  return !pathname.startsWith("/api/") && !pathname.startsWith("/u/") && (type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded"));
}

const FAILED_ACTION_MESSAGE: Record<number, string> = {
  400: "The request could not be read.",
  401: "Sign in first.",
  403: "You do not have permission to do this.",
  413: "The request is too large.",
  429: "Too many requests; try again later.",
};

/** Replaces Next's 500 for a failed server action by `status(…)`'s answer, headers and body alike. */
function answerFailedActions(res: http.ServerResponse, status: () => number | null) {
  const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => http.ServerResponse;
  const write = res.write.bind(res) as (...a: unknown[]) => boolean;
  const end = res.end.bind(res) as (...a: unknown[]) => http.ServerResponse;
  let replaced: number | null = null;
  res.writeHead = ((code: number, ...rest: unknown[]) => {
    const s = code === 500 ? status() : null;
    if (!s || s === 500) return writeHead(code, ...rest);
    replaced = s;
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    return writeHead(s, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  }) as typeof res.writeHead;
  // Decide before the first byte: Node writes the head implicitly on the first write or end.
  const head = () => {
    if (!res.headersSent) res.writeHead(res.statusCode);
  };
  res.write = ((...a: unknown[]) => (head(), replaced ? true : write(...a))) as typeof res.write;
  res.end = ((...a: unknown[]) => {
    head();
    if (!replaced) return end(...a);
    const cb = a.find((x) => typeof x === "function");
    return end((FAILED_ACTION_MESSAGE[replaced] ?? "The request was refused.") + "\n", cb);
  }) as typeof res.end;
}

export function createWebServer({ handle, appUrl }: { handle: RequestHandler; appUrl: string }): http.Server {
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

      const pathname = pathnameOf(req.url ?? "/");
      if (pathname === null) return plain(res, 400, "The path is not valid (bad %-encoding).");
      const max = pathname === "/api/admin/imports" || pathname === "/api/admin/imports/uploads" ? MAX_IMPORT_BODY : MAX_BODY;
      if (Number(req.headers["content-length"] ?? 0) > max) return plain(res, 413, "The request body is too large.");
      const method = req.method ?? "GET";
      if (UNSAFE_METHODS.has(method) && !mayComeFromOtherSites(pathname)) {
        const get = (name: string) => {
          const v = req.headers[name];
          return Array.isArray(v) ? v.join(",") : v;
        };
        if (isCrossSite(get, appUrl)) return plain(res, 403, "This request came from another site and was refused.");
      }

      const { outcome, result } = runWithOutcome(() => {
        // An action that never reached the boundary failed in Next's decoding of its body: the client's fault.
        if (isServerAction(req, pathname)) answerFailedActions(res, () => outcome.status ?? (outcome.ran ? null : 400));
        return handle(req, res);
      });
      Promise.resolve(result).catch((err) => {
        log.error({ err, method: req.method, path: pathForLog(req.url) }, "request handler threw");
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end("Internal error");
      });
    });
  });
}
