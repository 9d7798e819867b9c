// Acceptance for "Why did I get this? / View in browser" (issue 12 D6, issue 13), in Chromium against the
// built app and a real SMTP server: an English issue is sent from the admin; the subscriber's message
// links to its receipt page. After the form text and the purpose changed, the page (in a browser with no
// staff session) still shows the purpose version and the form text the message was sent under, in the
// message's language (<html lang="en">), the send record and the message itself; opening it changes
// nothing; its button unsubscribes, once. A forged link says only that it does not work.
import { test, expect } from "@playwright/test";
import { adminState } from "./support/staff";
import { waitForMail } from "./support/mail";
import { e2eDb, e2eFixtures, ensureOrganisation } from "./support/db";
import { saveAndDeclare } from "./support/declare";
import { composeIssue, sendFromReport } from "./support/issues";

test.use({ storageState: adminState() });

const run = Date.now().toString(36);
const RECEIPT_LINK = /Why did I get this\? \/ View in browser: (https?:\/\/\S+\/m\/\S+)/;
const ADMIN = { id: null, email: "admin@example.org" };

const newsletterInput = (over: Record<string, unknown>) => ({
  slug: `receipt-${run}`, name: `Bike News R ${run}`, description: "New bikes, every month.", language: "en",
  fromName: "Fietsbond", fromEmail: "news@fietsbond.example", replyTo: "", frequency: "", categories: ["bikes"], similarMap: null, ...over,
});

test("the receipt shows the purpose version and form text the message was sent under, in its language; unsubscribe from there works once", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await ensureOrganisation();
  const db = await e2eDb();
  const fx = await e2eFixtures();
  const { saveNewsletter } = await import("../lib/newsletters/save-newsletter.ts");
  const { sha256 } = await import("../lib/util/hash.ts");

  // --- an English newsletter (purpose version 1), a form text, a confirmed subscriber ---
  const created = await saveNewsletter({ input: newsletterInput({}), actor: ADMIN });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const pv1 = await db.purposeVersion.findFirstOrThrow({ where: { newsletterId: created.id }, orderBy: { version: "desc" } });
  const oldText = `Yes, send me Bike News R ${run} every month. Fietsbond, Oudegracht 1, Utrecht. Unsubscribe any time.`;
  const form = await db.form.create({ data: { slug: `receipt-form-${run}`, name: `Receipt form ${run}`, language: "en", draft: {} } });
  const formVersion = (text: string, version: number) => db.formVersion.create({
    data: {
      formId: form.id, version, language: "en", definition: {}, newsletterIds: [created.id], renderedText: text, contentHash: sha256(text),
      controllerIdentity: "Fietsbond", privacyUrl: "https://fietsbond.example/privacy", retentionStatement: "As long as you are subscribed.",
      purposeVersionIds: { [created.id]: pv1.id },
    },
  });
  const fv1 = await formVersion(oldText, 1);
  const email = `receipt-${run}@example.org`;
  const { subscriptions } = await fx.createSubscriber({
    email, subscriptions: [{ newsletterId: created.id, formVersionId: fv1.id, status: "confirmed", createdAt: new Date(Date.now() - 86_400_000) }],
  });
  await db.subscription.update({ where: { id: subscriptions[0].id }, data: { purposeVersionId: pv1.id } });

  // --- the editor sends an issue; the message carries the receipt link in both parts ---
  const subject = `Spring ${run}`;
  await composeIssue(page, `Bike News R ${run}`, subject, `# New bikes ${run}\n\nThe spring range is in.`);
  await saveAndDeclare(page);
  await page.getByRole("button", { name: "Save and review the send" }).click();
  await expect(page.getByTestId("report-recipients")).toContainText("1 recipient will receive this issue");
  await sendFromReport(page);
  const mail = await waitForMail(email, (m) => m.subject === subject);
  const link = (mail.text ?? "").match(RECEIPT_LINK)?.[1];
  expect(link, "the plain-text footer has the receipt link").toBeTruthy();
  expect(mail.html).toContain(`href="${link}"`);
  expect(mail.html).toContain("Why did I get this? / View in browser");

  // --- then the form text and the purpose change ---
  await db.form.update({ where: { id: form.id }, data: { currentVersionId: (await formVersion(`Yes, send me weekly tips and partner offers ${run}.`, 2)).id } });
  const changed = await saveNewsletter({ id: created.id, input: newsletterInput({ name: `Bike and Travel News R ${run}`, categories: ["bikes", "travel"] }), actor: ADMIN });
  expect(changed).toMatchObject({ ok: true, purpose: { change: "material" } });

  // --- a scanner's GET changes nothing ---
  const scan = await page.request.get(link!);
  expect(scan.status()).toBe(200);
  expect(scan.headers()["referrer-policy"]).toBe("same-origin");
  expect(scan.headers()["cache-control"] ?? "").toContain("no-store");
  expect((await db.subscription.findUniqueOrThrow({ where: { id: subscriptions[0].id } })).status).toBe("confirmed");

  // --- the subscriber opens it: no staff session, English, what the message was sent under ---
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(link!);
  await expect(reader.locator("html")).toHaveAttribute("lang", "en");
  await expect(reader.getByRole("heading", { level: 1, name: "Why you got this message" })).toBeVisible();
  await expect(reader.getByTestId("purpose")).toContainText(`Purpose version ${pv1.version}: “Bike News R ${run}”`);
  await expect(reader.getByTestId("purpose")).not.toContainText("Travel");
  await expect(reader.getByTestId("form-text")).toHaveText(oldText);
  await expect(reader.getByTestId("send-record")).toContainText("ALLOW_CONSENT");
  await expect(reader.getByTestId("send-record")).toContainText("your consent");
  await expect(reader.getByRole("link", { name: "Your data and preferences" })).toHaveAttribute("href", /\/p\//);
  // view in browser: the issue as sent, with its personal footer
  const message = reader.frameLocator("iframe[title^='The message']");
  await expect(message.getByRole("heading", { name: `New bikes ${run}` })).toBeVisible();
  await expect(message.getByRole("link", { name: "Unsubscribe from this newsletter" })).toHaveAttribute("href", /\/u\//);

  // --- one press unsubscribes (from the newsletter as it is called now); pressing again is not offered, and changes nothing ---
  await reader.getByRole("button", { name: `Unsubscribe from Bike and Travel News R ${run}` }).click();
  await expect(reader.locator("main").getByRole("status")).toContainText(`You are unsubscribed from Bike and Travel News R ${run}`);
  expect((await db.subscription.findUniqueOrThrow({ where: { id: subscriptions[0].id } })).status).toBe("unsubscribed");
  await reader.reload();
  await expect(reader.getByRole("button", { name: /^Unsubscribe from/ })).toHaveCount(0);
  expect(await db.consentEvent.count({ where: { subscriptionId: subscriptions[0].id, type: "withdraw" } })).toBe(1);

  // --- a forged link: a plain page in both languages, no stack trace ---
  const forged = link!.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
  const res = await reader.goto(forged);
  expect(res?.status()).toBeLessThan(500);
  await expect(reader.getByRole("heading", { level: 1 })).toContainText("This link does not work");
  await expect(reader.locator("main").getByRole("alert")).toContainText("Deze link werkt niet");
  await expect(reader.locator("body")).not.toContainText(subject);
});

test("a test mail's receipt link opens a page that says it belongs to a test mail", async ({ page }) => {
  await page.goto("/m/sample");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Link of a test mail");
});
