// HTTP security headers and staff sessions (issue 15, Deliver 4 and finding 9), in Chromium against the
// built app: the headers on admin, token and signup pages; the pages still work under the nonce CSP with
// no violation reported; signup pages can be embedded by another site, admin and token pages cannot;
// /api/auth/session never shows the session token; "sign out everywhere" ends other browsers' sessions.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { test, expect, type Browser, type Page } from "@playwright/test";
import { adminState, signInByMagicLink } from "./support/staff";
import { e2eDb, e2eFixtures, ensureOrganisation } from "./support/db";
import { firstLink, waitForMail } from "./support/mail";
import { composeIssue } from "./support/issues";

const uid = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
const CONFIRM_LINK = /https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+/;
const csp = (value: string | undefined) => Object.fromEntries((value ?? "").split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));

/** Collects CSP violations (the DOM event, in every frame) and the console's "Refused to …" lines. */
async function watchCsp(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction("__cspViolation", (v: string) => seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI} on ${location.href}`));
  });
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) seen.push(m.text()); });
  return seen;
}

/** A published form the way the admin publishes one (the fixture's version has no renderable definition). */
async function signupForm() {
  await ensureOrganisation();
  const { createNewsletterWithForm } = await e2eFixtures();
  const id = uid();
  const n = await createNewsletterWithForm({ name: `Headers ${id}` });
  const { createForm } = await import("../lib/consent/create-form.ts");
  const { publishFormVersion } = await import("../lib/consent/publish-form-version.ts");
  const created = await createForm({ actor: "system", input: { slug: `headers-${id}`, name: `Headers ${id}`, language: "nl", newsletterIds: [n.newsletter.id] } });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const published = await publishFormVersion({ formId: created.id, actor: "system" });
  if (!published.ok) throw new Error(JSON.stringify(published.violations));
  return { slug: `headers-${id}`, newsletter: n.newsletter };
}

/** Signs up on the form page (JavaScript on) and returns the confirmation link from the mail. */
async function signUp(page: Page, slug: string, newsletterName: string): Promise<string> {
  const email = `headers-${uid()}@example.nl`;
  await page.goto(`/f/${slug}`);
  await page.getByRole("checkbox", { name: newsletterName }).check();
  await page.getByLabel("E-mailadres (verplicht)").fill(email);
  // the scripts ran under the CSP: React hydrated the form
  await expect.poll(() => page.evaluate(() => Object.keys(document.querySelector("form")!).some((k) => k.startsWith("__reactFiber")))).toBe(true);
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page.getByRole("heading", { name: "Kijk in je e-mail" })).toBeVisible();
  return firstLink(await waitForMail(email, (m) => (m.subject ?? "").startsWith("Bevestig je aanmelding")), CONFIRM_LINK);
}

test.describe("security headers", () => {
  test("admin, token and signup pages, API and static files carry the headers for their kind", async ({ browser, request }) => {
    const { slug } = await signupForm();
    const admin = await (await browser.newContext({ storageState: adminState() })).newPage();
    const res = await admin.goto("/admin");
    const h = res!.headers();
    const d = csp(h["content-security-policy"]);
    const nonce = /'nonce-([^']+)'/.exec(d["script-src"])?.[1];
    expect(nonce, d["script-src"]).toBeTruthy();
    expect(d["script-src"]).toContain("'strict-dynamic'");
    expect(d["script-src"]).not.toContain("unsafe");
    expect(d["object-src"]).toBe("'none'");
    expect(d["frame-ancestors"]).toBe("'none'");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["strict-transport-security"]).toBeUndefined(); // APP_URL is http:// here (unit tests cover https)
    // every script of the page carries this request's nonce, and the next request gets another one
    const html = await res!.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
    const again = csp((await request.get("/login")).headers()["content-security-policy"]);
    expect(again["script-src"]).not.toContain(nonce!);

    for (const path of ["/confirm/not-a-real-token", "/unsubscribe/not-a-real-token", "/r/not-a-real-token", "/setup/not-a-real-token", "/u/x"]) {
      const t = (await request.get(path, { maxRedirects: 0 })).headers();
      expect(csp(t["content-security-policy"])["frame-ancestors"], path).toBe("'none'");
      expect(t["x-frame-options"], path).toBe("DENY");
      expect(t["referrer-policy"], path).toBe("same-origin");
    }

    for (const path of [`/f/${slug}`, `/f/${slug}/thanks`]) {
      const f = (await request.get(path)).headers();
      expect(csp(f["content-security-policy"])["frame-ancestors"], path).toBe("*"); // FRAME_ANCESTORS unset
      expect(f["x-frame-options"], path).toBeUndefined();
      expect(f["x-content-type-options"]).toBe("nosniff");
    }

    const api = (await request.get("/api/health")).headers();
    expect(api["x-content-type-options"]).toBe("nosniff");
    expect(csp(api["content-security-policy"])["frame-ancestors"]).toBe("'none'");
    const asset = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1];
    expect((await request.get(asset)).headers()["x-content-type-options"]).toBe("nosniff");
  });

  test("signup, confirm and the admin's compose and preview work under the CSP, with no violation", async ({ browser }) => {
    const { slug, newsletter } = await signupForm();
    const visitor = await (await browser.newContext()).newPage();
    const visitorViolations = await watchCsp(visitor);
    const link = await signUp(visitor, slug, newsletter.name);
    await visitor.goto(link);
    await visitor.getByRole("button", { name: "Bevestigen" }).click();
    await expect(visitor.getByRole("heading", { name: "Je bent aangemeld" })).toBeVisible();
    expect(visitorViolations).toEqual([]);

    const admin = await (await browser.newContext({ storageState: adminState() })).newPage();
    const adminViolations = await watchCsp(admin);
    await composeIssue(admin, newsletter.name, `CSP ${uid()}`, "# Hallo\n\nEen **tekst** met een [link](https://example.org) en ![logo](https://example.org/logo.png).");
    await expect(admin.getByTestId("preview-subject")).toHaveText(/^CSP /); // the preview came back through fetch
    await expect(admin.frameLocator('iframe[title="HTML preview"]').getByText("Hallo")).toBeVisible();
    await admin.getByRole("button", { name: "Save", exact: true }).click();
    await expect(admin.getByText(/^Saved\./).first()).toBeVisible();
    await admin.reload();
    await admin.waitForLoadState("networkidle");
    await admin.goto("/admin/users");
    await admin.goto("/admin");
    await admin.waitForLoadState("networkidle");
    expect(adminViolations).toEqual([]);
  });

  test("another site can embed a signup form, not the admin or a token page", async ({ browser }) => {
    const { slug } = await signupForm();
    const app = new URL(test.info().project.use.baseURL!).origin;
    // another site: a real server of its own, reached as localhost (a loopback address, so Chromium's
    // local-network checks allow its frames of 127.0.0.1)
    const shop = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<!doctype html><title>shop</title>
        <iframe name="form" src="${app}/f/${slug}"></iframe>
        <iframe name="admin" src="${app}/admin"></iframe>
        <iframe name="token" src="${app}/confirm/not-a-real-token"></iframe>`);
    });
    await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
    try {
      const page = await (await browser.newContext({ storageState: adminState() })).newPage();
      await page.goto(`http://localhost:${(shop.address() as AddressInfo).port}/`);
      await expect(page.frameLocator('iframe[name="form"]').getByRole("button", { name: "Aanmelden" })).toBeVisible();
      for (const name of ["admin", "token"]) {
        // a refused frame is left with Chromium's error page instead of ours
        await expect.poll(() => page.frame({ name })?.url(), name).toBe("chrome-error://chromewebdata/");
      }
    } finally {
      shop.close();
    }
  });
});

test.describe("staff sessions", () => {
  async function staffIn(browser: Browser, email: string) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInByMagicLink(page, email);
    await expect(page.getByTestId("staff")).toContainText(email);
    return { context, page };
  }

  test("the cookie is HttpOnly and SameSite=Lax, the database keeps only its hash, /api/auth/session never shows it", async ({ browser }) => {
    const db = await e2eDb();
    const email = `cookie-${uid()}@example.org`;
    await db.user.create({ data: { email, role: "editor" } });
    const { context, page } = await staffIn(browser, email);
    const cookie = (await context.cookies()).find((c) => c.name === "authjs.session-token")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false }); // secure on https: unit test
    const rows = await db.session.findMany({ where: { user: { email } } });
    expect(rows.map((r) => r.tokenHash)).toEqual([sha256(cookie.value)]);
    expect(JSON.stringify(rows)).not.toContain(cookie.value);

    const res = await page.request.get("/api/auth/session");
    const body = await res.text();
    expect(body).not.toContain(cookie.value);
    expect(body).not.toContain(sha256(cookie.value));
    const json = JSON.parse(body);
    expect(Object.keys(json).sort()).toEqual(["expires", "user"]);
    expect(json.user).toMatchObject({ email, role: "editor" });
  });

  test("sign out everywhere in one browser ends the session in another; an admin can do it for a user", async ({ browser }) => {
    const db = await e2eDb();
    const email = `everywhere-${uid()}@example.org`;
    const user = await db.user.create({ data: { email, role: "editor" } });
    const a = await staffIn(browser, email);
    const b = await staffIn(browser, email);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(2);

    await a.page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(a.page).toHaveURL(/\/login/);
    await b.page.goto("/admin");
    await expect(b.page).toHaveURL(/\/login/);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "sessions.revoke-own", target: user.id, actorId: user.id } })).toBe(1);

    // an admin, from the users page
    const c = await staffIn(browser, email);
    const admin = await (await browser.newContext({ storageState: adminState() })).newPage();
    await admin.goto("/admin/users");
    await expect(admin.getByTestId(`user-${email}`).getByTestId("sessions")).toHaveText("1");
    await admin.getByRole("button", { name: `Sign ${email} out everywhere` }).click();
    await expect(admin.getByText("Signed out everywhere (1 session ended).")).toBeVisible();
    await c.page.goto("/admin");
    await expect(c.page).toHaveURL(/\/login/);
    expect(await db.auditLog.count({ where: { action: "sessions.revoke", target: user.id } })).toBe(1);
    // the admin's own session is untouched
    await admin.goto("/admin");
    await expect(admin.getByTestId("staff")).toBeVisible();
  });
});
