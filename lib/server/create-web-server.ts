// Proofmail's HTTP server: Next.js through the documented custom-server way (`next()` +
// http.createServer). Route handlers and server actions cannot see the socket, so this writes the TCP
// peer address into an internal header after deleting any copy the client sent. It also answers what
// Next.js would answer with a 500 although the client is at fault (finding #7 of issue 15):
// - a path with bad %-encoding: 400;
// - a body over 1 MB (CSV imports: 23 MB): 413, before Next reads it;
// - a state-changing request from another site's page: 403 (lib/http/cross-site.ts; Next's own check
//   of server actions answers 500);
// - a server action whose body Next cannot decode (the action never ran): 400; one the boundary
//   refused (lib/http/boundary.ts): the status it recorded (lib/http/request-outcome.ts).
// None of these answers carries more than one line of text.
import http from "node:http";
import { markPeerAddressWritten, PEER_ADDRESS_HEADER } from "../security/peer-address.ts";
import { isCrossSite, mayComeFromOtherSites, UNSAFE_METHODS } from "../http/cross-site.ts";
import { runWithOutcome } from "../http/request-outcome.ts";

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

export const MAX_BODY = 1024 * 1024;
/** The admin CSV import: a 20 MB file plus the partner's 1 MB form text and the multipart framing. */
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
    const raw: string[] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (req.rawHeaders[i].toLowerCase() !== PEER_ADDRESS_HEADER) raw.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
    }
    const peer = req.socket.remoteAddress ?? "";
    raw.push(PEER_ADDRESS_HEADER, peer);
    req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
    req.headers[PEER_ADDRESS_HEADER] = peer;

    const pathname = pathnameOf(req.url ?? "/");
    if (pathname === null) return plain(res, 400, "The path is not valid (bad %-encoding).");
    const max = pathname === "/api/admin/imports" ? MAX_IMPORT_BODY : MAX_BODY;
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
      console.error("proofmail: request failed:", err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("Internal error");
    });
  });
}
