// Embedded forms (issue 13 D7), in Chromium without JavaScript against the built app, with the admin's
// embed snippet pasted on a real page of another site (its own server, reached as localhost while the
// app is 127.0.0.1). A failed post lands on our page styled as the form, in the form's language, with the
// message and every typed value, and can be sent again in place. After the admin publishes a changed
// text, the old snippet's post records nothing and shows the current text, nothing ticked.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { test, expect, type Browser, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { adminState } from "./support/staff";
import { e2eDb, e2eFixtures, ensureOrganisation } from "./support/db";

const uid = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const run = uid();
const slug = `embed-${run}`;
let formId: string;
let newsletterName: string;
let shop: http.Server;
let shopUrl: string;
let snippet = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await ensureOrganisation();
  const { createNewsletterWithForm } = await e2eFixtures();
  const n = await createNewsletterWithForm({ name: `Bike news ${run}`, language: "en" });
  newsletterName = n.newsletter.name;
  const { createForm } = await import("../lib/consent/create-form.ts");
  const { publishFormVersion } = await import("../lib/consent/publish-form-version.ts");
  const created = await createForm({ actor: "system", input: { slug, name: `Embed ${run}`, language: "en", newsletterIds: [n.newsletter.id] } });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  formId = created.id;
  const published = await publishFormVersion({ formId, actor: "system", source: "draft" });
  if (!published.ok) throw new Error(JSON.stringify(published.violations));
  // the other site: serves whatever snippet the admin copied, as it was copied
  shop = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><head><title>Bike shop</title></head><body><h1>Bike shop</h1>${snippet}</body></html>`);
  });
  await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
  shopUrl = `http://localhost:${(shop.address() as AddressInfo).port}/`;
});

test.afterAll(() => new Promise<void>((resolve) => (shop ? shop.close(() => resolve()) : resolve())));

async function copySnippet(browser: Browser) {
  const context = await browser.newContext({ storageState: adminState() });
  const page = await context.newPage();
  await page.goto(`/admin/forms/${formId}`);
  snippet = await page.getByRole("textbox", { name: "Embed snippet" }).inputValue();
  expect(snippet).toContain('name="formVersionId"');
  await context.close();
}

async function visitor(browser: Browser): Promise<Page> {
  return (await browser.newContext({ javaScriptEnabled: false })).newPage();
}

test("a failed post from the embed shows our page, styled as the form, with the typed values; resending there works", async ({ browser }) => {
  await copySnippet(browser);
  const page = await visitor(browser);
  await page.goto(shopUrl);
  const email = `embed-fail-${run}@example.org`;
  await page.getByLabel("E-mail address (required)").fill(email);
  await page.getByLabel(/^Name/).fill("Eva Embed");
  // no box ticked: our answer, not the shop's page
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page).toHaveURL(new RegExp(`/f/${slug}/embed$`));
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByText("Your signup did not go through.")).toBeVisible();
  await expect(page.getByRole("alert")).toHaveText("Tick at least one newsletter.");
  await expect(page.getByLabel("E-mail address (required)")).toHaveValue(email);
  await expect(page.getByLabel(/^Name/)).toHaveValue("Eva Embed");
  // the form page's own layout (the same shell and form as /f/<slug>)
  await expect(page.locator("main form [data-form-text]")).toBeVisible();
  expect(await (await e2eDb()).subscriber.count({ where: { email } })).toBe(0);

  await page.getByRole("checkbox", { name: newsletterName }).check();
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
  await expect.poll(async () => (await e2eDb()).subscription.count({ where: { subscriber: { email } } })).toBe(1);

  // with the message and the notice, the page passes axe too (e2e/a11y.spec.ts sees it without them; axe needs JavaScript)
  const withJs = await (await browser.newContext()).newPage();
  await withJs.goto(shopUrl);
  await withJs.getByLabel("E-mail address (required)").fill(`embed-axe-${run}@example.org`);
  await withJs.getByRole("button", { name: "Subscribe" }).click();
  await expect(withJs.locator("#signup-error")).toHaveText("Tick at least one newsletter.");
  expect((await new AxeBuilder({ page: withJs }).analyze()).violations).toEqual([]);
});

test("after the admin publishes a changed text, the old embed says the form was updated and records nothing", async ({ browser, request }) => {
  await copySnippet(browser);
  const oldVersionId = snippet.match(/name="formVersionId" value="([^"]+)"/)![1];
  const newsletterId = snippet.match(/name="newsletter" value="([^"]+)"/)![1];
  const admin = await (await browser.newContext({ storageState: adminState() })).newPage();
  await admin.goto(`/admin/forms/${formId}`);
  await expect(admin.locator("form[data-ready=true]")).toBeVisible();
  await admin.getByLabel(/^Introduction/).fill("Now every week, with route tips.");
  await admin.getByRole("button", { name: "Save and publish" }).click();
  await expect(admin.getByText(/Published as version \d+\./)).toBeVisible();

  const page = await visitor(browser);
  await page.goto(shopUrl); // still the snippet copied before the change
  await expect(page.getByText("Now every week, with route tips.")).toHaveCount(0);
  const email = `embed-old-${run}@example.org`;
  await page.getByLabel("E-mail address (required)").fill(email);
  await page.getByLabel(/^Name/).fill("Otto Old");
  await page.getByRole("checkbox", { name: newsletterName }).check();
  await page.getByRole("button", { name: "Subscribe" }).click();

  await expect(page).toHaveURL(new RegExp(`/f/${slug}/embed$`));
  await expect(page.getByRole("alert")).toHaveText("This form was updated after you saw it. Read the new text and tick again what you want to subscribe to.");
  await expect(page.getByText("What you typed is still filled in, but no box is ticked")).toBeVisible();
  await expect(page.getByText("Now every week, with route tips.")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: newsletterName })).not.toBeChecked();
  await expect(page.getByLabel("E-mail address (required)")).toHaveValue(email);
  await expect(page.getByLabel(/^Name/)).toHaveValue("Otto Old");
  const db = await e2eDb();
  expect(await db.subscriber.count({ where: { email } })).toBe(0);
  // the JSON API answers the same post with a problem naming the case
  const api = await request.post("/api/subscribe", { data: { formVersionId: oldVersionId, email, newsletterIds: [newsletterId] } });
  expect(api.status()).toBe(409);
  expect(api.headers()["content-type"]).toContain("application/problem+json");
  expect(await api.json()).toMatchObject({ status: 409, code: "form_updated", detail: "This form was updated after you saw it. Read the new text and tick again what you want to subscribe to." });
  expect(await db.subscriber.count({ where: { email } })).toBe(0);

  await page.getByRole("checkbox", { name: newsletterName }).check();
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
  const form = await db.form.findUniqueOrThrow({ where: { id: formId } });
  await expect.poll(async () => (await db.subscription.findFirst({ where: { subscriber: { email } } }))?.formVersionId).toBe(form.currentVersionId);
});
