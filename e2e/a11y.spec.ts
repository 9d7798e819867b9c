// Every public page and every admin page, at a desktop (1280 px) and a phone (390 px) width: axe-core finds
// no violations, nothing is wider than the screen (the admin navigation does not wrap or overflow), each
// admin page has its own title, and a full-page screenshot of each is kept in the e2e output.
import { test, expect, type Page, type TestInfo } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { e2eDb, e2eFixtures, ensureOrganisation } from "./support/db";
import { adminState } from "./support/staff";

const WIDTHS = [1280, 390] as const;
const uid = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function check(page: Page, info: TestInfo, path: string, width: number) {
  await test.step(`${path} at ${width} px`, () => checkPage(page, info, path, width));
}

async function checkPage(page: Page, info: TestInfo, path: string, width: number) {
  await page.setViewportSize({ width, height: 900 });
  const res = await page.goto(path);
  expect(res?.status(), `${path} answers`).toBeLessThan(500);
  await page.waitForLoadState("networkidle");
  // Sandboxed previews of a message's HTML (composer, dev mailbox) run no scripts, so axe cannot enter them
  // and its run never finishes; the mail's own HTML is not a page of ours.
  const { violations } = await new AxeBuilder({ page }).exclude("iframe[sandbox]").analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(summary, `axe on ${path} at ${width} px`).toEqual([]);
  // the elements that stick out, innermost first, so a failure names what to fix
  // (what scrolls inside its own scroll region, such as a wide table, does not widen the page)
  const tooWide = await page.evaluate(() => {
    const out = (e: Element) => e.getBoundingClientRect().right > window.innerWidth + 0.5;
    const inScroller = (e: Element) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible" && !out(a)) return true;
      return false;
    };
    return [...document.body.querySelectorAll("*")]
      .filter((e) => out(e) && !inScroller(e) && ![...e.children].some(out))
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} "${(e.textContent ?? "").trim().slice(0, 40)}"`);
  });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect({ overflow: Math.max(overflow, 0), tooWide }, `${path} at ${width} px is no wider than the screen`).toEqual({ overflow: 0, tooWide: [] });
  const name = `${path.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "home"}-${width}.png`;
  await page.screenshot({ path: info.outputPath("screenshots", name), fullPage: true });
}

/** A form made the way the admin makes one (the fixture's form version has no renderable definition). */
async function publishedForm(newsletterId: string, id: string) {
  await e2eDb();
  const { createForm } = await import("../lib/consent/create-form.ts");
  const { publishFormVersion } = await import("../lib/consent/publish-form-version.ts");
  const created = await createForm({ actor: "system", input: { slug: `a11y-${id}`, name: `A11y ${id}`, language: "en", newsletterIds: [newsletterId] } });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const published = await publishFormVersion({ formId: created.id, actor: "system" });
  if (!published.ok) throw new Error(JSON.stringify(published.violations));
  return { id: created.id, slug: `a11y-${id}` };
}

test.describe("accessibility and layout of every page", () => {
  test("public pages", async ({ page }, info) => {
    test.setTimeout(600_000); // 40-odd pages, each loaded, checked by axe and photographed; slow when CI shares the cores
    await ensureOrganisation();
    const { createNewsletterWithForm, createSubscriber } = await e2eFixtures();
    const { preferencesToken, receiptToken, testLinkToken, unsubscribeToken } = await import("../lib/subscribers/links.ts");
    const id = uid();
    const n = await createNewsletterWithForm({ name: `A11y News ${id}`, language: "en" });
    const { subscriber, subscriptions } = await createSubscriber({
      email: `a11y-${id}@example.org`,
      subscriptions: [{ newsletterId: n.newsletter.id, formVersionId: n.formVersion.id, status: "confirmed", createdAt: new Date() }],
    });
    const form = await publishedForm(n.newsletter.id, id);
    const db = await e2eDb();
    await db.newsletter.update({ where: { id: n.newsletter.id }, data: { publicArchive: true } });
    const issue = await db.issue.create({ data: { newsletterId: n.newsletter.id, subject: `A11y sent ${id}`, preheader: "", bodyMarkdown: "# Hello\n\nText with a [link](https://example.org).", status: "sent" } });
    const send = await db.send.create({ data: { issueId: issue.id, status: "done", startedAt: new Date() } });
    // a sent message's receipt page ("Why did I get this? / View in browser")
    const delivery = await db.delivery.create({
      data: {
        sendId: send.id, issueId: issue.id, subscriberId: subscriber.id, subscriptionId: subscriptions[0].id, status: "sent",
        sentAt: new Date(), decidedAt: new Date(), basis: "consent", decisionReason: "ALLOW_CONSENT",
      },
    });
    const pages = [
      `/n/${n.newsletter.slug}/archive`, `/n/${n.newsletter.slug}/archive/${issue.id}`, "/p/access/not-a-real-token",
      "/", "/login", "/login/check-email", `/f/${form.slug}`, `/f/${form.slug}/thanks`, `/n/${n.newsletter.slug}`, `/n/${n.newsletter.slug}/thanks`,
      `/f/${form.slug}/embed`, `/n/${n.newsletter.slug}/embed`,
      `/p/${preferencesToken(subscriber.id)}`, `/unsubscribe/${unsubscribeToken(subscriptions[0].id)}`, `/unsubscribe/${testLinkToken(issue.id)}`,
      "/confirm/not-a-real-token", "/r/not-a-real-token", "/setup/not-a-real-token",
      `/m/${receiptToken(delivery.id)}`, "/m/not-a-real-token", "/api/v1/docs",
    ];
    for (const width of WIDTHS) for (const p of pages) await check(page, info, p, width);
  });

  test.describe("admin pages", () => {
    test.use({ storageState: adminState() });
    for (const width of WIDTHS) test(`every admin screen at ${width} px`, async ({ page }, info) => {
      test.setTimeout(600_000);
      await ensureOrganisation();
      const { createNewsletterWithForm, createSubscriber } = await e2eFixtures();
      const id = uid();
      const n = await createNewsletterWithForm({ name: `A11y Admin ${id}`, language: "en" });
      const { subscriber } = await createSubscriber({
        email: `a11y-admin-${id}@example.org`,
        subscriptions: [{ newsletterId: n.newsletter.id, formVersionId: n.formVersion.id, status: "confirmed", createdAt: new Date() }],
      });
      const db = await e2eDb();
      const form = await publishedForm(n.newsletter.id, id);
      const issue = await db.issue.create({ data: { newsletterId: n.newsletter.id, subject: `A11y issue ${id}`, preheader: "", bodyMarkdown: "# Hello\n\nText." } });
      // A disabled endpoint, so the page's notice is checked too (its secret is never read here).
      const hook = await db.webhookEndpoint.create({
        data: { url: `https://crm.example.com/hooks/${id}`, events: "subscriber.confirmed", payloadMode: "id", secretSealed: "v1:none", disabledAt: new Date(), disabledReason: "All 13 attempts failed." },
      });
      const pages = [
        "/admin/privacy", "/admin/privacy/register",
        "/admin", "/admin/mailbox", "/admin/issues", `/admin/issues/${issue.id}`, `/admin/issues/${issue.id}/send`,
        "/admin/newsletters", "/admin/newsletters/new", `/admin/newsletters/${n.newsletter.id}`,
        "/admin/forms", "/admin/forms/new", `/admin/forms/${form.id}`,
        "/admin/subscribers", `/admin/subscribers/${subscriber.id}`, "/admin/imports", "/admin/suppressions", "/admin/exports", "/admin/dossier",
        "/admin/settings", "/admin/settings/domain", "/admin/retention", "/admin/users", "/admin/api-tokens", "/admin/audit",
        "/admin/webhooks", `/admin/webhooks/${hook.id}`,
      ];
      const titles = new Set<string>();
      for (const p of pages) {
        await check(page, info, p, width);
        titles.add(await page.title());
      }
      // one title per kind of screen (the detail pages of a kind share theirs)
      expect(titles.size).toBeGreaterThanOrEqual(pages.length - 2);
      for (const t of titles) expect(t).toMatch(/ · Proofmail$/);
    });

    test("the navigation stays on one column at 1280 px and opens from a menu at phone width", async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto("/admin/subscribers");
      const nav = page.getByRole("navigation", { name: "Admin" });
      await expect(nav.getByRole("link", { name: "Subscribers" })).toHaveAttribute("aria-current", "page");
      await expect(page.getByText("Menu", { exact: true })).toBeHidden();
      await page.setViewportSize({ width: 390, height: 800 });
      await expect(nav.getByRole("link", { name: "Subscribers" })).toBeHidden();
      await page.getByText("Menu", { exact: true }).click();
      await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Forms" }).click();
      await expect(page.getByRole("heading", { name: "Signup forms", exact: true })).toBeVisible();
    });
  });
});
