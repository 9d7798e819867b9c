import { describe, it, expect, beforeEach } from "vitest";
import { db } from "../db/index.ts";
import { claimJob, enqueueJob, ensureScheduled, finishJob } from "./jobs.ts";
import { registerJob } from "./registry.ts";
import { runWorker } from "./loop.ts";

describe("job queue", () => {
  beforeEach(async () => {
    await db.job.deleteMany();
  });

  it("claims due jobs once, oldest first, and never a future one", async () => {
    const now = new Date();
    const later = await enqueueJob("t.a", { n: 3 }, new Date(now.getTime() + 60_000));
    const first = await enqueueJob("t.a", { n: 1 }, new Date(now.getTime() - 2000));
    const second = await enqueueJob("t.a", { n: 2 }, new Date(now.getTime() - 1000));
    expect((await claimJob("w1", now))?.id).toBe(first.id);
    expect((await claimJob("w2", now))?.id).toBe(second.id);
    expect(await claimJob("w3", now)).toBeNull();
    expect((await db.job.findUniqueOrThrow({ where: { id: later.id } })).status).toBe("queued");
  });

  it("hands each job to exactly one of many concurrent claimers", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) ids.add((await enqueueJob("t.b")).id);
    const claimed = (await Promise.all(Array.from({ length: 40 }, (_, i) => claimJob(`w${i}`)))).filter(Boolean).map((j) => j!.id);
    // every claimer got a distinct job, and nothing was claimed twice
    expect(new Set(claimed).size).toBe(claimed.length);
    for (const id of claimed) expect(ids.has(id)).toBe(true);
    const rest: string[] = [];
    for (let j = await claimJob("late"); j; j = await claimJob("late")) rest.push(j.id);
    expect(new Set([...claimed, ...rest])).toEqual(ids);
  });

  it("takes a job again when its worker died (lock expired)", async () => {
    const job = await enqueueJob("t.c");
    const t0 = new Date();
    expect((await claimJob("dead", t0))?.id).toBe(job.id);
    expect(await claimJob("other", new Date(t0.getTime() + 1000))).toBeNull();
    const again = await claimJob("other", new Date(t0.getTime() + 6 * 60_000));
    expect(again).toMatchObject({ id: job.id, attempts: 2 });
  });

  it("records success and failure", async () => {
    const a = await enqueueJob("t.d");
    const b = await enqueueJob("t.d");
    await finishJob(a.id);
    await finishJob(b.id, new Error("boom"));
    expect(await db.job.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "done" });
    expect(await db.job.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "failed", lastError: "boom" });
  });

  it("keeps one queued job of a recurring kind", async () => {
    await ensureScheduled("t.daily", 86_400_000);
    await ensureScheduled("t.daily", 86_400_000);
    expect(await db.job.count({ where: { kind: "t.daily" } })).toBe(1);
  });

  it("the worker loop runs a registered job and stops on abort", async () => {
    const seen: unknown[] = [];
    registerJob("t.echo", async (payload) => {
      seen.push(payload);
    });
    const job = await enqueueJob("t.echo", { hello: "world" });
    const ac = new AbortController();
    const loop = runWorker({ signal: ac.signal, workerId: "test", log: () => {} });
    for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    ac.abort();
    await loop;
    expect(seen).toEqual([{ hello: "world" }]);
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("done");
  });
});
