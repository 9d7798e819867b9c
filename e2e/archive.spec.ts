// Issue 13, Deliver 5: an admin turns a newsletter's public archive on; anyone can then read its sent
// issues (the issue's text only, nobody's links) and follow its Atom feed. Off by default.
import { test, expect } from "@playwright/test";
import { e2eDb, e2eFixtures } from "./support/db";
import { adminState } from "./support/staff";

const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("public archive", () => {
  test.use({ storageState: adminState() });

  test("off by default; the admin turns it on; visitors read the sent issues and the feed", async ({ page, browser }) => {
    const db = await e2eDb();
    const { createNewsletterWithForm } = await e2eFixtures();
    const n = await createNewsletterWithForm({ name: `Archive E2E ${id}`, language: "en" });
    const sent = await db.issue.create({ data: { newsletterId: n.newsletter.id, subject: `Spring issue ${id}`, preheader: "What is new", bodyMarkdown: `# Spring\n\nThe [route](https://example.org/route) is open.`, status: "sent" } });
    await db.send.create({ data: { issueId: sent.id, status: "done", startedAt: new Date(), finishedAt: new Date() } });
    await db.issue.create({ data: { newsletterId: n.newsletter.id, subject: `Draft ${id}`, preheader: "", bodyMarkdown: "Not yet", status: "draft" } });

    const visitor = await (await browser.newContext()).newPage();
    expect((await visitor.goto(`/n/${n.newsletter.slug}/archive`))?.status()).toBe(404);

    await page.goto(`/admin/newsletters/${n.newsletter.id}`);
    await page.getByLabel("Show sent issues on a public page and in a feed").check();
    await page.getByRole("button", { name: "Save newsletter" }).click();
    await expect(page.getByText(/^Saved/)).toBeVisible();
    expect((await db.newsletter.findUniqueOrThrow({ where: { id: n.newsletter.id } })).publicArchive).toBe(true);

    await visitor.goto(`/n/${n.newsletter.slug}/archive`);
    await expect(visitor.getByRole("heading", { name: `Archive E2E ${id}` })).toBeVisible();
    await expect(visitor.getByTestId("archive").getByRole("listitem")).toHaveCount(1);
    await visitor.getByRole("link", { name: `Spring issue ${id}` }).click();
    await expect(visitor.getByRole("heading", { name: `Spring issue ${id}` })).toBeVisible();
    await expect(visitor.getByRole("link", { name: "route" })).toHaveAttribute("href", "https://example.org/route");
    expect(await visitor.locator("a[href*='/u/'], a[href*='/p/']").count()).toBe(0);
    expect(await visitor.locator("html").getAttribute("lang")).toBe("en");

    const feed = await visitor.request.get(`/n/${n.newsletter.slug}/archive/feed.xml`);
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toContain("application/atom+xml");
    const xml = await feed.text();
    expect(xml).toContain(`Spring issue ${id}`);
    expect(xml).not.toContain(`Draft ${id}`);
  });
});
