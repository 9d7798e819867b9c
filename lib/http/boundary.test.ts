// The request boundary on its own, with the real database (rate-limit counters) and no Next server:
// problem+json for routes, the cross-site refusal, zod messages, the rate limit, and no internals leaked.
import { describe, it, expect, vi } from "vitest";
import { z } from "zod";

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "vitest" }) }));
const { route, action, fields, text, HttpError } = await import("./boundary.ts");

const post = (body: string, headers: Record<string, string> = {}) =>
  new Request("http://localhost:3000/api/x", { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

describe("route()", () => {
  const echo = route({ access: "public", json: z.object({ email: z.string().email({ message: "Enter an e-mail address." }) }) }, async ({ json }) => Response.json(json));

  it("parses JSON with the schema and answers problem+json naming the field", async () => {
    expect(await (await echo(post(JSON.stringify({ email: "a@example.nl" })))).json()).toEqual({ email: "a@example.nl" });
    const bad = await echo(post(JSON.stringify({ email: "nope" })));
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    expect(await bad.json()).toEqual({
      type: "urn:proofmail:problem:invalid_input", title: "Invalid input", status: 400, detail: "email: Enter an e-mail address.", instance: "/api/x", code: "invalid_input", field: "email",
      errors: [{ field: "email", detail: "Enter an e-mail address." }],
    });
    expect((await echo(post("{"))).status).toBe(400);
    expect((await echo(post("{}", { "content-type": "text/plain" }))).status).toBe(415);
    expect((await echo(post(JSON.stringify({ email: "x".repeat(70_000) })))).status).toBe(413);
  });

  it("refuses a state-changing request from another site's page", async () => {
    const r = await echo(post(JSON.stringify({ email: "a@example.nl" }), { origin: "https://evil.example", "sec-fetch-site": "cross-site" }));
    expect(r.status).toBe(403);
    expect((await r.json()).code).toBe("cross_site");
  });

  it("an unexpected failure is a 500 with a message for people and no internals", async () => {
    const boom = route({ access: "public" }, async () => {
      throw new Error("SQLITE_BUSY at /srv/app/lib/db/index.ts:12");
    });
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const r = await boom(new Request("http://localhost:3000/api/x"));
    spy.mockRestore();
    expect(r.status).toBe(500);
    const body = await r.text();
    expect(body).not.toMatch(/SQLITE|index\.ts|\bat\b/);
    expect(JSON.parse(body).code).toBe("internal");
  });

  it("an api-token route without a token is a 401 with WWW-Authenticate", async () => {
    const r = await route({ access: "api-token" }, async () => new Response("ok"))(post("{}"));
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("rate-limits per client address after the input parsed", async () => {
    const limited = route({ access: "public", rateLimit: { name: `t-${Date.now()}`, points: 2, durationSec: 60 } }, async () => new Response("ok"));
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await limited(new Request("http://localhost:3000/api/x"))).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe("action()", () => {
  type State = { saved?: string; error?: string; field?: string };
  const save = action(
    { access: "public", input: z.tuple([z.unknown(), fields({ name: text(10) })]), invalid: (e): State => ({ error: e.message, field: e.extra.field }) },
    async (_ctx, _prev, form): Promise<State> => ({ saved: form.name }),
  );

  it("hands the parsed form to the handler; a bad field comes back as the form's error state", async () => {
    const f = new FormData();
    f.set("name", "Ada");
    f.set("$ACTION_ID_abc", "");
    expect(await save({}, f)).toEqual({ saved: "Ada" });
    f.set("name", "x".repeat(11));
    expect(await save({}, f)).toEqual({ error: "name: At most 10 characters.", field: "name" });
  });

  it("arguments of the wrong shape are a 400 HttpError, never a TypeError", async () => {
    await expect(save({}, "not a form" as unknown as FormData)).rejects.toMatchObject({ status: 400, code: "invalid_input" });
    const proxy = new Proxy({}, { get: () => { throw new Error("temporary client reference"); } });
    await expect(save({}, proxy as FormData)).rejects.toBeInstanceOf(HttpError);
  });

  it("a staff action without a session is a 401", async () => {
    vi.doMock("../auth/auth.ts", () => ({ auth: async () => null }));
    const admin = action({ access: "settings.manage", input: z.tuple([]) }, async () => "done");
    await expect(admin()).rejects.toMatchObject({ status: 401, code: "unauthenticated" });
  });
});
