// Acceptance for purpose versions (issue 11, deliver 1), in Chromium against the built app and a real SMTP
// server: a visitor consents to newsletter N through the browser; the admin adds a category (a material
// change) → the next issue's pre-send report excludes them with DENY_CONSENT_PURPOSE_CHANGED and the SMTP
// server receives nothing for them; the admin sends the re-permission mail, the subscriber opens it from
// the SMTP server and presses Accept; the next issue reaches them and its footer quotes the purpose
// version they agreed to.
import { test, expect, type Page } from "@playwright/test";
import { adminState } from "./support/staff";
import { firstLink, mailTo, waitForMail } from "./support/mail";
import { e2eDb } from "./support/db";
import { saveAndDeclare } from "./support/declare";
import { composeIssue, sendFromReport } from "./support/issues";

test.use({ storageState: adminState() });

const run = Date.now().toString(36);
const CONFIRM_LINK = /https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+/;
const REPERMISSION_LINK = /https?:\/\/\S+\/r\/[A-Za-z0-9_-]+/;

async function composeAndReview(page: Page, newsletterName: string, subject: string, body: string) {
  await composeIssue(page, newsletterName, subject, body);
  await saveAndDeclare(page);
  await page.getByRole("button", { name: "Save and review the send" }).click();
}

test("consent is bound to the purpose seen: a new category excludes, the re-permission mail and Accept bring them back, the footer quotes the agreed version", async ({ page, browser }) => {
  const db = await e2eDb();
  const org = await db.organisation.findUnique({ where: { id: 1 } });
  if (!org?.name || !org.address)
    await db.organisation.upsert({
      where: { id: 1 },
      create: { id: 1, name: "Fietsbond E2E", address: "Oudegracht 1, 3511 AA Utrecht", contactEmail: "privacy@fietsbond.example", privacyUrl: "https://fietsbond.example/privacy" },
      update: { name: org?.name || "Fietsbond E2E", address: org?.address || "Oudegracht 1, 3511 AA Utrecht" },
    });
  const N = { name: `Fietsnieuws PV ${run}`, slug: `fiets-pv-${run}`, description: "Nieuwe fietsen en onderdelen, elke maand." };

  // --- the admin creates newsletter N ---
  await page.goto("/admin/newsletters/new");
  await page.getByLabel("Name", { exact: true }).first().fill(N.name);
  await page.getByLabel(/^Slug/).fill(N.slug);
  await page.getByLabel(/^Description/).first().fill(N.description);
  await page.getByLabel("Sender name").first().fill("Fietsbond");
  await page.getByLabel("Sender e-mail").fill("nieuws@fietsbond.example");
  await page.getByLabel("Product categories (comma-separated)").fill("bikes");
  await page.getByRole("button", { name: "Create newsletter" }).click();
  await expect(page.getByRole("heading", { name: N.name })).toBeVisible();
  await expect(page).not.toHaveURL(/\/new$/);
  const adminUrl = page.url();
  await expect(page.getByTestId("purpose-history").getByRole("row")).toHaveCount(2); // header + version 1
  await expect(page.getByTestId("purpose-history")).toContainText("initial");

  // --- a visitor consents to N through the browser (signup + confirm) ---
  const visitor = await (await browser.newContext()).newPage();
  const email = `pv-${run}@example.nl`;
  await visitor.goto(`/n/${N.slug}`);
  await visitor.getByRole("checkbox", { name: N.name }).check();
  await visitor.getByLabel("E-mailadres (verplicht)").fill(email);
  await visitor.getByRole("button", { name: "Aanmelden" }).click();
  await expect(visitor.getByRole("heading", { name: "Kijk in je e-mail" })).toBeVisible();
  await visitor.goto(firstLink(await waitForMail(email, (m) => (m.subject ?? "").startsWith("Bevestig")), CONFIRM_LINK));
  await visitor.getByRole("button", { name: "Bevestigen" }).click();
  await expect(visitor.getByRole("heading", { name: "Je bent aangemeld" })).toBeVisible();
  const newsletter = await db.newsletter.findUniqueOrThrow({ where: { slug: N.slug } });
  const pv1 = await db.purposeVersion.findFirstOrThrow({ where: { newsletterId: newsletter.id, version: 1 } });
  const sub = await db.subscription.findFirstOrThrow({ where: { newsletterId: newsletter.id, subscriber: { email } } });
  expect(sub.purposeVersionId).toBe(pv1.id);

  // --- the admin adds a category: a material change ---
  await page.goto(adminUrl);
  await page.getByLabel("Product categories (comma-separated)").fill("bikes, travel");
  await page.getByRole("button", { name: "Save newsletter" }).click();
  await expect(page.getByRole("status").filter({ hasText: "now revision 2" })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("purpose-history")).toContainText("material");
  await expect(page.getByTestId("earlier-consents")).toContainText("1 person agreed to an earlier purpose revision");

  // --- the next issue excludes them with the new reason, and nothing reaches them ---
  const subject1 = `Reizen per fiets ${run}`;
  await composeAndReview(page, N.name, subject1, "Fietsreizen door Europa.");
  await expect(page.getByTestId("report-recipients")).toContainText("0 recipients");
  await expect(page.getByTestId("report-excluded").getByRole("row", { name: /consented to an earlier purpose of this newsletter DENY_CONSENT_PURPOSE_CHANGED 1/ })).toBeVisible();
  await sendFromReport(page);
  await expect(page.getByTestId("count-sent")).toHaveText("0");
  await expect(page.getByTestId("send-reasons")).toContainText("DENY_CONSENT_PURPOSE_CHANGED");
  expect((await mailTo(email)).map((m) => m.subject)).not.toContain(subject1);

  // --- the admin sends the re-permission mail; the subscriber opens it and accepts ---
  await page.goto(adminUrl);
  await page.getByRole("button", { name: "Send the re-permission mail" }).click();
  await expect(page.getByText("The re-permission mail is being sent.")).toBeVisible();
  const ask = await waitForMail(email, (m) => REPERMISSION_LINK.test(m.text ?? ""), 30_000);
  expect(ask.text).toContain(`Waar je mee instemde: “${N.name}”: ${N.description} (doelversie 1)`);
  expect(ask.text).not.toMatch(/korting|aanbieding/i);
  const link = firstLink(ask, REPERMISSION_LINK);
  await visitor.goto(link);
  await expect(visitor.getByTestId("purpose-agreed")).toContainText("bikes");
  await expect(visitor.getByTestId("purpose-agreed")).not.toContainText("travel");
  await expect(visitor.getByTestId("purpose-new")).toContainText("bikes, travel");
  expect((await db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).purposeVersionId).toBe(pv1.id); // looking accepts nothing
  await visitor.getByRole("button", { name: "Accepteren" }).click();
  await expect(visitor.getByRole("status")).toContainText("met het nieuwe doel");
  const pv2 = await db.purposeVersion.findFirstOrThrow({ where: { newsletterId: newsletter.id, version: 2 } });
  expect((await db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).purposeVersionId).toBe(pv2.id);
  const accepted = await db.consentEvent.findFirstOrThrow({ where: { subscriptionId: sub.id, type: "repermission" } });
  expect(accepted.details).toMatchObject({ fromPurposeVersionId: pv1.id, toPurposeVersionId: pv2.id });
  expect(accepted.ip).toBeTruthy();
  expect(accepted.userAgent).toContain("Chrome");
  await visitor.goto(link); // single use
  await expect(visitor.getByRole("heading", { name: "Deze link is al gebruikt" })).toBeVisible();

  // --- the next issue reaches them, and its footer quotes the version agreed to ---
  const subject2 = `Najaar ${run}`;
  await composeAndReview(page, N.name, subject2, "Nieuwe fietsen en reizen.");
  await expect(page.getByTestId("report-recipients")).toContainText("1 recipient will receive this issue");
  await sendFromReport(page);
  const issueMail = await waitForMail(email, (m) => m.subject === subject2);
  expect(issueMail.text).toContain(`(doelversie 2): “${N.name}”: ${N.description}`);
  expect(issueMail.html).toContain("doelversie 2");
  expect((await mailTo(email)).map((m) => m.subject)).not.toContain(subject1);
});
