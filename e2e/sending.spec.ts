// Acceptance for sending (issue 4), in Chromium against the built app and a real SMTP server: compose with
// a live preview, the pre-send report, send; the confirmed subscriber gets the issue with RFC 8058
// headers; a One-Click POST to the header's URL unsubscribes; the next issue skips them with the right
// reason; a pending subscriber never gets an issue; consent for A never delivers B.
import { test, expect } from "@playwright/test";
import { adminState } from "./support/staff";
import { mailTo, waitForMail } from "./support/mail";
import { e2eDb, e2eFixtures, ensureOrganisation } from "./support/db";
import { saveAndDeclare } from "./support/declare";
import { composeIssue, sendFromReport } from "./support/issues";

test.use({ storageState: adminState() });

const run = Date.now().toString(36);

async function setup() {
  const db = await e2eDb();
  const fx = await e2eFixtures();
  // other spec files may have set the organisation first: the footer must show whatever it is now
  const orgAddress = (await ensureOrganisation()).address;
  const a = await fx.createNewsletterWithForm({ name: `Fietsnieuws A ${run}`, language: "nl" });
  const b = await fx.createNewsletterWithForm({ name: `Reisnieuws B ${run}`, language: "en" });
  const since = new Date(Date.now() - 86_400_000);
  const confirmedA = `confirmed-a-${run}@example.nl`;
  const pendingA = `pending-a-${run}@example.nl`;
  const confirmedB = `confirmed-b-${run}@example.nl`;
  await fx.createSubscriber({ email: confirmedA, subscriptions: [{ newsletterId: a.newsletter.id, formVersionId: a.formVersion.id, status: "confirmed", createdAt: since }] });
  await fx.createSubscriber({ email: pendingA, subscriptions: [{ newsletterId: a.newsletter.id, formVersionId: a.formVersion.id, status: "pending", createdAt: since }] });
  await fx.createSubscriber({ email: confirmedB, subscriptions: [{ newsletterId: b.newsletter.id, formVersionId: b.formVersion.id, status: "confirmed", createdAt: since }] });
  return { db, a, b, confirmedA, pendingA, confirmedB, orgAddress };
}

test("compose, preview, report, send; one-click unsubscribe; the next issue skips them; pending and other-newsletter subscribers get nothing", async ({ page, request }) => {
  const { db, a, b, confirmedA, pendingA, confirmedB, orgAddress } = await setup();

  // --- compose with the live preview (HTML and plain text) ---
  const subject1 = `Voorjaar ${run}`;
  await composeIssue(page, a.newsletter.name, subject1, `# Nieuwe fietsen\n\nDe **voorjaarscollectie** ${run} is [binnen](https://fietsen.example/voorjaar).`);
  const frame = page.frameLocator('iframe[title="HTML preview"]');
  await expect(frame.getByRole("heading", { name: "Nieuwe fietsen" })).toBeVisible();
  await expect(frame.locator("strong")).toHaveText("voorjaarscollectie");
  await expect(frame.getByRole("link", { name: "Afmelden voor deze nieuwsbrief" })).toBeVisible();
  await page.getByRole("tab", { name: "Plain text" }).click();
  // the text part is made from the HTML: no Markdown markers, the link as a footnote
  await expect(page.getByTestId("preview-text")).toContainText(`De voorjaarscollectie ${run} is binnen [1].`);
  await expect(page.getByTestId("preview-text")).toContainText("[1] https://fietsen.example/voorjaar");
  await expect(page.getByTestId("preview-text")).toContainText("Afmelden voor deze nieuwsbrief:");

  // --- pre-send report: counts only, with reasons ---
  await saveAndDeclare(page);
  await page.getByRole("button", { name: "Save and review the send" }).click();
  await expect(page.getByTestId("report-recipients")).toContainText("1 recipient will receive this issue");
  const excluded = page.getByTestId("report-excluded");
  await expect(excluded.getByRole("row", { name: /waiting for confirmation DENY_CONSENT_PENDING 1/ })).toBeVisible();
  await expect(page.locator("main")).not.toContainText(pendingA);
  await sendFromReport(page);
  await expect(page.getByTestId("count-sent")).toHaveText("1");
  await expect(page.getByTestId("send-reasons")).toContainText("DENY_CONSENT_PENDING");

  // --- the confirmed subscriber has it, with the headers ---
  const mail = await waitForMail(confirmedA, (m) => m.subject === subject1);
  const header = (k: string) => mail.headerLines.find((h) => h.key === k)?.line.replace(/^[^:]+:\s*/, "").replace(/\r?\n\s+/g, " ");
  expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
  // RFC 2369: the https link (RFC 8058 one-click) and the mailto alternative, with the same token
  const [listUnsubscribe, listUnsubscribeMailto] = header("list-unsubscribe")!.split(/,\s*/);
  expect(listUnsubscribe).toMatch(/^<https?:\/\/[^>]+\/u\/[^>]+>$/);
  expect(listUnsubscribeMailto).toMatch(/^<mailto:[^\s?@]+@[^\s?]+\?subject=unsubscribe%20[^>]+>$/);
  expect(listUnsubscribeMailto.split("%20")[1]).toBe(`${listUnsubscribe.slice(1, -1).split("/u/")[1]}>`);
  expect(listUnsubscribe).not.toContain(confirmedA);
  expect(header("list-id")).toContain(`<${a.newsletter.slug}.`);
  expect(mail.messageId).toMatch(/^<d[0-9a-f]+@/);
  expect(mail.from?.value[0].address).toBe(a.newsletter.fromEmail);
  expect(mail.text).toContain("Afmelden voor deze nieuwsbrief");
  expect(mail.text).toContain(orgAddress);
  expect(mail.text).toContain(`De voorjaarscollectie ${run} is binnen [1].`);
  expect(mail.text).not.toMatch(/<\/?[a-z][^>]*>|\*\*|^#|\]\(/m); // no HTML tags, no Markdown
  expect(mail.html).toContain(listUnsubscribe.slice(1, -1));

  // --- GET never unsubscribes; the RFC 8058 POST does, at once ---
  const url = listUnsubscribe.slice(1, -1);
  const subA = await db.subscription.findFirstOrThrow({ where: { newsletterId: a.newsletter.id, subscriber: { email: confirmedA } } });
  const scan = await request.get(url);
  expect(scan.ok()).toBe(true);
  expect((await db.subscription.findUniqueOrThrow({ where: { id: subA.id } })).status).toBe("confirmed");
  const post = await request.post(url, { headers: { "Content-Type": "application/x-www-form-urlencoded" }, data: "List-Unsubscribe=One-Click", maxRedirects: 0 });
  expect(post.status()).toBe(200);
  expect(post.headers()["set-cookie"]).toBeUndefined();
  expect((await db.subscription.findUniqueOrThrow({ where: { id: subA.id } })).status).toBe("unsubscribed");
  expect(await db.consentEvent.count({ where: { subscriptionId: subA.id, type: "withdraw" } })).toBe(1);
  // a forged token is a clear 4xx, never a 500
  expect((await request.post(url.replace(/.$/, (c) => (c === "A" ? "B" : "A")), { data: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" } })).status()).toBe(404);

  // --- the next issue skips them, with the reason visible in the report and the progress ---
  const subject2 = `Zomer ${run}`;
  await composeIssue(page, a.newsletter.name, subject2, "Zomerfietsen.");
  await saveAndDeclare(page);
  await page.getByRole("button", { name: "Save and review the send" }).click();
  await expect(page.getByTestId("report-recipients")).toContainText("0 recipients");
  await expect(page.getByTestId("report-excluded").getByRole("row", { name: /unsubscribed or objected DENY_SUPPRESSED 1/ })).toBeVisible();
  await sendFromReport(page);
  await expect(page.getByTestId("send-reasons").getByRole("row", { name: /skipped unsubscribed or objected DENY_SUPPRESSED 1/ })).toBeVisible();
  await expect(page.getByTestId("count-sent")).toHaveText("0");

  // --- consent for A never delivers B ---
  const subject3 = `Travel ${run}`;
  await composeIssue(page, b.newsletter.name, subject3, "Trips.");
  await saveAndDeclare(page);
  await page.getByRole("button", { name: "Save and review the send" }).click();
  await expect(page.getByTestId("report-recipients")).toContainText("1 recipient will receive this issue");
  await sendFromReport(page);
  const bMail = await waitForMail(confirmedB, (m) => m.subject === subject3);
  expect(bMail.text).toContain("Unsubscribe from this newsletter"); // B is an English newsletter

  expect((await mailTo(confirmedA)).map((m) => m.subject)).toEqual([subject1]);
  expect(await mailTo(pendingA)).toHaveLength(0);
});

test("the footer link opens a page with one button and no address field, then offers leaving all newsletters (no JavaScript)", async ({ browser }) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  const db = await e2eDb();
  const fx = await e2eFixtures();
  const { unsubscribeUrl } = await import("../lib/subscribers/links.ts");
  const a = await fx.createNewsletterWithForm({ name: `Fietsnieuws P ${run}` });
  const b = await fx.createNewsletterWithForm({ name: `Wandelnieuws P ${run}` });
  const since = new Date(Date.now() - 86_400_000);
  const { subscriptions } = await fx.createSubscriber({
    subscriptions: [
      { newsletterId: a.newsletter.id, formVersionId: a.formVersion.id, status: "confirmed", createdAt: since },
      { newsletterId: b.newsletter.id, formVersionId: b.formVersion.id, status: "confirmed", createdAt: since },
    ],
  });
  await page.goto(unsubscribeUrl(subscriptions[0].id)); // GET /u/… → the page
  await expect(page.getByRole("heading", { name: `Afmelden voor ${a.newsletter.name}` })).toBeVisible();
  await expect(page.locator("input:not([type=hidden])")).toHaveCount(0);
  await expect(page.getByRole("button")).toHaveCount(1);
  expect((await db.subscription.findUniqueOrThrow({ where: { id: subscriptions[0].id } })).status).toBe("confirmed");
  await page.getByRole("button", { name: "Afmelden" }).click();
  await expect(page.getByRole("status")).toContainText(`Je bent afgemeld voor ${a.newsletter.name}`);
  expect((await db.subscription.findUniqueOrThrow({ where: { id: subscriptions[0].id } })).status).toBe("unsubscribed");
  expect((await db.subscription.findUniqueOrThrow({ where: { id: subscriptions[1].id } })).status).toBe("confirmed");
  await page.getByRole("button", { name: /Afmelden voor alle nieuwsbrieven/ }).click();
  await expect(page.getByRole("status")).toContainText("Je bent afgemeld voor alle nieuwsbrieven");
  expect((await db.subscription.findUniqueOrThrow({ where: { id: subscriptions[1].id } })).status).toBe("unsubscribed");

  await page.goto("/unsubscribe/forged.token");
  await expect(page.getByRole("heading", { name: "Link niet geldig / Link not valid" })).toBeVisible();
});
