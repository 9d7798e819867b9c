// Issue 12, Deliver 2: privacy statement snapshots. The admin writes and publishes v1; a form published
// then links to v1; after v2, /privacy shows v2 and lists v1, and /privacy/v/1 still shows v1's text,
// saying when it was in force and that a newer one exists. A hosted page that cannot be fetched is refused.
import { test, expect, type Page } from "@playwright/test";
import { adminState } from "./support/staff";
import { e2eDb, ensureOrganisation } from "./support/db";
import { e2eEnv } from "./support/env";

const run = Math.random().toString(36).slice(2, 8);
const V1 = `Eerste versie ${run}: we bewaren je e-mailadres tot je je afmeldt.`;
const V2 = `Tweede versie ${run}: we bewaren je e-mailadres tot je je afmeldt, en het bewijs nog een jaar.`;
const formSlug = `privacy-${run}`;
const newsletter = `Privacynieuws ${run}`;
let v1: number;
let v2: number;

test.describe.configure({ mode: "serial" });

/** Publishes the Dutch draft from the admin page; returns the version number the notice names. */
async function publishDutch(page: Page, markdown: string): Promise<number> {
  await page.goto("/admin/privacy");
  const editor = page.getByTestId("privacy-draft-nl");
  await expect(editor).toHaveAttribute("data-ready", "true");
  await editor.getByLabel(/^Hosted elsewhere/).uncheck();
  await editor.getByLabel("Privacy statement (Nederlands, Markdown)").fill(markdown);
  await editor.getByRole("button", { name: "Save and publish" }).click();
  const notice = editor.getByText(/^Published as version \d+\./);
  await expect(notice).toBeVisible();
  return Number(/version (\d+)/.exec((await notice.textContent()) ?? "")![1]);
}

test.describe("privacy statement versions", () => {
  test.use({ storageState: adminState() });

  test("admin writes and publishes v1, with a preview of the saved draft; a hosted page that fails is not published", async ({ page }) => {
    await ensureOrganisation();
    const db = await e2eDb();
    await page.goto("/admin/settings");
    await page.getByRole("link", { name: "Privacy statement" }).first().click();
    await expect(page).toHaveURL(/\/admin\/privacy$/);
    await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Privacy statement" })).toHaveAttribute("aria-current", "page");

    const editor = page.getByTestId("privacy-draft-nl");
    await expect(editor).toHaveAttribute("data-ready", "true");
    await editor.getByLabel("Privacy statement (Nederlands, Markdown)").fill(`# Privacyverklaring\n\n${V1}\n\n<script>window.bad = 1</script>`);
    await editor.getByRole("button", { name: "Save draft" }).click();
    await expect(editor.getByText("Draft saved. It is not public until you publish it.")).toBeVisible();
    await page.reload();
    const preview = page.getByTestId("privacy-preview-nl");
    await expect(preview.getByRole("heading", { name: "Privacyverklaring" })).toBeVisible();
    await expect(preview).toContainText(V1);
    expect(await preview.innerHTML()).not.toContain("<script");

    // hosted elsewhere, at a port nothing listens on: refused with the reason, nothing published
    const before = await db.privacyStatementVersion.count();
    await expect(editor).toHaveAttribute("data-ready", "true");
    await editor.getByLabel(/^Hosted elsewhere/).check();
    await editor.getByLabel("Page to fetch (Nederlands)").fill("http://127.0.0.1:9/privacy");
    await editor.getByRole("button", { name: "Save and publish" }).click();
    await expect(editor.getByText(/^Not published\. Could not fetch http:\/\/127\.0\.0\.1:9\/privacy: the server could not be reached/)).toBeVisible();
    expect(await db.privacyStatementVersion.count()).toBe(before);

    v1 = await publishDutch(page, `# Privacyverklaring\n\n${V1}`);
    await page.reload();
    await expect(page.getByTestId("privacy-versions")).toContainText(`v${v1}`);
    await expect(page.getByTestId("privacy-versions")).toContainText("in force");
  });

  test("a form published now links to v1, and the visitor sees that link", async ({ page, browser }) => {
    await page.goto("/admin/newsletters/new");
    await page.getByLabel("Name", { exact: true }).first().fill(newsletter);
    await page.getByLabel(/^Slug/).fill(`privacynieuws-${run}`);
    await page.getByLabel(/^Description/).first().fill("Nieuws over privacy.");
    await page.getByLabel("Sender name").first().fill("Fietsbond");
    await page.getByLabel("Sender e-mail").fill("nieuws@fietsbond.example");
    await page.getByRole("button", { name: "Create newsletter" }).click();
    await expect(page).toHaveURL(/\/admin\/newsletters\/(?!new$)[a-z0-9]+$/);

    await page.goto("/admin/forms/new");
    await page.getByLabel("Form name (for admins)").fill(`Privacy ${run}`);
    await page.getByLabel(/^Slug/).fill(formSlug);
    await page.getByLabel(newsletter).check();
    await page.getByRole("button", { name: "Create form" }).click();
    await expect(page).toHaveURL(/\/admin\/forms\/[a-z0-9]+$/);
    await expect(page.locator("form[data-ready=true]")).toBeVisible();
    await page.getByRole("button", { name: "Save and publish" }).click();
    await expect(page.getByText("Published as version 1.")).toBeVisible();

    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`/f/${formSlug}`);
    const link = visitor.getByRole("link", { name: new RegExp(`/privacy/v/${v1}$`) });
    await expect(link).toHaveAttribute("href", `${e2eEnv().APP_URL}/privacy/v/${v1}`);
    await link.click();
    await expect(visitor).toHaveURL(new RegExp(`/privacy/v/${v1}$`));
    await expect(visitor.getByTestId("statement-text")).toContainText(V1);
    expect(await visitor.locator("html").getAttribute("lang")).toBe("nl");
    expect(await visitor.evaluate(() => (window as { bad?: number }).bad)).toBeUndefined();
    await visitor.context().close();
  });

  test("after v2: /privacy shows v2 and lists v1; /privacy/v/1 still shows v1, when it was in force and that v2 exists", async ({ page, browser }) => {
    v2 = await publishDutch(page, `# Privacyverklaring\n\n${V2}`);
    expect(v2).toBeGreaterThan(v1);

    const visitor = await (await browser.newContext({ locale: "nl-NL" })).newPage();
    await visitor.goto("/privacy");
    expect(await visitor.locator("html").getAttribute("lang")).toBe("nl");
    await expect(visitor.getByTestId("statement-text")).toContainText(V2);
    await expect(visitor.getByTestId("statement-text")).not.toContainText(V1);
    await expect(visitor.getByTestId("in-force")).toContainText(`Versie ${v2}, geldig sinds`);
    await expect(visitor.getByTestId("other-versions").getByRole("link", { name: new RegExp(`^Versie ${v1} \\(Nederlands\\)`) })).toHaveAttribute("href", `/privacy/v/${v1}`);

    await visitor.goto(`/privacy/v/${v1}`);
    await expect(visitor.getByTestId("statement-text")).toContainText(V1);
    await expect(visitor.getByTestId("in-force")).toContainText(new RegExp(`^Versie ${v1} gold van .+ tot .+\\.$`));
    await expect(visitor.getByTestId("newer-version")).toContainText(`Er is een nieuwere versie: versie ${v2}.`);

    // the form shows a new version that links to v2; the consent of the old version still points to v1
    await visitor.goto(`/f/${formSlug}`);
    await expect(visitor.getByRole("link", { name: new RegExp(`/privacy/v/${v2}$`) })).toBeVisible();
    const db = await e2eDb();
    const form = await db.form.findUniqueOrThrow({ where: { slug: formSlug }, include: { versions: { orderBy: { version: "asc" }, include: { privacyStatementVersion: true } } } });
    expect(form.versions.map((v) => v.privacyStatementVersion?.version)).toEqual([v1, v2]);

    // a number that does not exist, or is not a number: 404, never 500
    for (const path of ["/privacy/v/999999", "/privacy/v/abc", "/privacy/v/-1"]) expect((await visitor.goto(path))?.status(), path).toBe(404);
    await visitor.context().close();
  });
});
