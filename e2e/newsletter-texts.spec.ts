// A newsletter's texts per language (issue 13, deliver 2), in Chromium against the built app and a real SMTP
// server: the admin fills the Dutch (primary) and English texts, publishes an English form, and a visitor
// who signs up on it sees the English name on a page in English and gets the confirmation mail from the
// English sender name.
import { test, expect } from "@playwright/test";
import { adminState } from "./support/staff";
import { firstLink, waitForMail } from "./support/mail";
import { e2eDb } from "./support/db";

test.use({ storageState: adminState() });

const run = Date.now().toString(36);
const CONFIRM_LINK = /https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+/;
const NL = { name: `Fietsnieuws T ${run}`, description: "Nieuwe fietsen, elke maand.", fromName: "Fietsbond", footer: "Je krijgt dit als lid." };
const EN = { name: `Bike news T ${run}`, description: "New bikes, every month.", fromName: "Cyclists Union", footer: "You get this as a member." };

test("texts per language: the admin fills nl and en, an English signup sees the English name and mail sender", async ({ page, browser }) => {
  const db = await e2eDb();
  const org = await db.organisation.findUnique({ where: { id: 1 } });
  if (!org?.name || !org.address)
    await db.organisation.upsert({
      where: { id: 1 },
      create: { id: 1, name: "Fietsbond E2E", address: "Oudegracht 1, 3511 AA Utrecht", contactEmail: "privacy@fietsbond.example", privacyUrl: "https://fietsbond.example/privacy" },
      update: { name: org?.name || "Fietsbond E2E", address: org?.address || "Oudegracht 1, 3511 AA Utrecht" },
    });

  // --- the admin creates the newsletter with its Dutch and English texts ---
  await page.goto("/admin/newsletters/new");
  await page.getByLabel(/^Slug/).fill(`fiets-t-${run}`);
  await page.getByLabel("Sender e-mail").fill("nieuws@fietsbond.example");
  const fill = async (group: string, t: typeof NL) => {
    const g = page.getByRole("group", { name: group });
    await g.getByLabel("Name", { exact: true }).fill(t.name);
    await g.getByLabel(/^Description/).fill(t.description);
    await g.getByLabel("Sender name").fill(t.fromName);
    await g.getByLabel(/^Footer/).fill(t.footer);
  };
  await fill("Dutch (primary language)", NL);
  await fill("English (optional)", EN);
  await page.getByRole("button", { name: "Create newsletter" }).click();
  await expect(page.getByRole("heading", { name: NL.name })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("group", { name: "English (optional)" }).getByLabel("Sender name")).toHaveValue(EN.fromName);
  await expect(page.getByRole("group", { name: "English (optional)" }).getByLabel(/^Footer/)).toHaveValue(EN.footer);

  // --- and an English form offering it ---
  const formSlug = `texts-en-${run}`;
  await page.goto("/admin/forms/new");
  await page.getByLabel("Form name (for admins)").fill(`Texts ${run}`);
  await page.getByLabel(/^Slug/).fill(formSlug);
  await page.getByLabel("Language of the form").selectOption("en");
  await page.getByLabel(NL.name).check();
  await page.getByRole("button", { name: "Create form" }).click();
  await expect(page).toHaveURL(/\/admin\/forms\/[a-z0-9]+$/);
  await expect(page.locator("form[data-ready=true]")).toBeVisible();
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.getByText("Published as version 1.")).toBeVisible();

  // --- a visitor signs up on the English form ---
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/f/${formSlug}`);
  await expect(visitor.locator("html")).toHaveAttribute("lang", "en");
  await expect(visitor.getByText(EN.description)).toBeVisible();
  await expect(visitor.getByText(NL.name)).toHaveCount(0);
  const email = `texts-${run}@example.com`;
  await visitor.getByRole("checkbox", { name: EN.name }).check();
  await visitor.getByLabel("E-mail address (required)").fill(email);
  await visitor.getByRole("button", { name: "Subscribe" }).click();
  await expect(visitor.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();

  const mail = await waitForMail(email, (m) => (m.subject ?? "").startsWith("Confirm"));
  expect(mail.from?.value).toEqual([{ name: EN.fromName, address: "nieuws@fietsbond.example" }]);
  expect(mail.subject).toContain(EN.name);

  await visitor.goto(firstLink(mail, CONFIRM_LINK));
  await expect(visitor.locator("html")).toHaveAttribute("lang", "en");
  await expect(visitor.getByRole("listitem").filter({ hasText: EN.name })).toBeVisible();
});
