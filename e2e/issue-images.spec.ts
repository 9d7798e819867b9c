// Issue 13 D4 in Chromium against the built app and a real SMTP server: an editor uploads an image with
// its alt text into the composer (a renamed non-image and a missing alt text are refused on the screen),
// sends a test mail; the captured mail has the responsive image with its alt, the image is served
// publicly, and the test mail's unsubscribe link works for the editor: it opens a page saying this was a
// test, and its one-click POST answers 200 without unsubscribing anyone.
import fs from "node:fs";
import path from "node:path";
import { png } from "./support/png";
import { test, expect } from "@playwright/test";
import { signInByMagicLink } from "./support/staff";
import { waitForMail } from "./support/mail";
import { e2eDb, e2eFixtures, ensureOrganisation } from "./support/db";
import { e2eEnv } from "./support/env";
import { composeIssue } from "./support/issues";

const run = Date.now().toString(36);

// A real 800 × 20 PNG (lib/uploads/testing/images.ts makes the same for vitest; e2e specs import no lib code).
test("an editor uploads an image with alt text, sends a test mail; the mail has the responsive image and its unsubscribe link works", async ({ browser, request }) => {
  const db = await e2eDb();
  const fx = await e2eFixtures();
  await ensureOrganisation();
  const { newsletter, formVersion } = await fx.createNewsletterWithForm({ name: `Beeldnieuws ${run}`, language: "nl" });
  const subscriber = `images-${run}@example.nl`;
  const person = await fx.createSubscriber({ email: subscriber, subscriptions: [{ newsletterId: newsletter.id, formVersionId: formVersion.id, status: "confirmed", createdAt: new Date(Date.now() - 86_400_000) }] });

  const editorEmail = `editor-images-${run}@example.org`;
  await db.user.create({ data: { email: editorEmail, role: "editor" } });
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  await signInByMagicLink(page, editorEmail);

  const dir = path.join(e2eEnv().E2E_DIR, `images-${run}`);
  fs.mkdirSync(dir, { recursive: true });
  const image = path.join(dir, "fiets.png");
  fs.writeFileSync(image, png(800, 20));
  const fake = path.join(dir, "virus.png");
  fs.writeFileSync(fake, "MZ this is a program renamed to .png");

  const subject = `Met beeld ${run}`;
  await composeIssue(page, newsletter.name, subject, "# Nieuwe fiets\n\nBekijk de [collectie](https://fietsen.example/nieuw).");
  const upload = page.getByRole("group", { name: "Insert an image" });

  // no alt text: refused before anything is uploaded
  await upload.getByLabel("Image file").setInputFiles(image);
  await upload.getByRole("button", { name: "Upload and insert" }).click();
  await expect(upload.getByRole("alert")).toHaveText("Describe the image first: alt text is required.");
  // a renamed non-image: the server reads the bytes and refuses it
  const uploadsBefore = await db.upload.count();
  await upload.getByLabel("Image file").setInputFiles(fake);
  await upload.getByLabel("Alt text").fill("Een blauwe fiets");
  await upload.getByRole("button", { name: "Upload and insert" }).click();
  await expect(upload.getByRole("alert")).toContainText("not a PNG, JPEG, GIF or WebP image");
  expect(await db.upload.count()).toBe(uploadsBefore);

  // the real image: inserted into the Markdown with its alt text, shown in the preview
  await upload.getByLabel("Image file").setInputFiles(image);
  await upload.getByRole("button", { name: "Upload and insert" }).click();
  await expect(upload.getByRole("status")).toContainText("The image was inserted");
  const markdown = await page.getByLabel("Text (Markdown)").inputValue();
  const url = /!\[Een blauwe fiets\]\((http[^)]+\/media\/[A-Za-z0-9_-]+\.png)\)/.exec(markdown)?.[1];
  expect(url).toBeTruthy();
  await expect(page.frameLocator('iframe[title="HTML preview"]').getByRole("img", { name: "Een blauwe fiets" })).toBeVisible();
  const row = await db.upload.findFirstOrThrow({ where: { key: url!.split("/media/")[1] } });
  expect(row).toMatchObject({ contentType: "image/png", width: 800, height: 20, storage: "local" });

  // served publicly (no session) with its type, nosniff and a long cache
  const served = await request.get(url!);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/png");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  expect(served.headers()["cache-control"]).toContain("max-age=31536000");

  // an image without alt text typed by hand: saving is refused with a message at the text field
  await page.getByLabel("Text (Markdown)").fill(`${markdown}\n\n![](${url})`);
  await page.getByRole("button", { name: "Save and send me a test" }).click();
  await expect(page.getByText(/image has no alt text/).first()).toBeVisible();
  await expect(page.getByLabel("Text (Markdown)")).toHaveAttribute("aria-invalid", "true");

  // --- with alt text: saved, and the test mail goes to the editor ---
  await page.getByLabel("Text (Markdown)").fill(markdown);
  await page.getByRole("button", { name: "Save and send me a test" }).click();
  await expect(page.getByText(`A test was sent to ${editorEmail}.`)).toBeVisible();
  const mail = await waitForMail(editorEmail, (m) => m.subject === `[TEST] ${subject}`);
  const img = /<img\b[^>]*alt="Een blauwe fiets"[^>]*>/.exec(String(mail.html))?.[0] ?? ""; // not the organisation's logo
  expect(img).toContain(`src="${url}"`);
  expect(img).toContain('alt="Een blauwe fiets"');
  expect(img).toContain('width="552"');
  expect(img).toMatch(/max-width:100%;height:auto/);
  const text = mail.text ?? "";
  expect(text).toContain("Een blauwe fiets");
  expect(text).toContain("Bekijk de collectie [1].");
  expect(text).not.toMatch(/<\/?[a-z][^>]*>|!\[|\]\(/i);

  // --- its unsubscribe link works for the editor: a page saying it was a test, nobody unsubscribed ---
  const unsubscribe = /^Afmelden voor deze nieuwsbrief: (\S+)$/m.exec(text)?.[1];
  expect(unsubscribe).toMatch(/\/u\/test\./);
  await page.goto(unsubscribe!);
  await expect(page.getByRole("heading", { name: "Deze link komt uit een testmail" })).toBeVisible();
  await expect(page.getByTestId("test-mail-notice")).toContainText(newsletter.name);
  expect(mail.headerLines.find((h) => h.key === "list-unsubscribe")?.line.replace(/\r?\n\s+/g, " ")).toContain(`<${unsubscribe}>`);
  const oneClick = await request.post(unsubscribe!, { headers: { "content-type": "application/x-www-form-urlencoded" }, data: "List-Unsubscribe=One-Click" });
  expect(oneClick.status()).toBe(200);
  expect(await oneClick.text()).toContain("test mail");
  // and the receipt / view-in-browser link opens the page that says it belongs to a test mail
  const receipt = /^Waarom krijg ik dit\? \/ Bekijk in browser: (\S+)$/m.exec(text)?.[1];
  await page.goto(receipt!);
  await expect(page.locator("main")).toContainText("test mail");
  expect((await db.subscription.findFirstOrThrow({ where: { subscriberId: person.subscriber.id } })).status).toBe("confirmed");
  await ctx.close();
});
