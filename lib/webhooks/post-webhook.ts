// One signed POST to an endpoint: Standard Webhooks headers (webhook-id, webhook-timestamp,
// webhook-signature), a timeout over the whole exchange, no redirects followed (a 3xx is a failure), at
// most RESPONSE_MAX_BYTES of the answer read, and only to addresses the guard allows.
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { Readable } from "node:stream";
import { Webhook } from "standardwebhooks";
import { readCapped } from "../util/read-capped.ts";
import { allowsPrivate, guardedLookup, isPrivateAddress } from "./address-guard.ts";

const RESPONSE_MAX_BYTES = 64 * 1024;

export type PostOutcome = { ok: boolean; statusCode: number | null; durationMs: number; error: string | null };

export async function postWebhook(opts: { url: string; secret: string; messageId: string; body: string; timeoutMs: number; allowPrivate?: boolean; now?: Date }): Promise<PostOutcome> {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): PostOutcome => ({
    ok: error === null && statusCode !== null && statusCode >= 200 && statusCode < 300, statusCode, durationMs: Math.round(performance.now() - started), error,
  });
  const url = new URL(opts.url);
  // An address literal is dialled without a lookup, so it is checked here.
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(literal) && isPrivateAddress(literal) && !allowsPrivate(opts.allowPrivate)) return done(null, `${literal} is a private or local address`);
  const at = opts.now ?? new Date();
  const headers = {
    "content-type": "application/json",
    "user-agent": "Proofmail-Webhooks/1",
    "webhook-id": opts.messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(opts.secret).sign(opts.messageId, at, opts.body),
  };
  const signal = AbortSignal.timeout(opts.timeoutMs);
  try {
    const statusCode = await new Promise<number>((resolve, reject) => {
      const req = (url.protocol === "https:" ? https : http).request(url, { method: "POST", headers, lookup: guardedLookup({ allowPrivate: opts.allowPrivate }), signal }, (res) => {
        readCapped(Readable.toWeb(res) as ReadableStream<Uint8Array>, RESPONSE_MAX_BYTES).then(() => resolve(res.statusCode ?? 0), reject);
      });
      req.on("error", reject);
      req.end(opts.body);
    });
    return done(statusCode, statusCode >= 300 && statusCode < 400 ? "redirects are not followed" : null);
  } catch (err) {
    return done(null, signal.aborted ? `no answer within ${opts.timeoutMs} ms` : String((err as Error).message ?? err).slice(0, 500));
  }
}
