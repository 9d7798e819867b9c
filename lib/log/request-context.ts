// The request id of the request being handled, for every log line written while handling it. The web
// server (lib/server/create-web-server.ts) runs each request inside this context; the store lives on
// globalThis because that server (loaded by tsx) and the app (Next's server bundle) each have their own
// copy of this module in the same process.
import { AsyncLocalStorage } from "node:async_hooks";

export const REQUEST_ID_HEADER = "x-proofmail-request-id";

type RequestContext = { requestId: string };
const KEY = Symbol.for("proofmail.request-context");
const g = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestContext> | undefined>;
const storage = (g[KEY] ??= new AsyncLocalStorage<RequestContext>());

export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

/** The current request's id, or undefined outside a request (the worker, scripts). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
