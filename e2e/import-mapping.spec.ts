// An import from another tool (issue 13, Deliver 3): a Laposta-style export (semicolons, a UTF-8 BOM, CRLF)
// goes through the mapping step: the file's columns and its first 10 rows, the mapping guessed from the
// header names, one field changed by the admin, then the import, whose per-row report refuses the row
// with a consent date in the future. The mapping is remembered for the next file of that source.
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { adminState } from "./support/staff";
import { e2eDb, e2eFixtures } from "./support/db";

const uid = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.use({ storageState: adminState() });

test("a Laposta export: preview of 10 rows, one mapping changed, the future consent date refused with its row", async ({ page }) => {
  const { createNewsletterWithForm } = await e2eFixtures();
  const { newsletter } = await createNewsletterWithForm({ name: `Laposta ${uid()}` });
  const tag = uid();
  // 12 people. "Aangemeld" is when Laposta added them; "Toestemming op" (a field of this list) is when
  // they gave consent: the admin maps that one. Row 6 (line 6) says consent is given in 2031.
  const lines = ["E-mailadres;Naam;Aangemeld;Toestemming op;Taal"];
  for (let i = 1; i <= 12; i++) {
    const consent = i === 5 ? "01-01-2031 10:00" : `${String(i).padStart(2, "0")}-03-2023 09:30`;
    lines.push(`lid${i}-${tag}@example.org;"Lid ${i}; van de lijst";2024-01-0${(i % 9) + 1} 12:00:00;${consent};${i % 2 ? "nl" : "en"}`);
  }
  const csv = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join("\r\n") + "\r\n")]);
  const source = `Laposta leden ${tag}`;

  await page.goto("/admin/imports");
  await page.getByLabel(/CSV file/).setInputFiles({ name: `laposta-${tag}.csv`, mimeType: "text/csv", buffer: csv });
  await page.getByLabel(/^Source/).fill(source);
  await page.getByLabel("Newsletter").selectOption(newsletter.id);
  await page.getByLabel("Where the consent came from").selectOption("migration");
  await page.getByLabel(/Proof reference for the whole file/).fill(`laposta-export-${tag}.zip`);
  await page.getByRole("button", { name: "Next: map columns" }).click();

  await expect(page).toHaveURL(/\/admin\/imports\/map\//);
  await expect(page.getByRole("heading", { name: `Map the columns: laposta-${tag}.csv` })).toBeVisible();
  await expect(page.getByText("semicolon-separated, 5 columns.")).toBeVisible();
  const preview = page.getByRole("region", { name: "First rows of the file" });
  await expect(preview.getByRole("columnheader")).toHaveText(["Row", "E-mailadres", "Naam", "Aangemeld", "Toestemming op", "Taal"]); // no BOM in the first name
  await expect(preview.locator("tbody tr")).toHaveCount(10);
  await expect(preview.locator("tbody tr").first()).toContainText(`lid1-${tag}@example.org`);
  await expect(preview.locator("tbody tr").first()).toContainText("Lid 1; van de lijst"); // a quoted semicolon is no delimiter
  // what was typed on the first step is still there
  await expect(page.getByLabel("Newsletter", { exact: true })).toHaveValue(newsletter.id);
  await expect(page.getByLabel(/Proof reference for the whole file/)).toHaveValue(`laposta-export-${tag}.zip`);

  // the mapping screen passes axe at desktop and phone width (the wide table scrolls in its region)
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`), `axe at ${width} px`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `no page-wide scroll at ${width} px`).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // guessed from Laposta's header names
  await expect(page.getByLabel(/^E-mail address/)).toHaveValue("E-mailadres");
  await expect(page.getByLabel(/^Name/)).toHaveValue("Naam");
  await expect(page.getByLabel(/^Language/)).toHaveValue("Taal");
  await expect(page.getByLabel(/^Consent date/)).toHaveValue("Aangemeld");
  // the admin's correction: consent is in the list's own field
  await page.getByLabel(/^Consent date/).selectOption("Toestemming op");
  await page.getByLabel(/^List started on/).fill("2020-01-01");

  await page.getByRole("button", { name: "Import", exact: true }).click();
  const status = page.getByRole("status").filter({ hasText: "rows accepted" });
  await expect(status).toContainText("Imported: 11 of 12 rows accepted, 1 rejected.");
  const report = page.getByRole("region", { name: "Import rows" });
  const refused = report.getByRole("row").filter({ hasText: "IMPORT_CONSENT_DATE_FUTURE" });
  await expect(refused).toHaveCount(1);
  await expect(refused.getByRole("cell").first()).toHaveText("6"); // the spreadsheet's line: the header is line 1
  await expect(refused).toContainText("consent date lies in the future");

  const db = await e2eDb();
  const subs = await db.subscription.findMany({ where: { newsletterId: newsletter.id }, include: { subscriber: true } });
  expect(subs).toHaveLength(11);
  const first = subs.find((s) => s.subscriber.email === `lid1-${tag}@example.org`)!;
  expect(first.givenAt?.toISOString()).toBe("2023-03-01T09:30:00.000Z"); // from "Toestemming op", day first
  expect(first.subscriber.name).toBe("Lid 1; van de lijst");
  expect(subs.some((s) => s.subscriber.email === `lid5-${tag}@example.org`)).toBe(false);

  // the stored report names the row too
  await page.getByRole("link", { name: "Stored report" }).click();
  await expect(page.getByRole("row").filter({ hasText: "IMPORT_CONSENT_DATE_FUTURE" }).getByRole("cell").first()).toHaveText("6");

  // the next export of this source is mapped the same way
  await page.goto("/admin/imports");
  await page.getByLabel(/CSV file/).setInputFiles({ name: `laposta-${tag}-2.csv`, mimeType: "text/csv", buffer: csv });
  await page.getByLabel(/^Source/).fill(source);
  await page.getByRole("button", { name: "Next: map columns" }).click();
  await expect(page.getByText(`The mapping is the one remembered for “${source}”.`)).toBeVisible();
  await expect(page.getByLabel(/^Consent date/)).toHaveValue("Toestemming op");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the same steps are plain form posts: mapping, preview, back to the mapping, import, the stored report", async ({ page }) => {
    const { createNewsletterWithForm } = await e2eFixtures();
    const { newsletter } = await createNewsletterWithForm({ name: `NoJS ${uid()}` });
    const tag = uid();
    const csv = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`E-mailadres;Naam;Aangemeld\r\na-${tag}@example.org;A;2024-02-01 10:00:00\r\nb-${tag}@example.org;B;2031-02-01 10:00:00\r\n`)]);
    await page.goto("/admin/imports");
    await page.getByLabel(/CSV file/).setInputFiles({ name: `nojs-${tag}.csv`, mimeType: "text/csv", buffer: csv });
    await page.getByLabel("Newsletter").selectOption(newsletter.id);
    await page.getByRole("button", { name: "Next: map columns" }).click();
    await expect(page.getByRole("region", { name: "First rows of the file" }).locator("tbody tr")).toHaveCount(2);
    await expect(page.getByLabel(/^Consent date/)).toHaveValue("Aangemeld");
    await page.getByLabel(/^List started on/).fill("2020-01-01");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByText("Status: preview")).toBeVisible();
    await page.getByRole("link", { name: `Back to the mapping of nojs-${tag}.csv` }).click();
    await expect(page.getByLabel(/^List started on/)).toHaveValue("2020-01-01"); // what was typed for the preview is kept
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByText("Status: done")).toBeVisible();
    await expect(page.getByText(/1 accepted, 1 rejected/)).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "IMPORT_CONSENT_DATE_FUTURE" }).getByRole("cell").first()).toHaveText("3");
    const db = await e2eDb();
    expect(await db.subscription.count({ where: { newsletterId: newsletter.id } })).toBe(1);
    expect(await db.importUpload.count({ where: { fileName: `nojs-${tag}.csv` } })).toBe(0); // imported: not kept
  });
});
