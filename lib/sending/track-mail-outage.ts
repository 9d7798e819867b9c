// A worker's view of its mail server (one per process: the SMTP pool is per process). After a send fails
// with `unavailable` (refused, dropped, stalled) the worker stops claiming deliveries and waits; when the
// wait is over it lets one message through as a probe. A failed probe doubles the wait (up to maxMs), a
// delivered one ends the outage. Without this, a worker either hung on the dead pool or burnt through every
// queued delivery in milliseconds, each one a failed "attempt".
export type OutageGate = "open" | "wait" | "probe";

export function createOutageTracker() {
  let since: number | null = null;
  let waitMs = 0;
  let retryAt = 0;
  return {
    /** May this worker claim now: freely, not at all, or a single probe message? */
    gate(now: number): OutageGate {
      if (since === null) return "open";
      return now < retryAt ? "wait" : "probe";
    },
    /**
     * Records an `unavailable` failure; returns when to try again. Failures of messages that were already in
     * flight when the outage began share its first wait; a failed probe doubles it.
     */
    failed(opts: { now: number; baseMs: number; maxMs: number; jitter?: number }): { retryAt: number; waitMs: number; news: "began" | "probe failed" | null } {
      let news: "began" | "probe failed" | null;
      if (since === null) {
        since = opts.now;
        waitMs = Math.min(opts.baseMs, opts.maxMs);
        news = "began";
      } else if (opts.now >= retryAt) {
        waitMs = Math.min(waitMs * 2, opts.maxMs);
        news = "probe failed";
      } else {
        return { retryAt, waitMs, news: null };
      }
      // ±20 %, so workers that lost the server together do not all probe at the same moment.
      retryAt = opts.now + Math.round(waitMs * (0.8 + (opts.jitter ?? Math.random()) * 0.4));
      return { retryAt, waitMs, news };
    },
    /** A message went out: the outage (if any) is over. Returns when it began, or null. */
    delivered(): number | null {
      const began = since;
      since = null;
      waitMs = retryAt = 0;
      return began;
    },
  };
}
export type OutageTracker = ReturnType<typeof createOutageTracker>;
