// Admin save forms work without JavaScript: a plain HTML form POST (the browser's own submission of a
// server-action form) answers with the page, saved or with the field messages. Before
// the fix such a submission pinned the server at 100 % CPU and never answered.
import { test, expect } from "@playwright/test";
import { adminState } from "./support/staff";

const uid = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
// A hung server would hold the test until its own timeout; fail fast instead.
const ANSWER_MS = 15_000;

test.describe("admin forms without JavaScript", () => {
  test.use({ storageState: adminState(), javaScriptEnabled: false });

  test("create and save a newsletter; a bad value comes back with its field message", async ({ page }) => {
    const slug = `nojs-${uid()}`;
    await page.goto("/admin/newsletters/new");
    await page.getByLabel("Name", { exact: true }).first().fill(`Zonder JS ${slug}`);
    await page.getByLabel(/^Slug/).fill(slug);
    await page.getByLabel("Sender name").first().fill("Fietsen & Co");
    await page.getByLabel("Sender e-mail").fill("nieuws@fietsen.example");
    await page.getByRole("button", { name: "Create newsletter" }).click({ timeout: ANSWER_MS });
    await page.waitForURL(/\/admin\/newsletters\/(?!new)[^/]+$/, { timeout: ANSWER_MS });
    await expect(page.getByRole("heading", { name: `Zonder JS ${slug}` })).toBeVisible();

    await page.getByLabel("Frequency (optional, e.g. monthly)").fill("monthly");
    await page.getByRole("button", { name: "Save newsletter" }).click({ timeout: ANSWER_MS });
    await expect(page.getByText("Saved.")).toBeVisible({ timeout: ANSWER_MS });
    await expect(page.getByLabel("Frequency (optional, e.g. monthly)")).toHaveValue("monthly");

    await page.getByLabel("Sender e-mail").fill("not an address");
    await page.getByRole("button", { name: "Save newsletter" }).click({ timeout: ANSWER_MS });
    await expect(page.getByText("Some fields need attention.")).toBeVisible({ timeout: ANSWER_MS });
    await expect(page.getByLabel("Sender e-mail")).toHaveAttribute("aria-invalid", "true");
  });

  test("create a form and save its draft", async ({ page }) => {
    const slug = `nojs-form-${uid()}`;
    await page.goto("/admin/forms/new");
    await page.getByLabel("Form name (for admins)").fill(`Form ${slug}`);
    await page.getByLabel(/^Slug/).fill(slug);
    await page.getByRole("button", { name: "Create form" }).click({ timeout: ANSWER_MS });
    await page.waitForURL(/\/admin\/forms\/(?!new)[^/]+$/, { timeout: ANSWER_MS });

    await page.getByLabel("Title").fill("Blijf op de hoogte");
    await page.getByRole("button", { name: "Save draft" }).click({ timeout: ANSWER_MS });
    await expect(page.getByText("Draft saved. It is not public until you publish it.")).toBeVisible({ timeout: ANSWER_MS });
    await expect(page.getByLabel("Title")).toHaveValue("Blijf op de hoogte");
  });
});
