// Customers and third parties, end to end: a partner import through the admin screen carries the partner's
// own form text (never our form version); a share-with-third-party export exports nobody and says why; the
// shop API refuses a purchase whose opt-out offer comes without its text.
import { test, expect } from "@playwright/test";
import { adminState } from "./support/staff";
import { e2eDb, e2eFixtures } from "./support/db";

const uid = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("customers and third parties", () => {
  test.use({ storageState: adminState() });

  test("a partner import carries the partner's pasted form text, and the stored report shows it", async ({ page }) => {
    const { createNewsletterWithForm } = await e2eFixtures();
    const { newsletter, formVersion } = await createNewsletterWithForm({ name: `Partner ${uid()}` });
    const tag = uid();
    const csv = [
      "email,proof_reference,consent_at,confirmed_at,method",
      `p1-${tag}@example.nl,partner-1,2024-02-01T10:00:00Z,2024-02-01T10:05:00Z,double-opt-in`,
      `p2-${tag}@example.nl,,2024-02-01T10:00:00Z,2024-02-01T10:05:00Z,double-opt-in`,
    ].join("\n");
    const text = `Ja, Partner BV mag mijn adres geven aan Org B.V. voor de nieuwsbrief (${tag}).`;

    await page.goto("/admin/imports");
    await page.getByLabel(/CSV file/).setInputFiles({ name: `partner-${tag}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByLabel("Newsletter").selectOption(newsletter.id);
    await page.getByLabel("Where the consent came from").selectOption("partner");
    await page.getByLabel("Form text they saw (optional)").selectOption(formVersion.id); // ours: must not be used for these rows
    await page.getByLabel("Partner or broker").fill("Partner BV");
    await page.getByLabel(/Their form text \(paste it here/).fill(text);
    await page.getByLabel(/Date of that form text/).fill("2024-01-01");
    await page.getByLabel(/The text names our organisation/).check();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const status = page.getByRole("status").filter({ hasText: "rows accepted" });
    await expect(status).toContainText("Imported: 1 of 2 rows accepted, 1 rejected.");

    const db = await e2eDb();
    const subs = await db.subscription.findMany({ where: { newsletterId: newsletter.id }, include: { subscriber: true, evidence: true } });
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ source: "partner", formVersionId: null, sourceProofNamesOrg: true, status: "confirmed" });
    expect(subs[0].evidence).toMatchObject({ kind: "partner-form", sourceName: "Partner BV", text, namesOrg: true });

    await page.getByRole("link", { name: "Stored report" }).click();
    await expect(page.getByTestId("import-evidence")).toContainText("Partner BV");
    await expect(page.getByTestId("import-evidence")).toContainText("names our organisation");
    await expect(page.getByTestId("import-evidence")).toContainText(subs[0].evidence!.textHash);
  });

  test("a share-with-third-party export exports nobody and reports DENY_SHARE_NO_CONSENT", async ({ page, request }) => {
    const { createNewsletterWithForm, createSubscriber } = await e2eFixtures();
    const f = await createNewsletterWithForm({ name: `Share ${uid()}` });
    const email = `share-${uid()}@example.nl`;
    await createSubscriber({ email, subscriptions: [{ newsletterId: f.newsletter.id, formVersionId: f.formVersion.id, status: "confirmed", createdAt: new Date(), confirmedAt: new Date() }] });

    await page.goto("/admin/exports");
    await expect(page.getByLabel("Purpose")).toBeVisible();
    await expect(page.getByText(/a sharing export contains nobody/)).toBeVisible();

    const res = await request.get(`/api/admin/exports/bulk?format=ndjson&newsletterId=${f.newsletter.id}&purpose=share-with-third-party`);
    expect(res.status()).toBe(200);
    const body = await res.text();
    expect(body).not.toContain(email);
    const lines = body.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ type: "header", purpose: "share-with-third-party" }),
      { type: "summary", purpose: "share-with-third-party", exported: 0, excluded: { DENY_SHARE_NO_CONSENT: 1 } },
    ]);
    const proof = (await (await request.get(`/api/admin/exports/bulk?format=ndjson&newsletterId=${f.newsletter.id}`)).text()).trim().split("\n");
    // header, the one subscriber, then the ledger events and the signed head (lib/export/README.md)
    const rows = proof.map((l) => JSON.parse(l)).filter((l) => l.type !== "ledger-event" && l.type !== "ledger-head");
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows[1])).toContain(email);
    expect(JSON.parse(proof.at(-1)!)).toMatchObject({ type: "ledger-head" });
    expect((await request.get("/api/admin/exports/bulk?purpose=sell")).status()).toBe(400);
  });

  test("the shop API refuses a purchase whose opt-out offer comes without its text, naming the field", async ({ request }) => {
    await e2eDb();
    const { createApiToken } = await import("../lib/customers/api-tokens.ts");
    const t = await createApiToken({ actor: "system", name: `Shop ${uid()}` });
    if (!t.ok) throw new Error(t.error);
    const email = `buyer-${uid()}@example.nl`;
    const body = { email, purchasedAt: new Date().toISOString(), category: "bikes", language: "nl", objectionOffered: true, objected: false };
    const res = await request.post("/api/v1/purchases", { headers: { authorization: `Bearer ${t.token}` }, data: body });
    expect(res.status()).toBe(400);
    expect((await res.json()).detail).toMatch(/^optOutText: required when objectionOffered is true/);
    const ok = await request.post("/api/v1/purchases", { headers: { authorization: `Bearer ${t.token}` }, data: { ...body, optOutText: "☐ Geen aanbiedingen per e-mail" } });
    expect(ok.status()).toBe(201);
    expect((await ok.json()).optOutEvidenceId).toBeTruthy();
  });
});
