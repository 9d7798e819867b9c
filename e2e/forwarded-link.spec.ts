// Issue 15, Deliver 3: a forwarded newsletter must not let someone else download or erase the
// subscriber's data. The person signs up and confirms in their own browser; a recent preferences link
// reaches the data there. The same link in another browser, or a link older than 7 days, shows the page
// and unsubscribes, but the download and the erasure first need a fresh single-use link mailed to the
// subscriber's own address.
import { test, expect, type Browser } from "@playwright/test";
import { e2eDb, e2eFixtures, ensureOrganisation } from "./support/db";
import { firstLink, waitForMail } from "./support/mail";

const DAY = 86_400_000;
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const fresh = (browser: Browser) => browser.newContext().then((c) => c.newPage());

test("a second browser with the forwarded link, or an old link, reaches the data only through the fresh mailed link", async ({ browser, request }) => {
  const db = await e2eDb();
  await ensureOrganisation();
  const { createNewsletterWithForm } = await e2eFixtures();
  const { preferencesToken } = await import("../lib/subscribers/links.ts");
  const n = await createNewsletterWithForm({ name: `Forwarded News ${run}`, language: "en" });
  const email = `forwarded-${run}@example.org`;

  // The subscriber signs up and presses Confirm in their own browser.
  const signup = await request.post("/api/subscribe", { data: { formVersionId: n.formVersion.id, email, newsletterIds: [n.newsletter.id] } });
  expect(signup.status()).toBe(202);
  const own = await fresh(browser);
  await own.goto(firstLink(await waitForMail(email, (m) => (m.subject ?? "").startsWith("Confirm")), /https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+/));
  await own.getByRole("button", { name: "Confirm" }).click();
  await expect(own.getByRole("heading", { name: "You are subscribed" })).toBeVisible();
  const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email } });
  const recent = preferencesToken(subscriber.id); // as in today's newsletter
  const old = preferencesToken(subscriber.id, new Date(Date.now() - 8 * DAY));

  // Their own browser, a recent link: the data is one click away.
  await own.goto(`/p/${recent}?lang=en`);
  await expect(own.getByRole("link", { name: "Download all your data (JSON)" })).toBeVisible();
  expect((await own.request.get(`/p/${recent}/export`)).status()).toBe(200);

  // Their own browser, a link from a newsletter of 8 days ago: the page, but not the data.
  await own.goto(`/p/${old}?lang=en`);
  await expect(own.getByRole("heading", { name: "Your subscriptions and data" })).toBeVisible();
  await expect(own.getByRole("link", { name: "Download all your data (JSON)" })).toHaveCount(0);
  await expect(own.getByRole("button", { name: "Send me a link" })).toBeVisible();
  expect((await own.request.get(`/p/${old}/export`)).status()).toBe(403);

  // The erase form as the subscriber's browser gets it (its action id is no secret).
  await own.goto(`/p/${recent}/erase?lang=en`);
  const eraseForm = await own.locator("form", { has: own.getByRole("button", { name: "Yes, erase all my data" }) }).evaluate((f) => f.outerHTML);

  // Someone the newsletter was forwarded to: another browser, the recent link.
  const other = await fresh(browser);
  await other.goto(`/p/${recent}?lang=en`);
  await expect(other.getByRole("heading", { name: "Your subscriptions and data" })).toBeVisible();
  await expect(other.getByRole("link", { name: "Download all your data (JSON)" })).toHaveCount(0);
  const refused = await other.request.get(`/p/${recent}/export`);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain(email);
  await other.goto(`/p/${recent}/erase?lang=en`); // the confirmation step sends them back
  await expect(other).toHaveURL(/access=needed/);
  await expect(other.getByRole("status")).toContainText("First ask for a new link");
  // Posting the erase form anyway erases nothing.
  await other.evaluate((html) => {
    document.body.insertAdjacentHTML("beforeend", html);
    (document.body.lastElementChild as HTMLFormElement).requestSubmit();
  }, eraseForm);
  await expect(other).toHaveURL(/access=needed/);
  expect(await db.subscriber.count({ where: { id: subscriber.id } })).toBe(1);

  // They ask for the fresh link: it goes to the subscriber's address, never to them.
  const before = Date.now();
  await other.getByRole("button", { name: "Send me a link" }).click();
  await expect(other.getByRole("status")).toContainText("We have sent a link to your e-mail address");
  const mail = await waitForMail(email, (m) => m.subject === "Your link to your data" && (m.date?.getTime() ?? 0) >= before - 2000);
  const link = firstLink(mail, /https?:\/\/\S+\/p\/access\/[A-Za-z0-9_-]+\?lang=en/);
  const stored = await db.token.findFirstOrThrow({ where: { purpose: "data-access", subjectId: subscriber.id }, orderBy: { createdAt: "desc" } });
  expect(link).not.toContain(stored.tokenHash);
  await expect(other.getByRole("link", { name: "Download all your data (JSON)" })).toHaveCount(0);

  // The subscriber opens it on a new device: a GET only shows a button (mail scanners fetch links)…
  const scanned = await request.get(link);
  expect(await scanned.text()).toContain("Continue to my data");
  const device = await fresh(browser);
  await device.goto(link);
  await device.getByRole("button", { name: "Continue to my data" }).click();
  // …the press opens the data in that browser, from any of their links.
  await expect(device.getByRole("link", { name: "Download all your data (JSON)" })).toBeVisible();
  const [download] = await Promise.all([device.waitForEvent("download"), device.getByRole("link", { name: "Download all your data (JSON)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^my-data-/);
  expect((await device.request.get(`/p/${old}/export`)).status()).toBe(200);

  // The fresh link works once; the forwarder's browser still has no way in.
  await other.goto(link);
  await expect(other.getByRole("status")).toContainText("This link has been used already");
  expect((await other.request.get(`/p/${recent}/export`)).status()).toBe(403);
  expect(await db.subscriber.count({ where: { id: subscriber.id } })).toBe(1);

  // The unsubscribe stays as easy as ever from the forwarded link.
  await other.goto(`/p/${old}?lang=en`);
  await other.getByRole("button", { name: `Unsubscribe from Forwarded News ${run}` }).click();
  await expect(other.getByRole("status")).toContainText(`You are unsubscribed from: Forwarded News ${run}`);

  // And the subscriber's new device can erase.
  await device.goto(`/p/${old}/erase?lang=en`);
  await device.getByRole("button", { name: "Yes, erase all my data" }).click();
  await expect(device.getByRole("heading", { name: "Your data has been erased" })).toBeVisible();
  expect(await db.subscriber.count({ where: { id: subscriber.id } })).toBe(0);
});
