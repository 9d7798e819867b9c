// Sign-in does not tell who is staff (issue 15, finding 3): a known and an unknown address get the same
// status, the same page and comparable time; the mail goes out after the response, to staff only.
// Requests come from addresses of their own (127.0.x.y) so the per-address login limit never kicks in.
import http from "node:http";
import { test, expect } from "@playwright/test";
import { e2eEnv } from "./support/env";
import { e2eDb } from "./support/db";
import { mailTo, waitForMail } from "./support/mail";

const run = Math.random().toString(36).slice(2, 8);
// index 0 of each warms the server up and is not timed
const known = Array.from({ length: 11 }, (_, i) => `staff-${i}-${run}@example.org`);
const unknown = Array.from({ length: 11 }, (_, i) => `nobody-${i}-${run}@example.org`);
const port = () => Number(e2eEnv().PORT);

type Answer = { status: number; location: string | undefined; body: string; ms: number };

function send(localAddress: string, method: string, path: string, body?: { type: string; data: Buffer }): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { origin: e2eEnv().APP_URL };
    if (body) Object.assign(headers, { "content-type": body.type, "content-length": body.data.length });
    const req = http.request({ host: "127.0.0.1", port: port(), path, method, localAddress, agent: false, headers }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: text, ms: performance.now() - started }));
    });
    req.on("error", reject);
    req.end(body?.data);
  });
}

/** The login form as a browser without JavaScript posts it: its hidden server-action fields and the address. */
async function postLoginForm(localAddress: string, email: string): Promise<Answer> {
  const page = await send(localAddress, "GET", "/login");
  const form = new FormData();
  for (const m of page.body.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)) {
    form.append(m[1], (m[2] ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
  }
  form.append("email", email);
  const encoded = new Request("http://x/", { method: "POST", body: form });
  return send(localAddress, "POST", "/login", { type: encoded.headers.get("content-type")!, data: Buffer.from(await encoded.arrayBuffer()) });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test.beforeAll(async () => {
  const db = await e2eDb();
  for (const email of known) await db.user.create({ data: { email, role: "editor" } });
});

test("a known and an unknown address get the same status, page and comparable time", async () => {
  const answers: Record<"known" | "unknown", Answer[]> = { known: [], unknown: [] };
  for (let i = 0; i < known.length; i++) {
    answers.known.push(await postLoginForm(`127.0.1.${i + 1}`, known[i]));
    answers.unknown.push(await postLoginForm(`127.0.2.${i + 1}`, unknown[i]));
  }
  for (const a of [...answers.known, ...answers.unknown]) {
    expect(a.status, a.body.slice(0, 300)).toBe(303);
    expect(a.location).toBe("/login/check-email");
  }
  const [k, u] = [median(answers.known.slice(1).map((a) => a.ms)), median(answers.unknown.slice(1).map((a) => a.ms))];
  // each known request is sent right before an unknown one, so the pair shares the machine's load at that
  // moment: the median of the pairs' differences is what a prober would see, without the load's swings
  const paired = median(answers.known.slice(1).map((a, i) => a.ms - answers.unknown[i + 1].ms));
  console.log(`sign-in request, median: known ${k.toFixed(1)} ms, unknown ${u.toFixed(1)} ms, paired difference ${paired.toFixed(1)} ms`);
  // comparable: within 50 ms or half the slower median, whichever is more (the test machine is shared)
  expect(Math.abs(paired)).toBeLessThan(Math.max(50, Math.max(k, u) / 2));

  // the work that differs happens after the answer: staff get their link, strangers nothing
  for (const email of known) await waitForMail(email, (m) => m.subject === "Sign in to Proofmail");
  for (const email of unknown) expect(await mailTo(email)).toEqual([]);
  const db = await e2eDb();
  expect(await db.verificationToken.count({ where: { identifier: { in: unknown } } })).toBe(0);
});

test("without JavaScript, both land on the same page", async ({ browser }) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  const seen: { email: string; status: number; text: string }[] = [];
  for (const email of [`staff-nojs-${run}@example.org`, `nobody-nojs-${run}@example.org`]) {
    if (email.startsWith("staff")) await (await e2eDb()).user.create({ data: { email, role: "editor" } });
    await page.goto("/login");
    await page.getByLabel("Email address").fill(email);
    const [post] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login"),
      page.getByRole("button", { name: "Email me a sign-in link" }).click(),
    ]);
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    seen.push({ email, status: post.status(), text: await page.locator("main").innerText() });
  }
  expect(seen[0].status).toBe(303);
  expect(seen[1].status).toBe(seen[0].status);
  expect(seen[1].text).toBe(seen[0].text);
});

test("Auth.js's own sign-in endpoint is closed: links are asked for through /login only", async () => {
  const r = await send("127.0.3.1", "POST", "/api/auth/signin/email", { type: "application/x-www-form-urlencoded", data: Buffer.from(`email=${encodeURIComponent(known[0])}`) });
  expect(r.status).toBe(404);
});
