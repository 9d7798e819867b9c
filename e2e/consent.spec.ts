// Consent capture acceptance (issue 3): an admin makes two newsletters and a two-box form through the UI;
// a visitor signs up for A only; the confirmation mail (real SMTP) names only A; a GET of its link
// changes nothing; the Confirm button confirms A only; the stored consent points to a FormVersion whose
// hash is the sha256 of the text the page showed. Plus /n/[newsletter], /api/subscribe and no-JS use.
import { test, expect, type Browser, type Page } from "@playwright/test";
import { createHash } from "node:crypto";
import { adminState } from "./support/staff";
import { firstLink, mailTo, waitForMail } from "./support/mail";
import { e2eDb } from "./support/db";

const run = Math.random().toString(36).slice(2, 8);
const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
const CONFIRM_LINK = /https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+/;

/** The form text exactly as the page shows it: the [data-form-line] elements, in order, one per line. */
const shownText = (page: Page) => page.locator("[data-form-line]").evaluateAll((els) => els.map((e) => e.textContent ?? "").join("\n"));

async function visitor(browser: Browser, javaScriptEnabled = true) {
  return (await browser.newContext({ javaScriptEnabled })).newPage();
}

test.describe.configure({ mode: "serial" });

test.describe("consent capture", () => {
  test.use({ storageState: adminState() });
  const A = { name: `Fietsnieuws ${run}`, slug: `fiets-${run}` };
  const B = { name: `Wandelnieuws ${run}`, slug: `wandel-${run}` };
  const formSlug = `aanmelden-${run}`;

  test("admin sets up two newsletters and a two-box form; a failing form is not published", async ({ page }) => {
    await page.goto("/admin/settings");
    await page.getByLabel("Organisation name (the controller)").fill("Fietsbond E2E");
    await page.getByLabel("Postal address").fill("Dorpsstraat 1, Utrecht");
    await page.getByLabel("Contact e-mail for privacy questions").fill("privacy@fietsbond.example");
    await page.getByLabel("Privacy statement link").fill("https://fietsbond.example/privacy");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText(/^Saved\./)).toBeVisible();

    for (const n of [A, B]) {
      await page.goto("/admin/newsletters/new");
      await page.getByLabel("Name", { exact: true }).first().fill(n.name);
      await page.getByLabel(/^Slug/).fill(n.slug);
      await page.getByLabel(/^Description/).first().fill(`Alles over ${n.name}.`);
      await page.getByLabel("Frequency (optional, e.g. monthly)").fill("maandelijks");
      await page.getByLabel("Sender name").first().fill("Fietsbond");
      await page.getByLabel("Sender e-mail").fill("nieuws@fietsbond.example");
      await page.getByRole("button", { name: "Create newsletter" }).click();
      await expect(page).toHaveURL(/\/admin\/newsletters\/(?!new$)[a-z0-9]+$/);
      await expect(page.getByRole("heading", { name: n.name })).toBeVisible();
    }

    await page.goto("/admin/forms/new");
    await page.getByLabel("Form name (for admins)").fill(`Aanmelden ${run}`);
    await page.getByLabel(/^Slug/).fill(formSlug);
    await page.getByLabel(A.name).check();
    await page.getByLabel(B.name).check();
    await page.getByRole("button", { name: "Create form" }).click();
    await expect(page).toHaveURL(/\/admin\/forms\/[a-z0-9]+$/);
    await expect(page.locator("form[data-ready=true]")).toBeVisible(); // hydrated, so hydration cannot undo the clicks below

    // lintForm refuses a form without a box; each violation names its rule
    await page.getByLabel(A.name).uncheck();
    await page.getByLabel(B.name).uncheck();
    await expect(page.getByLabel(A.name)).not.toBeChecked();
    await page.getByRole("button", { name: "Save and publish" }).click();
    await expect(page.getByText("Not published: the form does not meet these rules.")).toBeVisible();
    // in the admin's words, with where to fix it; the rule and code small, for support
    await expect(page.getByTestId("violations").first()).toContainText("Add a checkbox the person ticks to subscribe");
    await expect(page.getByTestId("violations").first()).toContainText("Fix it in “Newsletters on this form” below.");
    await expect(page.getByTestId("violations").first()).toContainText("R-CONSENT-UNCHECKED");
    await expect(page.getByText("Not published yet.")).toBeVisible();

    await page.getByLabel(A.name).check();
    await page.getByLabel(B.name).check();
    await page.getByRole("button", { name: "Save and publish" }).click();
    await expect(page.getByText("Published as version 1.")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("versions")).toContainText("v1 (current)");
    await expect(page.getByRole("textbox", { name: "Embed snippet" })).toHaveValue(/action="[^"]+\/api\/subscribe"/);
  });

  test("sign up for A only, confirm by the button, and the consent points to the exact text shown", async ({ browser }) => {
    const db = await e2eDb();
    const page = await visitor(browser);
    await page.goto(`/f/${formSlug}`);
    const shown = await shownText(page);
    expect(shown).toContain(A.name);
    expect(shown).toContain(B.name);
    expect(shown).toContain("Privacyverklaring: https://fietsbond.example/privacy");
    await expect(page.getByRole("checkbox", { name: A.name })).not.toBeChecked();
    await expect(page.getByRole("checkbox", { name: B.name })).not.toBeChecked();

    const email = `e2e-consent-${run}@example.nl`;
    await page.getByLabel("E-mailadres (verplicht)").fill(email);
    await page.getByRole("button", { name: "Aanmelden" }).click();
    await expect(page.locator("#signup-error")).toHaveText("Vink minstens één nieuwsbrief aan.");
    expect(await db.subscriber.count({ where: { email } })).toBe(0);

    await page.getByRole("checkbox", { name: A.name }).check();
    await page.getByRole("button", { name: "Aanmelden" }).click();
    await expect(page.getByRole("heading", { name: "Kijk in je e-mail" })).toBeVisible();

    const mail = await waitForMail(email, (m) => (m.subject ?? "").startsWith("Bevestig je aanmelding"));
    expect(mail.subject).toBe(`Bevestig je aanmelding voor ${A.name}`);
    expect(mail.text).toContain(`- ${A.name}`);
    expect(mail.text).not.toContain(B.name);
    expect(mail.text).toContain("Fietsbond E2E");
    const link = firstLink(mail, CONFIRM_LINK);

    const subs = () => db.subscription.findMany({ where: { subscriber: { email } }, include: { newsletter: true } });
    expect((await subs()).map((s) => [s.newsletter.slug, s.status])).toEqual([[A.slug, "pending"]]);

    // a plain GET (what a mail scanner does) changes nothing
    const events = await db.consentEvent.count();
    const get = await page.request.get(link);
    expect(get.status()).toBe(200);
    expect(await get.text()).toContain("Bevestigen");
    expect((await subs()).map((s) => s.status)).toEqual(["pending"]);
    expect(await db.consentEvent.count()).toBe(events);

    await page.goto(link);
    await page.getByRole("button", { name: "Bevestigen" }).click();
    await expect(page.getByRole("heading", { name: "Je bent aangemeld" })).toBeVisible();
    await expect(page.getByText(A.name)).toBeVisible();

    const after = await subs();
    expect(after.map((s) => [s.newsletter.slug, s.status])).toEqual([[A.slug, "confirmed"]]);
    const version = await db.formVersion.findUniqueOrThrow({ where: { id: after[0].formVersionId! } });
    expect(version.renderedText).toBe(shown);
    expect(version.contentHash).toBe(sha256(shown));
    const types = (await db.consentEvent.findMany({ where: { subscriberId: after[0].subscriberId }, orderBy: { seq: "asc" } })).map((e) => e.type);
    expect(types).toEqual(["signup", "optin_sent", "confirm"]);

    // the link is single-use
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "Deze link is al gebruikt" })).toBeVisible();
  });

  test("/n/[newsletter], /api/subscribe (JSON and the embed post) and identical answers", async ({ browser, request }) => {
    const db = await e2eDb();
    const page = await visitor(browser);
    await page.goto(`/n/${B.slug}`);
    await expect(page.getByRole("heading", { name: `Aanmelden voor ${B.name}` })).toBeVisible();
    await expect(page.getByRole("checkbox")).toHaveCount(1);
    const versionId = await page.locator("input[name=formVersionId]").inputValue();
    const nB = await db.newsletter.findUniqueOrThrow({ where: { slug: B.slug } });

    const post = (data: Record<string, unknown>) => request.post("/api/subscribe", { data, headers: { "content-type": "application/json" } });
    const bad = await post({ formVersionId: versionId, email: "x@example.nl", newsletterIds: ["forged"] });
    expect(bad.status()).toBe(400);
    expect(bad.headers()["content-type"]).toContain("application/problem+json");
    expect(await bad.json()).toMatchObject({ status: 400, code: "unknown_newsletter", detail: expect.any(String) });
    expect((await post({ formVersionId: "forged", email: "x@example.nl", newsletterIds: [nB.id] })).status()).toBe(400);
    expect((await post({ formVersionId: versionId, email: "x@example.nl\r\nBcc: y@example.nl", newsletterIds: [nB.id] })).status()).toBe(400);
    expect((await post({ formVersionId: versionId, email: "x@example.nl", name: "n".repeat(10_000), newsletterIds: [nB.id] })).status()).toBe(422);
    expect((await request.post("/api/subscribe", { data: "{not json", headers: { "content-type": "application/json" } })).status()).toBe(400);

    const email = `e2e-api-${run}@example.nl`;
    const first = await post({ formVersionId: versionId, email, newsletterIds: [nB.id] });
    const again = await post({ formVersionId: versionId, email, newsletterIds: [nB.id] });
    const fresh = await post({ formVersionId: versionId, email: `e2e-api-other-${run}@example.nl`, newsletterIds: [nB.id] });
    expect(first.status()).toBe(202);
    expect(await again.text()).toBe(await first.text());
    expect(await fresh.text()).toBe(await first.text());
    await waitForMail(email, (m) => (m.subject ?? "").includes(B.name));
    const apiSubscriber = await db.subscriber.findUniqueOrThrow({ where: { email } });
    expect((await db.consentEvent.findFirstOrThrow({ where: { type: "signup", subscriberId: apiSubscriber.id } })).details).toMatchObject({ via: "api", formId: expect.any(String), version: 1 });

    // the embeddable snippet's plain form post: 303 to our thank-you page
    const embed = await request.post("/api/subscribe", { form: { formVersionId: versionId, email: `e2e-embed-${run}@example.nl`, newsletter: nB.id, website: "" }, maxRedirects: 0 });
    expect(embed.status()).toBe(303);
    expect(embed.headers()["location"]).toMatch(new RegExp(`/n/${B.slug}/thanks$`));
    // a failed one: 303 to the form's own page, which shows the message and what was typed (e2e/embeds.spec.ts)
    const embedBad = await request.post("/api/subscribe", { form: { formVersionId: versionId, email: `e2e-embed-${run}@example.nl` }, maxRedirects: 0 });
    expect(embedBad.status()).toBe(303);
    expect(embedBad.headers()["location"]).toMatch(new RegExp(`/n/${B.slug}/embed$`));
    const retry = await request.get(embedBad.headers()["location"]);
    expect(await retry.text()).toContain("Vink minstens één nieuwsbrief aan.");
    await waitForMail(`e2e-embed-${run}@example.nl`);
    expect(await mailTo(`e2e-embed-${run}@example.nl`)).toHaveLength(1);
  });

  test("works without JavaScript: signing up and confirming", async ({ browser }) => {
    const db = await e2eDb();
    const page = await visitor(browser, false);
    await page.goto(`/f/${formSlug}`);
    const email = `e2e-nojs-${run}@example.nl`;
    await page.getByLabel("E-mailadres (verplicht)").fill(email);
    await page.getByRole("button", { name: "Aanmelden" }).click();
    await expect(page.locator("#signup-error")).toHaveText("Vink minstens één nieuwsbrief aan.");
    await page.getByRole("checkbox", { name: B.name }).check();
    await page.getByRole("button", { name: "Aanmelden" }).click();
    await expect(page.getByRole("heading", { name: "Kijk in je e-mail" })).toBeVisible();
    const link = firstLink(await waitForMail(email), CONFIRM_LINK);
    await page.goto(link);
    await page.getByRole("button", { name: "Bevestigen" }).click();
    await expect(page.getByRole("heading", { name: "Je bent aangemeld" })).toBeVisible();
    const subs = await db.subscription.findMany({ where: { subscriber: { email } }, include: { newsletter: true } });
    expect(subs.map((s) => [s.newsletter.slug, s.status])).toEqual([[B.slug, "confirmed"]]);
  });
});
