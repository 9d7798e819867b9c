// Admin acceptance: roles (an invited editor gets 403 and no link for subscriber data, imports, exports
// and users, also on the route handlers) and the consent-proof export showing the form-text hash.
import { test, expect, type Page } from "@playwright/test";
import { createHash } from "node:crypto";
import { adminState } from "./support/staff";
import { firstLink, waitForMail } from "./support/mail";
import { e2eDb, e2eFixtures } from "./support/db";

const uid = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function subscriberWithProof(text: string) {
  const { createNewsletterWithForm, createSubscriber } = await e2eFixtures();
  const f = await createNewsletterWithForm({ name: `Proof ${uid()}`, text });
  const email = `proof-${uid()}@example.nl`;
  const { subscriber } = await createSubscriber({
    email,
    subscriptions: [{ newsletterId: f.newsletter.id, formVersionId: f.formVersion.id, status: "confirmed", createdAt: new Date(Date.now() - 60_000), confirmedAt: new Date() }],
    ip: "203.0.113.9",
    userAgent: "Mozilla/5.0 (e2e subscriber)",
  });
  return { ...f, email, subscriber };
}

test.describe("admin", () => {
  test.use({ storageState: adminState() });

  test("an invited editor gets 403 and no link for subscriber details, imports, exports and users", async ({ page, browser }) => {
    const { subscriber } = await subscriberWithProof("Ja, stuur mij de testbrief.");
    const editor = `editor-${uid()}@example.org`;

    await page.goto("/admin/users");
    await page.getByLabel("Email address").fill(editor);
    await page.getByLabel("Role", { exact: true }).selectOption("editor");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByText("Invitation sent.")).toBeVisible();
    await expect(page.getByTestId(`user-${editor}`)).toBeVisible();

    // the editor signs in through the link in the invitation
    const invite = await waitForMail(editor, (m) => m.subject === "You have been invited to Proofmail");
    const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const ed: Page = await ctx.newPage();
    await ed.goto(firstLink(invite, /https?:\/\/\S+\/api\/auth\/callback\/email\S+/));
    await expect(ed.getByTestId("staff")).toHaveText(`${editor} (editor)`);
    await expect(ed.getByRole("heading", { name: "Admin home" })).toBeVisible();

    const nav = ed.getByRole("navigation", { name: "Admin" });
    await expect(nav.getByRole("link", { name: "Home" })).toBeVisible();
    for (const name of ["Subscribers", "Imports", "Exports", "Users", "Audit log", "API tokens"])
      await expect(nav.getByRole("link", { name })).toHaveCount(0);

    for (const path of ["/admin/exports", "/admin/imports", `/admin/subscribers/${subscriber.id}`, "/admin/subscribers", "/admin/users", "/admin/audit"]) {
      const res = await ed.goto(path);
      expect(res?.status(), path).toBe(403);
      await expect(ed.getByRole("heading", { name: "403: not allowed" })).toBeVisible();
      await expect(ed.getByText(subscriber.email)).toHaveCount(0);
    }
    for (const path of [`/api/admin/exports/proof/${subscriber.id}?format=json`, "/api/admin/exports/bulk?format=ndjson", `/api/admin/exports/subject/${subscriber.id}`]) {
      const res = await ctx.request.get(path);
      expect(res.status(), path).toBe(403);
      expect(await res.text()).not.toContain(subscriber.email);
    }
    const upload = await ctx.request.post("/api/admin/imports", { multipart: { mode: "import", file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("email\nx@example.nl\n") } } });
    expect(upload.status()).toBe(403);
    await ctx.close();

    // the invitation and the role are in the audit log
    await page.goto(`/admin/audit?action=user.invite`);
    await expect(page.getByRole("cell", { name: "user.invite" }).first()).toBeVisible();
  });

  test("the admin exports a subscriber's consent proof showing the hash of the form text they saw", async ({ page, request }) => {
    const text = `Ja, stuur mij de Proefbrief ${uid()}. Org B.V., Straat 1, Utrecht. Afmelden kan altijd.`;
    const { subscriber, email, formVersion } = await subscriberWithProof(text);
    const shownHash = createHash("sha256").update(text, "utf8").digest("hex");
    expect(formVersion.contentHash).toBe(shownHash);

    await page.goto("/admin/subscribers");
    await page.getByLabel("Address or name (any part of it)").fill(email);
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("link", { name: email }).click();
    await expect(page.getByRole("heading", { name: email })).toBeVisible();
    const timeline = page.getByRole("list", { name: "Consent timeline" });
    await expect(timeline).toContainText("signup");
    await expect(timeline).toContainText("203.0.113.9");
    await expect(timeline).toContainText("Mozilla/5.0 (e2e subscriber)");

    await page.getByRole("link", { name: "Consent proof (HTML)" }).click();
    await expect(page.getByRole("heading", { name: "Consent proof" })).toBeVisible();
    await expect(page.getByTestId("form-hash")).toHaveText(shownHash);
    await expect(page.getByText(text).first()).toBeVisible();
    await expect(page.getByText("matches the text below")).toBeVisible();

    const pdf = await request.get(`/api/admin/exports/proof/${subscriber.id}?format=pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const json = await (await request.get(`/api/admin/exports/proof/${subscriber.id}?format=json`)).json();
    expect(json.formVersions[0].contentHash).toBe(shownHash);

    const bulk = await request.get(`/api/admin/exports/bulk?format=ndjson&newsletterId=${formVersion.newsletterIds ? (formVersion.newsletterIds as string[])[0] : ""}`);
    const lines = (await bulk.text()).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: "header", ledger: { ok: true } });
    expect(lines[1]).toMatchObject({ email, form_content_hash: shownHash });

    const db = await e2eDb();
    expect(await db.auditLog.count({ where: { action: "export.proof", target: subscriber.id } })).toBe(3);
  });

  test("the admin previews and then imports a CSV; the report gives every row's outcome", async ({ page }) => {
    const { createNewsletterWithForm } = await e2eFixtures();
    const { newsletter } = await createNewsletterWithForm({ name: `Import ${uid()}` });
    const tag = uid();
    const csv = [
      "email,proof_reference,consent_at,confirmed_at,under16",
      `ok-${tag}@example.nl,archive/1,2024-01-02T10:00:00Z,2024-01-02T10:05:00Z,`,
      `noproof-${tag}@example.nl,,,,`,
      "not-an-address,,,,",
      `kid-${tag}@example.nl,archive/2,2024-01-02T10:00:00Z,2024-01-02T10:05:00Z,yes`,
    ].join("\n");
    const file = { name: `import-${tag}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) };

    await page.goto("/admin/imports");
    await page.getByLabel(/CSV file/).setInputFiles(file);
    await page.getByLabel("Newsletter").selectOption(newsletter.id);
    await page.getByRole("button", { name: "Preview" }).click();
    const status = page.getByRole("status").filter({ hasText: "rows accepted" });
    await expect(status).toContainText("Preview (nothing imported): 2 of 4 rows accepted, 2 rejected.");
    const report = page.getByRole("region", { name: "Import report" });
    await expect(report).toContainText("n***");
    await expect(report).toContainText("IMPORT_INVALID_EMAIL");
    await expect(report).toContainText("DENY_CHILD_PARENTAL_CONSENT_REQUIRED");
    const db = await e2eDb();
    expect(await db.subscription.count({ where: { newsletterId: newsletter.id } })).toBe(0);

    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(status).toContainText("Imported: 2 of 4 rows accepted, 2 rejected.");
    const subs = await db.subscription.findMany({ where: { newsletterId: newsletter.id }, include: { subscriber: true } });
    expect(subs.map((s) => [s.subscriber.email, s.status]).sort()).toEqual([[`noproof-${tag}@example.nl`, "pending"], [`ok-${tag}@example.nl`, "confirmed"]]);

    // the stored report keeps row numbers and reasons, no addresses
    await page.getByRole("link", { name: "Stored report" }).click();
    await expect(page.getByText("Status: done")).toBeVisible();
    await expect(page.getByRole("cell", { name: /IMPORT_INVALID_EMAIL/ })).toBeVisible();
    await expect(page.getByText(`kid-${tag}`)).toHaveCount(0);
  });
});
