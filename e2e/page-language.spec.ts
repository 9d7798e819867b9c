// Issue 13, Deliver 2: <html lang> is the page's language (WCAG 3.1.1), so a screen reader reads a Dutch
// form in Dutch: the form's or newsletter's language on public pages, ?lang= where the person chose one,
// English on staff pages.
import { test, expect, type Page } from "@playwright/test";
import { e2eFixtures, ensureOrganisation } from "./support/db";
import { adminState } from "./support/staff";

const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const htmlLang = async (page: Page, path: string) => {
  const res = await page.goto(path);
  expect(res?.status(), path).toBeLessThan(500);
  return page.locator("html").getAttribute("lang");
};

test("public pages speak their form's or newsletter's language, or the one chosen", async ({ page }) => {
  await ensureOrganisation();
  const { createNewsletterWithForm, createSubscriber } = await e2eFixtures();
  const { preferencesToken, unsubscribeToken } = await import("../lib/subscribers/links.ts");
  const nl = await createNewsletterWithForm({ name: `Taal NL ${id}`, language: "nl" });
  const en = await createNewsletterWithForm({ name: `Language EN ${id}`, language: "en" });
  const { subscriber, subscriptions } = await createSubscriber({
    email: `lang-${id}@example.org`,
    subscriptions: [{ newsletterId: en.newsletter.id, formVersionId: en.formVersion.id, status: "confirmed", createdAt: new Date() }],
  });

  expect(await htmlLang(page, `/n/${nl.newsletter.slug}`)).toBe("nl");
  expect(await htmlLang(page, `/n/${en.newsletter.slug}`)).toBe("en");
  expect(await htmlLang(page, `/f/${en.form.slug}/thanks`)).toBe("en");
  expect(await htmlLang(page, `/unsubscribe/${unsubscribeToken(subscriptions[0].id)}`)).toBe("en");
  expect(await htmlLang(page, `/p/${preferencesToken(subscriber.id)}`)).toBe("en");
  expect(await htmlLang(page, `/p/${preferencesToken(subscriber.id)}?lang=nl`)).toBe("nl");
  expect(await htmlLang(page, "/confirm/not-a-real-token")).toBe("nl"); // Dutch first, the English part marked as such
  await expect(page.locator("[lang=en]").first()).toBeVisible();
  expect(await htmlLang(page, "/login")).toBe("en");
});

test.describe("staff pages", () => {
  test.use({ storageState: adminState() });
  test("are English", async ({ page }) => {
    expect(await htmlLang(page, "/admin")).toBe("en");
    expect(await htmlLang(page, "/admin/newsletters")).toBe("en");
  });
});
