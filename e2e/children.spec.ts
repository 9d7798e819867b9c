// Children (issue 11, R-CHILD-UNDER-16), in Chromium against the built app and a real SMTP server: the
// admin marks a newsletter as aimed at children and publishes a form for it; the form asks the age; a
// child under 16 is refused without a parent's address (field marked, what they typed kept), then signs
// up with one; only the parent gets the double opt-in mail, asking consent for the child's address; the
// parent confirms; the consent is givenBy parent and the next issue reaches the child.
import { test, expect, type Page } from "@playwright/test";
import { adminState } from "./support/staff";
import { firstLink, mailTo, waitForMail } from "./support/mail";
import { e2eDb } from "./support/db";
import { saveAndDeclare } from "./support/declare";
import { composeIssue, sendFromReport } from "./support/issues";

test.use({ storageState: adminState() });
test.describe.configure({ mode: "serial" });

const run = Math.random().toString(36).slice(2, 8);
const CONFIRM_LINK = /https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+/;
const shownText = (page: Page) => page.locator("[data-form-line]").evaluateAll((els) => els.map((e) => e.textContent ?? "").join("\n"));

test("a child signs up with a parent's address; the parent confirms; the issue reaches the child", async ({ page, browser }) => {
  const db = await e2eDb();
  // other spec files may have set the organisation already; the form needs a complete one
  const org = await db.organisation.findUnique({ where: { id: 1 } });
  await db.organisation.upsert({
    where: { id: 1 },
    create: { id: 1, name: "Fietsbond E2E", address: "Dorpsstraat 1, Utrecht", contactEmail: "privacy@fietsbond.example", privacyUrl: "https://fietsbond.example/privacy" },
    update: {
      name: org?.name || "Fietsbond E2E", address: org?.address || "Dorpsstraat 1, Utrecht",
      contactEmail: org?.contactEmail || "privacy@fietsbond.example", privacyUrl: org?.privacyUrl || "https://fietsbond.example/privacy",
    },
  });
  const orgName = (await db.organisation.findUniqueOrThrow({ where: { id: 1 } })).name;

  // --- the admin: a children's newsletter and a form offering it ---
  const K = { name: `Kidsclub ${run}`, slug: `kids-${run}` };
  await page.goto("/admin/newsletters/new");
  await page.getByLabel("Name", { exact: true }).first().fill(K.name);
  await page.getByLabel(/^Slug/).fill(K.slug);
  await page.getByLabel(/^Description/).first().fill("Puzzels en verhalen.");
  await page.getByLabel("Sender name").first().fill("Fietsbond");
  await page.getByLabel("Sender e-mail").fill("kids@fietsbond.example");
  await page.getByLabel(/Aimed at children or teenagers/).check();
  await page.getByRole("button", { name: "Create newsletter" }).click();
  await expect(page).toHaveURL(/\/admin\/newsletters\/(?!new$)[a-z0-9]+$/);
  await expect(page.getByLabel(/Aimed at children or teenagers/)).toBeChecked();
  expect((await db.newsletter.findUniqueOrThrow({ where: { slug: K.slug } })).aimedAtChildren).toBe(true);

  const formSlug = `kids-form-${run}`;
  await page.goto("/admin/forms/new");
  await page.getByLabel("Form name (for admins)").fill(`Kids ${run}`);
  await page.getByLabel(/^Slug/).fill(formSlug);
  await page.getByLabel(K.name).check();
  await page.getByRole("button", { name: "Create form" }).click();
  await expect(page).toHaveURL(/\/admin\/forms\/[a-z0-9]+$/);
  await expect(page.locator("form[data-ready=true]")).toBeVisible();
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.getByText("Published as version 1.")).toBeVisible();

  // --- the child, in the browser ---
  const child = `kind-${run}@example.nl`;
  const parent = `ouder-${run}@example.nl`;
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/f/${formSlug}`);
  const shown = await shownText(visitor);
  expect(shown).toContain("Hoe oud ben je?");
  expect(shown).toContain("je IP-adres en de identificatie van je browser");
  expect(shown).toContain("AVG artikel 6 lid 1 onder a");
  await expect(visitor.getByRole("radio", { name: "Ik ben jonger dan 16" })).not.toBeChecked();
  await expect(visitor.getByRole("radio", { name: "Ik ben 16 jaar of ouder" })).not.toBeChecked();

  await visitor.getByRole("checkbox", { name: K.name }).check();
  await visitor.getByLabel("E-mailadres (verplicht)").fill(child);
  await visitor.getByRole("radio", { name: "Ik ben jonger dan 16" }).check();
  await visitor.getByRole("button", { name: "Aanmelden" }).click();
  await expect(visitor.locator("#signup-error")).toHaveText("Je bent jonger dan 16: vul het e-mailadres van je ouder of voogd in. Zij krijgen de bevestigingsmail.");
  const guardianField = visitor.getByLabel(/E-mailadres van je ouder of voogd/);
  await expect(guardianField).toHaveAttribute("aria-invalid", "true");
  // what was typed and ticked is kept
  await expect(visitor.getByLabel("E-mailadres (verplicht)")).toHaveValue(child);
  await expect(visitor.getByRole("radio", { name: "Ik ben jonger dan 16" })).toBeChecked();
  await expect(visitor.getByRole("checkbox", { name: K.name })).toBeChecked();
  expect(await db.subscriber.count({ where: { email: child } })).toBe(0);

  await guardianField.fill(parent);
  await visitor.getByRole("button", { name: "Aanmelden" }).click();
  await expect(visitor.getByRole("heading", { name: "Kijk in je e-mail" })).toBeVisible();

  // --- only the parent gets the double opt-in, asking consent for the child's address ---
  const mail = await waitForMail(parent, (m) => (m.subject ?? "").startsWith("Toestemming gevraagd"));
  expect(mail.subject).toBe(`Toestemming gevraagd voor de aanmelding van je kind voor ${K.name}`);
  expect(mail.text).toContain(`het e-mailadres ${child} bij ${orgName} aangemeld`);
  expect(mail.text).toContain("jonger dan 16");
  expect(await mailTo(child)).toHaveLength(0);

  const parentPage = await (await browser.newContext()).newPage();
  await parentPage.goto(firstLink(mail, CONFIRM_LINK));
  await expect(parentPage.getByRole("heading", { name: "Toestemming geven voor je kind" })).toBeVisible();
  await parentPage.getByRole("button", { name: "Bevestigen" }).click();
  await expect(parentPage.getByRole("heading", { name: "Bedankt voor je toestemming" })).toBeVisible();

  const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email: child }, include: { subscriptions: true } });
  expect(subscriber).toMatchObject({ ageBand: "under16", guardianEmail: parent });
  expect(subscriber.subscriptions.map((s) => [s.status, s.givenBy])).toEqual([["confirmed", "parent"]]);
  const events = await db.consentEvent.findMany({ where: { subscriberId: subscriber.id }, orderBy: { seq: "asc" } });
  expect(events.map((e) => [e.type, e.actor])).toEqual([["signup", "subject"], ["optin_sent", "system"], ["confirm", "parent"]]);
  expect(events[2].details).toMatchObject({ givenBy: "parent" });

  // --- an issue reaches the child ---
  const subject = `Puzzel van de week ${run}`;
  await composeIssue(page, K.name, subject, "Zoek de tien verschillen.");
  await saveAndDeclare(page);
  await page.getByRole("button", { name: "Save and review the send" }).click();
  await expect(page.getByTestId("report-recipients")).toContainText("1 recipient will receive this issue");
  await sendFromReport(page);
  const issueMail = await waitForMail(child, (m) => m.subject === subject);
  expect(issueMail.text).toContain("Zoek de tien verschillen.");
  expect((await mailTo(parent)).map((m) => m.subject)).not.toContain(subject);
});
