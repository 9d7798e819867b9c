// Issue 11, Deliver 2: every issue is declared before it is sent. In Chromium against the built app and a
// real SMTP server: an undeclared issue gets no send buttons; an issue declared "third-party offer" to a
// newsletter with consent-basis and customer-basis recipients shows, in the pre-send report, the customers
// excluded with DENY_THIRD_PARTY_NEEDS_CONSENT, and the SMTP server receives nothing for them. Customers
// come in the way the product takes them: the shop's purchases API with a token created in the admin.
import { test, expect, type APIRequestContext, type Page } from "@playwright/test";
import { adminState } from "./support/staff";
import { mailTo, waitForMail } from "./support/mail";
import { e2eDb, e2eFixtures, ensureOrganisation } from "./support/db";
import { declareIssue } from "./support/declare";

test.use({ storageState: adminState() });

const run = Date.now().toString(36);

/** A shop API token, created in the admin as an admin does. */
async function createShopToken(page: Page): Promise<string> {
  await page.goto("/admin/api-tokens");
  await page.getByLabel("Name (e.g. the shop it is for)").fill(`Webshop ${run}`);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())?.trim();
  if (!token) throw new Error("no token shown");
  return token;
}

/**
 * One purchase through POST /api/v1/purchases, which enrols the buyer on the existing-customer basis in the
 * newsletters mapped to the product (Newsletter.customerProducts) in the buyer's language, with the opt-out
 * text the checkout showed.
 */
async function buyViaShopApi(request: APIRequestContext, token: string, o: { email: string; category: string }) {
  const res = await request.post("/api/v1/purchases", {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    data: { email: o.email, purchasedAt: new Date(Date.now() - 86_400_000).toISOString(), category: o.category, language: "nl",
      objectionOffered: true, optOutText: "Ik wil geen aanbiedingen per e-mail ontvangen.", objected: false },
  });
  expect(res.status(), await res.text()).toBe(201);
}

test("an issue declared as a third-party offer excludes customer-basis recipients, and they get nothing", async ({ page, request }) => {
  const db = await e2eDb();
  const fx = await e2eFixtures();
  await ensureOrganisation();

  // A newsletter about one product category (unique to this run, so the shop's purchases land only here).
  const category = `fietsen-${run}`;
  const { newsletter, formVersion } = await fx.createNewsletterWithForm({ name: `Fietsdeals ${run}` });
  await db.newsletter.update({ where: { id: newsletter.id }, data: { categories: [category], customerProducts: [category], language: "nl" } });

  // Consent basis: one subscriber who also agreed to third-party offers, one who did not.
  const since = new Date(Date.now() - 86_400_000);
  const withOffers = `offers-${run}@example.nl`;
  const ownOnly = `own-${run}@example.nl`;
  const { subscriptions } = await fx.createSubscriber({ email: withOffers, subscriptions: [{ newsletterId: newsletter.id, formVersionId: formVersion.id, status: "confirmed", createdAt: since }] });
  await db.subscription.update({ where: { id: subscriptions[0].id }, data: { thirdPartyOffers: true } });
  await fx.createSubscriber({ email: ownOnly, subscriptions: [{ newsletterId: newsletter.id, formVersionId: formVersion.id, status: "confirmed", createdAt: since }] });

  // Customer basis: two buyers through the shop API.
  const token = await createShopToken(page);
  const buyers = [`buyer1-${run}@example.nl`, `buyer2-${run}@example.nl`];
  for (const email of buyers) await buyViaShopApi(request, token, { email, category });
  expect(await db.subscription.count({ where: { newsletterId: newsletter.id, basis: "existing_customer", status: "confirmed" } })).toBe(2);

  // Compose and save; before declaring, the send page offers no way to send.
  const subject = `Partneraanbod ${run}`;
  await page.goto("/admin/issues");
  await page.getByLabel("Newsletter").selectOption({ label: newsletter.name });
  await page.getByLabel("Subject").fill(subject);
  await page.getByRole("button", { name: "Create the issue" }).click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
  await expect(page.getByTestId("declaration-status")).toContainText("Not declared");
  // no answer is chosen for the editor
  const form = page.locator('form[aria-label="Declaration"][data-ready=true]');
  await expect(form.getByRole("radio", { checked: true })).toHaveCount(0);
  await expect(form.getByRole("checkbox", { checked: true })).toHaveCount(0);
  await page.getByLabel("Text (Markdown)").fill("Deze maand: een aanbieding van onze partner, Fietsverzekering BV.");
  await page.getByRole("button", { name: "Save and review the send" }).click();
  await expect(page.getByTestId("declaration-missing")).toContainText("This issue has not been declared");
  await expect(page.getByRole("button", { name: "Send now" })).toHaveCount(0);

  // Declaring without confirming is refused and keeps the answers.
  await page.getByRole("link", { name: "Back to the composer" }).click();
  await expect(form).toBeVisible();
  await form.getByLabel(category, { exact: true }).check();
  await form.getByLabel("Yes, it contains third-party offers").check();
  await form.getByLabel(/^Consent and existing customers/).check();
  await form.getByRole("button", { name: "Declare" }).click();
  await expect(form.getByRole("alert")).toContainText("I declare");
  await expect(form.getByLabel("Yes, it contains third-party offers")).toBeChecked();
  await expect(page.getByTestId("declaration-status")).toContainText("Not declared");

  await declareIssue(page, { thirdParty: true, basis: "existing_customer" }); // the category stays ticked
  await page.getByRole("button", { name: "Save and review the send" }).click();

  // The report: the declaration, its effect per basis, and the exclusions.
  await expect(page.getByTestId("declared-third-party")).toHaveText("yes");
  await expect(page.getByTestId("report-declaration")).toContainText(category);
  const effects = page.getByTestId("report-declaration-effects");
  await expect(effects).toContainText("third-party offer: 2 customer-basis recipients excluded, DENY_THIRD_PARTY_NEEDS_CONSENT");
  await expect(effects).toContainText("third-party offer: 1 consent-basis recipient excluded, DENY_THIRD_PARTY_NEEDS_CONSENT");
  await expect(page.getByTestId("report-by-basis").getByRole("row", { name: /existing customer 2 0 DENY_THIRD_PARTY_NEEDS_CONSENT: 2/ })).toBeVisible();
  await expect(page.getByTestId("report-by-basis").getByRole("row", { name: /consent 2 1 DENY_THIRD_PARTY_NEEDS_CONSENT: 1/ })).toBeVisible();
  await expect(page.getByTestId("report-recipients")).toContainText("1 recipient will receive this issue");
  await expect(page.getByTestId("report-excluded").getByRole("row", { name: /third-party offer without consent DENY_THIRD_PARTY_NEEDS_CONSENT 3/ })).toBeVisible();
  await expect(page.locator("main")).not.toContainText(buyers[0]);

  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Send now" }).click();
  await expect(page.getByTestId("send-status")).toHaveText("done", { timeout: 30_000 });
  await expect(page.getByTestId("count-sent")).toHaveText("1");

  // The send keeps the declaration as sent.
  const send = await db.send.findFirstOrThrow({ where: { issue: { subject } } });
  expect(send.declaration).toMatchObject({ categories: [category], thirdPartyPromotion: true, basis: "existing_customer" });

  // The SMTP server got the issue for the subscriber who agreed to third-party offers, nothing for anyone else.
  await waitForMail(withOffers, (m) => m.subject === subject);
  for (const email of [...buyers, ownOnly]) expect((await mailTo(email)).filter((m) => m.subject === subject)).toHaveLength(0);
  const skipped = await db.delivery.findMany({ where: { sendId: send.id, status: "skipped" }, select: { reason: true, subscriptionId: true } });
  const basisOf = new Map((await db.subscription.findMany({ where: { newsletterId: newsletter.id } })).map((s) => [s.id, s.basis]));
  expect(skipped.map((d) => `${basisOf.get(d.subscriptionId!)}:${d.reason}`).sort()).toEqual([
    "consent:DENY_THIRD_PARTY_NEEDS_CONSENT", "existing_customer:DENY_THIRD_PARTY_NEEDS_CONSENT", "existing_customer:DENY_THIRD_PARTY_NEEDS_CONSENT",
  ]);
});
