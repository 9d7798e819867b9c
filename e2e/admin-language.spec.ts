// Issue 13, Deliver 2: the admin interface in Dutch and English, staff choose. A staff member of their own
// (the shared e2e admin stays English for the other specs) switches to Nederlands in the header: the
// dashboard, newsletters and subscribers pages are in Dutch with <html lang="nl">, the choice stays on
// the next page, and switching back gives English again. Without a choice, the browser's language counts.
import { test, expect, type Page } from "@playwright/test";
import { e2eDb } from "./support/db";
import { signInByMagicLink } from "./support/staff";

const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const lang = (page: Page) => page.locator("html").getAttribute("lang");

test("an admin switches the interface to Nederlands and back", async ({ page }) => {
  const email = `taal-${id}@example.org`;
  await (await e2eDb()).user.create({ data: { email, role: "admin" } });
  await signInByMagicLink(page, email);

  await page.goto("/admin");
  expect(await lang(page)).toBe("en");
  await expect(page.getByRole("heading", { level: 1, name: "Admin home" })).toBeVisible();

  await page.getByRole("button", { name: "Nederlands" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Beheer" })).toBeVisible();
  expect(await lang(page)).toBe("nl");
  await expect(page).toHaveTitle(/^Start · Proofmail$/);
  await expect(page.getByRole("button", { name: "Uitloggen", exact: true })).toBeVisible();

  await page.goto("/admin/newsletters");
  expect(await lang(page)).toBe("nl");
  await expect(page.getByRole("heading", { level: 1, name: "Nieuwsbrieven" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Nieuwe nieuwsbrief" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Beheer" }).first()).toContainText("Abonnees");

  await page.goto("/admin/subscribers");
  expect(await lang(page)).toBe("nl");
  await expect(page.getByRole("heading", { level: 1, name: "Abonnees" })).toBeVisible();
  await expect(page.getByLabel("Adres of naam (elk deel ervan)")).toBeVisible();
  await expect(page.getByRole("button", { name: "Zoeken" })).toBeVisible();

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Subscribers" })).toBeVisible();
  expect(await lang(page)).toBe("en");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Admin home" })).toBeVisible();
  expect(await lang(page)).toBe("en");
});

test.describe("without a choice", () => {
  test.use({ locale: "nl-NL" });
  test("the browser's language counts", async ({ page }) => {
    await page.goto("/login");
    expect(await lang(page)).toBe("nl");
    await expect(page.getByRole("heading", { level: 1, name: "Inloggen bij Proofmail" })).toBeVisible();
  });
});
