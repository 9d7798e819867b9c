// The status a server action's failure should be answered with. Next.js answers every error thrown in a
// server action with 500; a wrong argument type or a refused caller is the client's fault (4xx). The
// boundary records the HttpError's status here and our web server (lib/server/create-web-server.ts)
// writes it instead of Next's 500. Kept on globalThis: the server and the app bundle load this module
// separately but must share one store.
import { AsyncLocalStorage } from "node:async_hooks";

type Outcome = { ran?: boolean; status?: number };
const KEY = Symbol.for("proofmail.request-outcome");
const g = globalThis as unknown as Record<symbol, AsyncLocalStorage<Outcome> | undefined>;
const store = (g[KEY] ??= new AsyncLocalStorage<Outcome>());

export function runWithOutcome<T>(fn: () => T): { outcome: Outcome; result: T } {
  const outcome: Outcome = {};
  return { outcome, result: store.run(outcome, fn) };
}

/** Called by the action boundary on entry: a 500 after this is not a body Next could not decode. */
export function recordActionRan(): void {
  const o = store.getStore();
  if (o) o.ran = true;
}

/** Called by the action boundary when it refuses a request; a no-op outside our web server. */
export function recordFailureStatus(status: number): void {
  const o = store.getStore();
  if (o) o.status = status;
}
