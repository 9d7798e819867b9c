// List hygiene you can see (issue 14 D3, D6), in Chromium against the built app, the real SMTP server and
// database: an issue goes out; a hard bounce and a complaint for it come back through the inbound pipeline;
// the send's delivery view counts them; the next issue's pre-send report lists them on their own lines; an
// unmatched report waits on Admin → Inbound, and the admin dismisses it.
import { test, expect } from "@playwright/test";
import { adminState } from "./support/staff";
import { e2eDb, e2eFixtures, ensureOrganisation } from "./support/db";
import { saveAndDeclare } from "./support/declare";
import { composeIssue, sendFromReport } from "./support/issues";

test.use({ storageState: adminState() });

const run = Date.now().toString(36);

test("the delivery view counts bounces and complaints, the report names them, and an unmatched report is dismissed", async ({ page }) => {
  test.setTimeout(180_000); // two issues composed, declared and reviewed, and the inbound pipeline run from here
  const db = await e2eDb();
  const fx = await e2eFixtures();
  await ensureOrganisation();
  const { applyInbound } = await import("../lib/inbound/apply-inbound.ts");
  const { fixture, tamper } = await import("../lib/inbound/testing.ts");
  const a = await fx.createNewsletterWithForm({ name: `Hygiene ${run}` });
  const since = new Date(Date.now() - 86_400_000);
  const emails = ["bounces", "complains", "reads"].map((k) => `${k}-${run}@example.net`);
  for (const email of emails) await fx.createSubscriber({ email, subscriptions: [{ newsletterId: a.newsletter.id, formVersionId: a.formVersion.id, status: "confirmed", createdAt: since }] });

  const subject = `Voorjaar ${run}`;
  await composeIssue(page, a.newsletter.name, subject, "Nieuwe fietsen.");
  await saveAndDeclare(page);
  await page.getByRole("button", { name: "Save and review the send" }).click();
  await expect(page.getByTestId("report-recipients")).toContainText("3 recipients will receive this issue");
  await sendFromReport(page);
  const issueUrl = page.url().replace(/\/send$/, "");

  // What comes back: a Microsoft 365 NDR for one, an ARF complaint for another (signed ids in the returned headers).
  const deliveryOf = async (email: string) => db.delivery.findFirstOrThrow({ where: { issue: { subject }, subscriber: { email } } });
  const bounced = await applyInbound(fixture("outlook-ndr-access-denied-5.4.1.eml", { deliveryId: (await deliveryOf(emails[0])).id }), { source: "test" });
  expect(bounced.decision?.code).toBe("INBOUND_HARD_BOUNCE");
  const complained = await applyInbound(fixture("yahoo-arf-abuse.eml", { deliveryId: (await deliveryOf(emails[1])).id }), { source: "test" });
  expect(complained.decision?.code).toBe("INBOUND_COMPLAINT");
  // And one with a forged id: kept for staff, nothing done.
  const unmatched = await applyInbound(tamper(fixture("exchange-2016-ndr-headers-only.eml", { deliveryId: (await deliveryOf(emails[2])).id })), { source: "test" });
  expect(unmatched.decision?.code).toBe("INBOUND_UNMATCHED");

  // --- the send's delivery view ---
  await page.goto(issueUrl);
  await page.getByRole("link", { name: /^Delivery:/ }).click();
  await expect(page.getByRole("heading", { name: `Delivery of “${subject}”` })).toBeVisible();
  await expect(page.getByTestId("delivery-delivered")).toHaveText("3");
  await expect(page.getByTestId("delivery-bouncedHard")).toHaveText("1");
  await expect(page.getByTestId("delivery-complained")).toHaveText("1");
  await expect(page.getByTestId("delivery-refused")).toHaveText("0");

  // --- the next issue's report: each suppression on its own line ---
  await composeIssue(page, a.newsletter.name, `Zomer ${run}`, "Zomerfietsen.");
  await saveAndDeclare(page);
  await page.getByRole("button", { name: "Save and review the send" }).click();
  await expect(page.getByTestId("report-recipients")).toContainText("1 recipient will receive this issue");
  const excluded = page.getByTestId("report-excluded");
  await expect(excluded.getByRole("row", { name: /unsubscribed or objected DENY_SUPPRESSED 2/ })).toBeVisible();
  await expect(excluded.getByRole("row", { name: /of which address bounced SUPPRESSED_BOUNCE 1/ })).toBeVisible();
  await expect(excluded.getByRole("row", { name: /of which complained \(spam report\) SUPPRESSED_COMPLAINT 1/ })).toBeVisible();

  // --- Admin → Inbound: the unmatched report, dismissed ---
  await page.goto("/admin");
  await page.getByRole("link", { name: "Inbound", exact: true }).click();
  const row = page.getByTestId(`inbound-${unmatched.id}`);
  await expect(row).toContainText("hard bounce");
  await expect(row).toContainText("Undeliverable: Spring: the new models");
  await expect(row).toContainText("signature does not verify");
  // The address field starts empty: staff type it themselves.
  await expect(row.getByLabel("Suppress this address")).toHaveValue("");
  await row.getByRole("button", { name: "Dismiss" }).click();
  await expect(row.getByRole("status")).toHaveText("Dismissed: the message is marked as handled.");
  expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: unmatched.id } })).toMatchObject({ handledAction: "dismissed" });
  expect(await db.auditLog.count({ where: { action: "inbound.dismiss", target: unmatched.id } })).toBe(1);
  await page.reload();
  await expect(page.getByTestId(`inbound-${unmatched.id}`)).toHaveCount(0);
});
