// The operator's endpoints on the real server (scripts/serve.ts): a request id on every answer, liveness
// and readiness probes, and /metrics hidden while METRICS_TOKEN is unset.
import { test, expect } from "@playwright/test";

test("every answer carries its own X-Request-Id; a client's id is not taken", async ({ request }) => {
  const a = await request.get("/api/health/live", { headers: { "X-Request-Id": "chosen-by-client" } });
  const b = await request.get("/");
  expect(a.headers()["x-request-id"]).toMatch(/^[0-9a-f]{16}$/);
  expect(b.headers()["x-request-id"]).toMatch(/^[0-9a-f]{16}$/);
  expect(a.headers()["x-request-id"]).not.toBe(b.headers()["x-request-id"]);
});

test("liveness and readiness probes", async ({ request }) => {
  const live = await request.get("/api/health/live");
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: "ok" });
  const ready = await request.get("/api/health/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ status: "ready", database: { ok: true }, migrations: { ok: true, pending: [] } });
});

test("/metrics does not exist without METRICS_TOKEN", async ({ request }) => {
  expect((await request.get("/metrics", { headers: { authorization: "Bearer anything-at-all-0123456789" } })).status()).toBe(404);
});
