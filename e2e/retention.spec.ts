// Subject rights and retention, end to end: the preferences page (no login, no address asked) shows the
// subscriptions and the exact form text agreed to, downloads the data, unsubscribes, erases everything
// after a confirmation step; the admin starts a purge dry run and sees its counts.
import fs from "node:fs";
import { test, expect } from "@playwright/test";
import { e2eDb, e2eFixtures } from "./support/db";
import { adminState } from "./support/staff";
import { markAsConfirmingBrowser } from "./support/browser-mark";

const DAY = 86_400_000;
const uid = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("preferences page", () => {
  test("shows subscriptions and consent text, downloads the data, unsubscribes one newsletter, erases everything", async ({ page }) => {
    const db = await e2eDb();
    const { createNewsletterWithForm, createSubscriber } = await e2eFixtures();
    const { preferencesToken } = await import("../lib/subscribers/links.ts");
    const { suppressionsFor } = await import("../lib/subscribers/suppression.ts");
    const id = uid();
    const a = await createNewsletterWithForm({ name: `Bike News ${id}`, language: "en", text: `Yes, send me Bike News ${id}. Org Ltd, 1 Street, Utrecht. You can unsubscribe at any time.` });
    const b = await createNewsletterWithForm({ name: `Repair Tips ${id}`, language: "en" });
    const email = `prefs-${id}@example.org`;
    const { subscriber } = await createSubscriber({
      email, name: `Prefs Person ${id}`,
      subscriptions: [
        { newsletterId: a.newsletter.id, formVersionId: a.formVersion.id, status: "confirmed", createdAt: new Date(Date.now() - 40 * DAY) },
        { newsletterId: b.newsletter.id, formVersionId: b.formVersion.id, status: "confirmed", createdAt: new Date(Date.now() - 20 * DAY) },
      ],
    });
    const token = preferencesToken(subscriber.id);
    await markAsConfirmingBrowser(page.context(), subscriber.id);

    await page.goto(`/p/${token}`);
    await expect(page.getByRole("heading", { name: "Your subscriptions and data" })).toBeVisible();
    const rows = page.getByTestId("subscription");
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: `Bike News ${id}` })).toContainText("subscribed since");
    await expect(page.getByTestId("form-text").first()).toHaveText(a.formVersion.renderedText);
    await expect(page.getByText(a.formVersion.contentHash)).toBeVisible();

    // Download all data as JSON.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download all your data (JSON)" }).click()]);
    const data = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
    expect(data.subscriber).toMatchObject({ email, name: `Prefs Person ${id}` });
    expect(data.subscriptions).toHaveLength(2);
    expect(data.subscriptions[0].consentSnapshot).toMatchObject({ text: a.formVersion.renderedText, contentHash: a.formVersion.contentHash });

    // Unsubscribe from one newsletter.
    await page.getByRole("button", { name: `Unsubscribe from Bike News ${id}` }).click();
    await expect(page.getByRole("status")).toContainText(`You are unsubscribed from: Bike News ${id}`);
    await expect(rows.filter({ hasText: `Bike News ${id}` })).toContainText("unsubscribed");
    await expect(page.getByRole("button", { name: `Unsubscribe from Repair Tips ${id}` })).toBeVisible();
    expect((await db.subscription.findFirstOrThrow({ where: { subscriberId: subscriber.id, newsletterId: a.newsletter.id } })).status).toBe("unsubscribed");

    // The Dutch version of the same page.
    await page.getByRole("link", { name: "Nederlands" }).click();
    await expect(page.getByRole("heading", { name: "Je inschrijvingen en gegevens" })).toBeVisible();
    await page.getByRole("link", { name: "English" }).click();

    // Erase everything: one button, then a confirmation step.
    await page.getByRole("link", { name: "Erase everything" }).click();
    await expect(page.getByRole("heading", { name: "Are you sure?" })).toBeVisible();
    expect(await db.subscriber.count({ where: { id: subscriber.id } })).toBe(1); // the GET erased nothing
    await page.getByRole("button", { name: "Yes, erase all my data" }).click();
    await expect(page.getByRole("heading", { name: "Your data has been erased" })).toBeVisible();
    await expect(page.getByRole("status")).toContainText("coded (hashed) entry");

    expect(await db.subscriber.count({ where: { id: subscriber.id } })).toBe(0);
    // The earlier per-newsletter entry stays; erasure adds one for all newsletters.
    expect(await suppressionsFor(db, email)).toEqual(expect.arrayContaining([
      expect.objectContaining({ scope: "all", reason: "erasure" }), expect.objectContaining({ scope: a.newsletter.id, reason: "withdrawal" }),
    ]));
    expect(await db.consentEvent.findFirst({ where: { subscriberId: subscriber.id, type: "erase" } })).toMatchObject({ actor: "subject" });

    // The link now says there is nothing left; the download is gone too.
    await page.goto(`/p/${token}?lang=en`);
    await expect(page.getByRole("heading", { name: "No data" })).toBeVisible();
    expect((await page.request.get(`/p/${token}/export`)).status()).toBe(404);
  });

  test("works without JavaScript: unsubscribe one newsletter, then erase after the confirmation step", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const db = await e2eDb();
    const { createNewsletterWithForm, createSubscriber } = await e2eFixtures();
    const { preferencesToken } = await import("../lib/subscribers/links.ts");
    const id = uid();
    const a = await createNewsletterWithForm({ name: `NoJS News ${id}`, language: "en" });
    const { subscriber } = await createSubscriber({
      email: `nojs-prefs-${id}@example.org`,
      subscriptions: [{ newsletterId: a.newsletter.id, formVersionId: a.formVersion.id, status: "confirmed", createdAt: new Date(Date.now() - DAY) }],
    });
    await markAsConfirmingBrowser(context, subscriber.id);
    await page.goto(`/p/${preferencesToken(subscriber.id)}`);
    await page.getByRole("button", { name: `Unsubscribe from NoJS News ${id}` }).click();
    await expect(page.getByRole("status")).toContainText(`You are unsubscribed from: NoJS News ${id}`);
    expect((await db.subscription.findFirstOrThrow({ where: { subscriberId: subscriber.id } })).status).toBe("unsubscribed");
    await page.getByRole("link", { name: "Erase everything" }).click();
    await page.getByRole("button", { name: "Yes, erase all my data" }).click();
    await expect(page.getByRole("heading", { name: "Your data has been erased" })).toBeVisible();
    expect(await db.subscriber.count({ where: { id: subscriber.id } })).toBe(0);
  });

  test("a tampered link shows not found, never someone's data", async ({ page }) => {
    const res = await page.goto("/p/cabcdefghijklmnopqrstuvwx.AAAAAAAAAAAAAAAAAAAAAA");
    expect(res?.status()).toBe(404);
    expect((await page.request.get("/p/cabcdefghijklmnopqrstuvwx.AAAAAAAAAAAAAAAAAAAAAA/export")).status()).toBe(404);
  });
});

test.describe("admin retention", () => {
  test.use({ storageState: adminState() });

  test("starts a dry run and shows its counts, changing nothing", async ({ page }) => {
    const db = await e2eDb();
    const { createNewsletterWithForm, createSubscriber } = await e2eFixtures();
    const nl = await createNewsletterWithForm({ name: `Versions ${uid()}`, language: "en" });
    const { subscriber } = await createSubscriber({
      email: `expired-${uid()}@example.org`,
      subscriptions: [{ newsletterId: nl.newsletter.id, formVersionId: nl.formVersion.id, status: "pending", createdAt: new Date(Date.now() - 30 * DAY) }],
    });

    await page.goto("/admin/retention");
    await expect(page.getByRole("heading", { name: "Retention" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Retention" })).toBeVisible();
    await page.getByRole("button", { name: "Start a dry run" }).click();
    const last = page.getByTestId("last-run");
    await expect(async () => {
      await page.reload();
      await expect(last).toContainText("dry run (admin), done", { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(last).toContainText("signup not confirmed in time (RET_PENDING_EXPIRED)");
    await expect(page.getByRole("row").filter({ hasText: "dry run" }).first()).toContainText("would delete unconfirmed signups");
    // Per policy version: how many people it covers (the form recorded no promise: the current version).
    const version = page.getByTestId("policy-versions").getByRole("row").filter({ hasText: nl.newsletter.name });
    await expect(version).toContainText("(current)");
    await expect(version.getByRole("cell").nth(2)).toHaveText("1");
    await expect(version).toContainText("1 would delete unconfirmed signups");
    expect(await db.subscriber.count({ where: { id: subscriber.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "retention.dry_run" } })).toBeGreaterThan(0);
  });

  test("saves a newsletter's own terms and refuses a bad one with a message", async ({ page }) => {
    const { createNewsletterWithForm } = await e2eFixtures();
    const nl = await createNewsletterWithForm({ name: `Terms ${uid()}`, language: "en" });
    await page.goto("/admin/retention");
    const row = page.getByTestId(`policy-${nl.newsletter.id}`);
    await row.getByLabel("Unconfirmed signups deleted after (days)").fill("3");
    await row.getByRole("button", { name: "Save for this newsletter" }).click();
    await expect(page.getByRole("status")).toContainText("Saved");
    await expect(page.getByTestId(`policy-${nl.newsletter.id}`)).toContainText("own terms");
    await expect(page.getByTestId(`policy-${nl.newsletter.id}`).getByLabel("Unconfirmed signups deleted after (days)")).toHaveValue("3");
    // Bypass the browser's min= check to reach the server's validation.
    await page.getByTestId(`policy-${nl.newsletter.id}`).getByLabel("Unconfirmed signups deleted after (days)").evaluate((el: HTMLInputElement) => { el.removeAttribute("min"); el.value = "0"; });
    await page.getByTestId(`policy-${nl.newsletter.id}`).getByRole("button", { name: "Save for this newsletter" }).click();
    await expect(page.getByTestId(`policy-${nl.newsletter.id}`).getByRole("alert")).toContainText("pendingDays");
  });

  test("sets how long a buyer's record is kept for the contract; refuses a bad term keeping what was typed", async ({ page }) => {
    const db = await e2eDb();
    const before = (await db.organisation.findUnique({ where: { id: 1 } }))?.customerRecordMonths ?? 24;
    await page.goto("/admin/retention");
    const term = page.getByLabel("Customer record kept after the last purchase (months)");
    await expect(page.getByText("Storing a buyer's details and mailing them are two questions.")).toBeVisible();
    await term.evaluate((el: HTMLInputElement) => { el.removeAttribute("min"); el.value = "0"; });
    await page.getByRole("button", { name: "Save customer record term" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "customerRecordMonths" })).toContainText("whole number of months from 1 to 1200");
    await expect(term).toHaveValue("0");
    expect((await db.organisation.findUnique({ where: { id: 1 } }))?.customerRecordMonths ?? 24).toBe(before);
    try {
      await term.fill("36");
      await page.getByRole("button", { name: "Save customer record term" }).click();
      await expect(page.getByRole("status")).toContainText("keeps buyers' records for the new term");
      await expect(term).toHaveValue("36");
      expect((await db.organisation.findUniqueOrThrow({ where: { id: 1 } })).customerRecordMonths).toBe(36);
    } finally {
      await db.organisation.updateMany({ where: { id: 1 }, data: { customerRecordMonths: before } });
    }
  });
});
