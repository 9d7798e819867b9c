// Hostile requests: at least 1,000 generated malformed requests (seeded PRNG, so a failure replays) to
// every public route handler and every public server action — the real forms' fields with wrong types,
// huge values, invalid UTF-8, CR/LF, unknown and missing fields, files for text, undecodable action
// bodies, bad %-encoding in paths. Expected: no 5xx, no stack trace in any body, and nothing written
// (table counts before and after; only the fuzzing address's own rate-limit counters may appear).
// Every request carries a broken token or no valid address, so none of them may succeed.
import http from "node:http";
import { test, expect } from "@playwright/test";
import { e2eEnv } from "./support/env";
import { e2eDb } from "./support/db";
import { harvestForms, siteFixture, tableCounts, type HarvestedForm } from "./support/site-forms";

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const COUNT = Number(process.env.FUZZ_COUNT ?? 1200);
// Its own loopback address: the fuzzer's rate-limit counters are not the other specs' (127.0.0.1).
const FROM = "127.0.0.9";
const APP = new URL(e2eEnv().APP_URL);

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Req = { label: string; method: string; path: string; headers: Record<string, string>; body?: Buffer };

function send(r: Req): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: APP.hostname, port: APP.port, method: r.method, path: r.path, localAddress: FROM, agent: false, headers: { ...r.headers, ...(r.body ? { "content-length": String(r.body.length) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(r.body);
  });
}

test("≥1,000 malformed requests to every public route and server action: no 5xx, no stack traces, nothing written", async ({ browser }) => {
  test.setTimeout(600_000);
  const site = await siteFixture();
  const forms = [...(await harvestForms(browser, site.publicPages)), ...(await harvestForms(browser, site.markedPages, undefined, site.markBrowser))];
  const actions = forms.filter((f): f is HarvestedForm & { actionId: string } => !!f.actionId);
  expect(actions.length).toBeGreaterThanOrEqual(8);
  // Valid tokens in the pages (path segments and field values): every request breaks them.
  const secrets = [...new Set([...site.publicPages, ...site.markedPages].flatMap((p) => p.split("/")).filter((t) => t.length > 20))];
  const poison = (s: string) => secrets.reduce((acc, t) => acc.split(t).join(t.slice(0, -3) + "x~!"), s);

  const rnd = mulberry32(SEED);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const HOSTILE_TEXT = [
    "", " ", "x".repeat(5000), "a\r\nBcc: victim@example.org", "\u0000\u0001\u001f", "😀".repeat(300), "<script>alert(1)</script>",
    "%00%zz", "../../etc/passwd", "-1", "1e309", "NaN", "true", "null", "[]", "{}", "x@example.nl\r\nX-Injected: 1", "\ud800", "' OR 1=1 --",
  ];
  const INVALID_UTF8 = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc]);
  const randomJsonValue = (depth = 0): unknown => {
    switch (int(depth > 2 ? 6 : 9)) {
      case 0: return null;
      case 1: return int(1e9) - 5e8;
      case 2: return rnd() < 0.5;
      case 3: return pick(HOSTILE_TEXT);
      case 4: return 1e308;
      case 5: return { $$typeof: "react.element" };
      case 6: return Array.from({ length: int(4) }, () => randomJsonValue(depth + 1));
      default: return Object.fromEntries(Array.from({ length: int(4) }, (_, i) => [pick(["token", "email", "__proto__", "constructor", `f${i}`]), randomJsonValue(depth + 1)]));
    }
  };
  // A lone surrogate cannot be %-encoded as UTF-8: send the bytes a careless client would (CESU-8).
  const enc = (v: string) => { try { return encodeURIComponent(v); } catch { return "%ED%A0%80"; } };
  const text = (s: string) => Buffer.from(poison(s), "utf8");
  const withInvalidUtf8 = (b: Buffer) => { const at = int(b.length + 1); return Buffer.concat([b.subarray(0, at), INVALID_UTF8, b.subarray(at)]); };

  const mutateFields = (fields: [string, string][]): [string, string | Buffer][] => {
    let out: [string, string | Buffer][] = fields.map(([k, v]) => [k, v]);
    for (let i = 0; i < 1 + int(4); i++) {
      const m = int(7);
      if (m === 0 && out.length) out.splice(int(out.length), 1); // a field missing
      else if (m === 1) out.push([pick(["__proto__", "constructor", "x".repeat(300), "email[]", "$ACTION_ID_deadbeef", "a\r\nb"]), pick(HOSTILE_TEXT)]); // unknown field
      else if (m === 2 && out.length) out[int(out.length)][1] = pick(HOSTILE_TEXT);
      else if (m === 3 && out.length) out[int(out.length)][1] = INVALID_UTF8;
      else if (m === 4 && out.length) { const f = out[int(out.length)]; out.push([f[0], pick(HOSTILE_TEXT)]); } // a field twice
      else if (m === 5 && out.length) out[int(out.length)][1] = "y".repeat(20_000 + int(200_000));
      else if (m === 6) out = out.map(([k, v]) => [k, typeof v === "string" && rnd() < 0.3 ? v + "\r\n" : v]);
    }
    return out;
  };
  const multipart = (fields: [string, string | Buffer][], file = false): { type: string; body: Buffer } => {
    const b = `----fuzz${int(1e9)}`;
    const parts: Buffer[] = [];
    for (const [k, v] of fields) {
      const asFile = file && rnd() < 0.3;
      parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k.replace(/"/g, "")}"${asFile ? '; filename="x.csv"\r\nContent-Type: text/csv' : ""}\r\n\r\n`));
      parts.push(typeof v === "string" ? text(v) : v, Buffer.from("\r\n"));
    }
    if (rnd() < 0.15) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="broken`)); // cut off mid-part
    else parts.push(Buffer.from(`--${b}--\r\n`));
    return { type: `multipart/form-data; boundary=${b}`, body: Buffer.concat(parts) };
  };
  const urlencoded = (fields: [string, string | Buffer][]) =>
    Buffer.concat(fields.flatMap(([k, v], i) => [Buffer.from(`${i ? "&" : ""}${enc(k)}=`), typeof v === "string" ? Buffer.from(enc(poison(v))) : v]));
  const badPath = (p: string) => {
    const segs = p.split("/");
    const at = 1 + int(Math.max(1, segs.length - 1));
    segs[at] = (segs[at] ?? "") + pick(["%", "%zz", "%E0%A4%A", "%C3%28", "%FF%FE", "%ED%A0%80", "%c0%af"]);
    return segs.join("/");
  };

  const routeTargets: (() => Req)[] = [
    () => {
      const k = int(6);
      const headers: Record<string, string> = { "content-type": pick(["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "application/xml"]) };
      const obj = { formVersionId: pick(["forged", "", "c".repeat(25), 42, null]), email: pick(HOSTILE_TEXT), newsletterIds: randomJsonValue(), name: randomJsonValue(), unknown: randomJsonValue() };
      const body = k === 0 ? text(JSON.stringify(obj)) : k === 1 ? withInvalidUtf8(text(JSON.stringify(obj))) : k === 2 ? text("{not json" + pick(HOSTILE_TEXT))
        : k === 3 ? Buffer.alloc(33 * 1024 + int(1024 * 1024), 0x7b) : k === 4 ? urlencoded(mutateFields([["formVersionId", "forged"], ["email", pick(HOSTILE_TEXT)], ["newsletter", "x"]])) : text(JSON.stringify(randomJsonValue()));
      return { label: "POST /api/subscribe", method: "POST", path: "/api/subscribe", headers, body };
    },
    () => ({ label: "POST /u/:token", method: "POST", path: `/u/${poison(secrets[0] ?? "t")}${pick(["", "x", "%2F..", "/../x"])}`, headers: { "content-type": pick(["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"]) }, body: rnd() < 0.5 ? text("List-Unsubscribe=One-Click" + pick(HOSTILE_TEXT)) : withInvalidUtf8(text("List-Unsubscribe=")) }),
    () => ({ label: "GET /u/:token", method: "GET", path: `/u/${enc(pick(HOSTILE_TEXT)) || "x"}`, headers: {} }),
    () => ({ label: "GET /p/:token/export", method: "GET", path: `/p/${enc(poison(pick([...secrets, ...HOSTILE_TEXT])) || "x")}/export`, headers: {} }),
    () => ({ label: "GET /api/health", method: pick(["GET", "POST", "PUT", "DELETE"]), path: `/api/health${pick(["", "?x=%zz", "?" + "a=1&".repeat(500)])}`, headers: {}, body: rnd() < 0.5 ? text(pick(HOSTILE_TEXT)) : undefined }),
    () => ({
      label: "POST /api/v1/purchases", method: "POST", path: "/api/v1/purchases",
      headers: { authorization: pick(["", "Bearer", "Bearer x", `Bearer pm_${"a".repeat(43)}`, "Basic YTpi", "Bearer " + "z".repeat(300), "Bearer a\tb"]), "content-type": pick(["application/json", "text/plain"]) },
      body: rnd() < 0.8 ? text(JSON.stringify(randomJsonValue())) : withInvalidUtf8(Buffer.from("{")),
    }),
    () => ({ label: "/api/auth/*", method: pick(["GET", "POST"]), path: `/api/auth/${pick(["signin", "signin/email", "callback/email", "session", "csrf", "signout", "providers", "nope", "callback/email?token=x&email=%zz", "callback/email?token=" + "a".repeat(5000)])}`, headers: { "content-type": "application/x-www-form-urlencoded" }, body: rnd() < 0.5 ? urlencoded(mutateFields([["csrfToken", "x"], ["email", "a@b"]])) : undefined }),
  ];

  const actionTargets: (() => Req)[] = actions.flatMap((f) => {
    const path = new URL(f.action).pathname;
    const pagePath = poison(path);
    return [
      // the no-JavaScript form post, mutated
      () => {
        const fields = mutateFields(f.fields);
        const asMultipart = rnd() < 0.7;
        const mp = multipart(fields, true);
        return { label: `form ${f.page.split("/")[1]}`, method: "POST", path: pagePath, headers: { "content-type": asMultipart ? mp.type : "application/x-www-form-urlencoded" }, body: asMultipart ? mp.body : urlencoded(fields) };
      },
      // Next's fetch call, with the action id and arguments of any type
      () => {
        const k = int(5);
        const args = Array.from({ length: int(4) }, () => randomJsonValue());
        const body = k === 0 ? text(JSON.stringify(args)) : k === 1 ? text(pick(["[", "{", "\"$K1\"", "[\"$T\"]", "[\"$@1\"]", "[\"$Q1\"]", "[\"$F1\"]", "[\"$n1\"]"]))
          : k === 2 ? withInvalidUtf8(text("[\"")) : k === 3 ? multipart(mutateFields(f.fields)).body : text(JSON.stringify([randomJsonValue(), pick(HOSTILE_TEXT)]));
        const type = k === 3 ? `multipart/form-data; boundary=x` : "text/plain;charset=UTF-8";
        return { label: `action ${f.page.split("/")[1]}`, method: "POST", path: pagePath, headers: { "next-action": rnd() < 0.9 ? f.actionId : pick(["", "x", "0".repeat(42), f.actionId + "0"]), "content-type": type, accept: "text/x-component" }, body };
      },
    ];
  });

  const db = await e2eDb();
  const jobsBefore = await db.job.findMany({ select: { id: true, kind: true } });
  const before = await tableCounts();
  const failures: string[] = [];
  const byLabel = new Map<string, Map<number, number>>();
  const all = [...routeTargets, ...actionTargets];
  const requests: Req[] = Array.from({ length: COUNT }, () => {
    const r = rnd() < 0.5 ? pick(actionTargets)() : pick(routeTargets)();
    return rnd() < 0.06 ? { ...r, label: `${r.label} (bad %)`, path: badPath(r.path) } : r;
  });
  expect(all.length).toBeGreaterThan(10);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const r = requests[next++];
      const res = await send(r);
      const counts = byLabel.get(r.label) ?? new Map<number, number>();
      counts.set(res.status, (counts.get(res.status) ?? 0) + 1);
      byLabel.set(r.label, counts);
      if (res.status >= 500) failures.push(`${res.status} ${r.method} ${r.path.slice(0, 120)} [${r.label}] ${res.body.slice(0, 200)}`);
      if (/\n\s+at .+:\d+:\d+|node_modules\/|webpack-internal|\.tsx?:\d+:\d+/.test(res.body)) failures.push(`stack trace: ${r.method} ${r.path.slice(0, 120)} [${r.label}] ${res.body.slice(0, 300)}`);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  console.log(`hostile requests: ${requests.length} (seed ${SEED})\n` + [...byLabel].map(([l, c]) => `  ${l}: ${[...c].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(" ")}`).join("\n"));
  expect(failures, failures.slice(0, 20).join("\n")).toEqual([]);

  const after = await tableCounts();
  // The fuzzing address's own counters (keyed hashes of 127.0.0.9 and of the tokens it tried) are the
  // only rows a malformed request may leave; everything else is unchanged.
  // The embedded worker re-queues its recurring jobs (pruning, the daily purge) while the fuzzer runs:
  // new Job rows must all be of a kind that was already queued before, never one a request started.
  const { RateLimit: limitsBefore = 0, Job: _jb, ...restBefore } = before;
  const { RateLimit: limitsAfter = 0, Job: _ja, ...restAfter } = after;
  expect(restAfter).toEqual(restBefore);
  expect(limitsAfter - limitsBefore).toBeLessThanOrEqual(3);
  const known = new Set(jobsBefore.map((j) => j.id));
  const recurring = new Set(jobsBefore.map((j) => j.kind));
  const newJobs = (await db.job.findMany({ select: { id: true, kind: true } })).filter((j) => !known.has(j.id));
  expect(newJobs.filter((j) => !recurring.has(j.kind))).toEqual([]);
});
