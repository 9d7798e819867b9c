// A refused save keeps every typed value and marks the field with its message, with and without
// JavaScript (React resets a form after its action: before the fix the saved draft came back instead).
import { test, expect } from "@playwright/test";
import { adminState } from "./support/staff";

const uid = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

for (const javaScriptEnabled of [true, false]) {
  test.describe(`typed values survive a refusal (${javaScriptEnabled ? "with" : "without"} JavaScript)`, () => {
    test.use({ storageState: adminState(), javaScriptEnabled });

    test("the new-form and the form editor screens", async ({ page }) => {
      const slug = `typed-${uid()}`;
      await page.goto("/admin/forms/new");
      await page.getByLabel("Form name (for admins)").fill(`Typed ${slug}`);
      await page.getByLabel(/^Slug/).fill("Not A Slug!");
      await page.getByLabel("Language of the form").selectOption("en");
      await page.getByRole("button", { name: "Create form" }).click();
      await expect(page.getByText("Some fields need attention.")).toBeVisible();
      await expect(page.getByLabel(/^Slug/)).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByLabel("Form name (for admins)")).toHaveValue(`Typed ${slug}`);
      await expect(page.getByLabel(/^Slug/)).toHaveValue("Not A Slug!");
      await expect(page.getByLabel("Language of the form")).toHaveValue("en");

      await page.getByLabel(/^Slug/).fill(slug);
      await page.getByRole("button", { name: "Create form" }).click();
      await page.waitForURL(/\/admin\/forms\/(?!new)[^/]+$/);
      if (javaScriptEnabled) await expect(page.locator("form[data-ready=true]")).toBeVisible();

      const intro = "Eerste alinea.\n\nTweede alinea, met een tweede regel\nhier.";
      await page.getByLabel(/^Introduction/).fill(intro);
      await page.getByLabel("Form name (for admins)").fill(`Renamed ${slug}`);
      await page.getByLabel("Title").fill("");
      await page.getByRole("button", { name: "Save draft" }).click();
      await expect(page.getByText("Enter a title.")).toBeVisible();
      await expect(page.getByLabel(/^Introduction/)).toHaveValue(intro);
      await expect(page.getByLabel("Form name (for admins)")).toHaveValue(`Renamed ${slug}`);
      await expect(page.getByLabel("Title")).toHaveValue("");
    });
  });
}
