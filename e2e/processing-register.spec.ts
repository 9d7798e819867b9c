// The processing register from the configuration, end to end: an admin names the hosting provider on
// Settings, follows the link to the register, switches to English, downloads the Markdown; bad input and
// a visitor without a session get a problem answer, not a document.
import fs from "node:fs";
import { test, expect } from "@playwright/test";
import { e2eFixtures, ensureOrganisation } from "./support/db";
import { adminState } from "./support/staff";

const uid = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("processing register", () => {
  test.use({ storageState: adminState() });

  test("from Settings to the register, in English, downloaded as Markdown", async ({ page }) => {
    const id = uid();
    await ensureOrganisation();
    const { createNewsletterWithForm } = await e2eFixtures();
    await createNewsletterWithForm({ name: `Register News ${id}`, language: "en" });

    await page.goto("/admin/settings");
    await page.getByLabel("Hosting provider (optional)").fill(`Hoster ${id} B.V.`);
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status")).toContainText("Saved.");

    await page.getByRole("link", { name: "Processing register" }).click();
    await expect(page.getByRole("heading", { name: "Register van verwerkingsactiviteiten (art. 30 AVG)" })).toBeVisible();
    await page.getByRole("link", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: "Record of processing activities (GDPR art. 30)" })).toBeVisible();
    await expect(page.getByRole("heading", { name: new RegExp(`^\\d+\\. Newsletter Register News ${id}$`) })).toBeVisible();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the processing register as Markdown" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^processing-register-en-\d{4}-\d{2}-\d{2}\.md$/);
    const md = fs.readFileSync(await download.path(), "utf8");
    expect(md).toContain("# Record of processing activities (GDPR art. 30)");
    expect(md).toContain(`Newsletter Register News ${id}`);
    expect(md).toContain(`Hosting of the application and its data: Hoster ${id} B.V.`);

    const pdf = await page.request.get("/admin/privacy/register/download?doc=privacy&format=pdf&lang=nl");
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

    const bad = await page.request.get("/admin/privacy/register/download?doc=register&format=docx&lang=nl");
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ code: "invalid_input", field: "format" });
  });

  test("needs a signed-in admin", async ({ browser }) => {
    const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const r = await anonymous.request.get("/admin/privacy/register/download?doc=register&format=md&lang=en");
    expect(r.status()).toBe(401);
    expect(r.headers()["content-type"]).toContain("application/problem+json");
    await anonymous.close();
  });
});
