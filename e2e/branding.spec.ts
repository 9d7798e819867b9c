// Issue 13, Deliver 4 (second half): the admin uploads a logo and sets a brand colour under Settings → Branding;
// the public form page and the preferences page show the logo (and still pass axe at both widths), the logo's
// URL answers the image with its type and nosniff, and the confirmation mail carries the logo.
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { e2eDb, e2eFixtures, ensureOrganisation } from "./support/db";
import { adminState } from "./support/staff";
import { waitForMail } from "./support/mail";

const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
// A real 1×1 PNG, and an SVG that must be refused.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

async function expectLogoShown(page: Page) {
  const logo = page.getByTestId("brand-logo");
  await expect(logo).toHaveAttribute("src", /\/brand\/logo\?v=[0-9a-f]{16}$/);
  await expect(logo).toHaveAttribute("alt", /\S/);
  expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `axe at ${width} px`).toEqual([]);
  }
}

test.describe("branding", () => {
  test.use({ storageState: adminState() });

  test("the admin sets a logo and colour; the form, the preferences page and the confirmation mail carry them", async ({ page, browser }) => {
    const org = await ensureOrganisation();
    await page.goto("/admin/settings");

    // bad input: a field message each, nothing saved; a file over 200 KB is refused as soon as it is chosen
    await page.getByLabel("Logo", { exact: true }).setInputFiles({ name: "big.png", mimeType: "image/png", buffer: Buffer.concat([PNG, Buffer.alloc(300 * 1024)]) });
    await expect(page.getByText("This file is larger than 200 KB.", { exact: false })).toBeVisible();
    await page.getByLabel("Logo", { exact: true }).setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: SVG });
    await page.getByLabel("Brand colour").fill("reddish");
    await page.getByRole("button", { name: "Save branding" }).click();
    await expect(page.getByText("This file is not a PNG, JPEG or WebP image.", { exact: false })).toBeVisible();
    await expect(page.getByText("Enter a hex colour such as #1d4ed8, or leave it empty.")).toBeVisible();
    const db = await e2eDb();
    expect(await db.organisation.findUniqueOrThrow({ where: { id: 1 }, select: { logoHash: true } })).toEqual({ logoHash: "" });

    // a light colour: the form warns while typing and names the darker accent it will use
    await page.getByLabel("Brand colour").fill("#ffd400");
    await expect(page.getByTestId("contrast")).toContainText("below the 4.5:1 WCAG AA needs");
    await page.getByLabel("Logo", { exact: true }).setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
    await page.getByRole("button", { name: "Save branding" }).click();
    await expect(page.getByText(/^Branding saved\./)).toBeVisible();
    await expect(page.getByRole("img", { name: "The current logo" })).toBeVisible();
    const saved = await db.organisation.findUniqueOrThrow({ where: { id: 1 }, select: { brandColor: true, logoType: true, logoHash: true } });
    expect(saved).toMatchObject({ brandColor: "#ffd400", logoType: "image/png" });

    // the public URL: the stored bytes, their sniffed type, nosniff
    const res = await page.request.get(`/brand/logo?v=${saved.logoHash.slice(0, 16)}`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/png");
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(Buffer.from(await res.body()).equals(PNG)).toBe(true);

    // a visitor: the form page shows the logo and the organisation's address
    const { createNewsletterWithForm, createSubscriber } = await e2eFixtures();
    const n = await createNewsletterWithForm({ name: `Brand News ${id}`, language: "en" });
    const { createForm } = await import("../lib/consent/create-form.ts");
    const { publishFormVersion } = await import("../lib/consent/publish-form-version.ts");
    const created = await createForm({ actor: "system", input: { slug: `brand-${id}`, name: `Brand ${id}`, language: "en", newsletterIds: [n.newsletter.id] } });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const published = await publishFormVersion({ formId: created.id, actor: "system" });
    if (!published.ok) throw new Error(JSON.stringify(published.violations));

    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`/f/brand-${id}`);
    await expectLogoShown(visitor);
    await expect(visitor.getByRole("contentinfo")).toContainText(org.address);

    // signing up: the confirmation mail carries the logo and the accent
    const email = `brand-${id}@example.org`;
    await visitor.getByLabel("E-mail address (required)").fill(email);
    await visitor.getByRole("checkbox", { name: n.newsletter.name }).check();
    await visitor.getByRole("button", { name: "Subscribe" }).click();
    await expect(visitor.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
    const mail = await waitForMail(email, (m) => /\/confirm\//.test(m.text ?? ""));
    expect(String(mail.html)).toContain(`/brand/logo?v=${saved.logoHash.slice(0, 16)}`);
    expect(String(mail.html)).not.toContain("background:#ffd400"); // too light for white text: the darker accent instead

    // the preferences page shows it too
    const { preferencesToken } = await import("../lib/subscribers/links.ts");
    const { subscriber } = await createSubscriber({
      email: `brand-prefs-${id}@example.org`,
      subscriptions: [{ newsletterId: n.newsletter.id, formVersionId: n.formVersion.id, status: "confirmed", createdAt: new Date() }],
    });
    await visitor.goto(`/p/${preferencesToken(subscriber.id)}`);
    await expectLogoShown(visitor);
  });
});
