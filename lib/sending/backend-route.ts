// Which sending backends one batch may use, and through which one the next message goes. A send names its
// backend (tier 0) and, with failover, may fall back to the others (tier 1); a send that names none uses
// every backend (all tier 0), each within its own limits. Each backend's messages are spaced to its
// per-second share, at most `left` messages go through it in this batch (its per-hour share), a backend that
// only allows a probe takes one message, and one that failed in this batch takes no more.
export type RouteEntry = {
  name: string;
  tier: 0 | 1;
  /** ms between this worker's messages through it (its per-second limit shared among the workers); 0 = no limit. */
  intervalMs: number;
  /** messages it may still take in this batch; Infinity = no per-hour limit */
  left: number;
  /** its mail server failed earlier: one message tries it again */
  probe: boolean;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createRoute(entries: RouteEntry[]) {
  const state = entries.map((e) => ({ ...e, next: 0, last: -Infinity, down: false }));
  const usableNow = () => state.filter((b) => !b.down && b.left > 0);
  return {
    names: () => state.map((b) => b.name),
    /** At most this many messages fit in a batch that must end within `ms`. */
    capacity(ms: number): number {
      const usable = usableNow();
      const tier = Math.min(...usable.map((b) => b.tier));
      const first = usable.filter((b) => b.tier === tier);
      if (first.some((b) => b.intervalMs === 0 && b.left === Infinity)) return Infinity;
      return first.reduce((n, b) => n + Math.min(b.left, b.intervalMs ? Math.floor(ms / b.intervalMs) : Infinity), 0);
    },
    usable: () => usableNow().length > 0,
    /** The backend of the next message, after waiting for its slot; null when none may take one. */
    async acquire(): Promise<string | null> {
      const usable = usableNow();
      if (!usable.length) return null;
      const tier = Math.min(...usable.map((b) => b.tier));
      let pick = usable.find((b) => b.tier === tier)!;
      for (const b of usable) if (b.tier === tier && b.next < pick.next) pick = b;
      const now = Date.now();
      const at = Math.max(now, pick.next);
      // Reserved at once, so concurrent lanes take consecutive slots…
      pick.next = at + pick.intervalMs;
      pick.left -= 1;
      if (pick.probe) pick.left = 0;
      if (at > now) await sleep(at - now);
      // …and a lane whose timer fired late never starts within one interval of the previous real start,
      // so late lanes cannot bunch up and exceed the limit in any one second.
      while (pick.intervalMs && Date.now() < pick.last + pick.intervalMs) await sleep(pick.last + pick.intervalMs - Date.now());
      pick.last = Date.now();
      pick.next = Math.max(pick.next, pick.last + pick.intervalMs);
      return pick.name;
    },
    /** A message acquired for it was not sent after all. */
    giveBack(name: string) {
      const b = state.find((x) => x.name === name);
      if (b && !b.probe) b.left += 1;
    },
    /** Its mail server is unavailable: no more messages through it in this batch. */
    down(name: string) {
      const b = state.find((x) => x.name === name);
      if (b) b.down = true;
    },
  };
}
export type Route = ReturnType<typeof createRoute>;
