import { describe, it, expect } from "vitest";
import { createOutageTracker } from "./track-mail-outage.ts";

const fail = (t: ReturnType<typeof createOutageTracker>, now: number) => t.failed({ now, baseMs: 1000, maxMs: 5000, jitter: 0.5 });

describe("mail outage tracker", () => {
  it("open until a failure; then waits, probes, doubles the wait up to the cap, and ends on a delivery", () => {
    const t = createOutageTracker();
    expect(t.gate(0)).toBe("open");
    expect(fail(t, 0)).toEqual({ retryAt: 1000, waitMs: 1000, news: "began" });
    // messages already in flight fail too: same outage, same wait
    expect(fail(t, 10)).toEqual({ retryAt: 1000, waitMs: 1000, news: null });
    expect(t.gate(999)).toBe("wait");
    expect(t.gate(1000)).toBe("probe");
    const waits = [1000, 3000, 7000, 12000, 17000].map((now) => fail(t, now));
    expect(waits.map((w) => [w.waitMs, w.news])).toEqual([[2000, "probe failed"], [4000, "probe failed"], [5000, "probe failed"], [5000, "probe failed"], [5000, "probe failed"]]);
    expect(t.gate(21999)).toBe("wait");
    expect(t.gate(22000)).toBe("probe");
    expect(t.delivered()).toBe(0);
    expect(t.gate(22000)).toBe("open");
    expect(t.delivered()).toBeNull();
    // a new outage starts from the base wait again
    expect(fail(t, 30000).waitMs).toBe(1000);
  });

  it("spreads probes by ±20 %", () => {
    const at = (jitter: number) => createOutageTracker().failed({ now: 0, baseMs: 1000, maxMs: 5000, jitter }).retryAt;
    expect([at(0), at(0.5), at(1)]).toEqual([800, 1000, 1200]);
  });
});
