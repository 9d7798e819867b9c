// Acceptance for the complaint dossier (issue 12 D3), in Chromium against the built app and a real SMTP server:
// a visitor signs up on a form and confirms by the mailed link; afterwards the admin publishes a new version of
// the form text. From the subscriber's page the dossier PDF opens in Chromium's PDF viewer, and its text (fetched)
// holds the form text as it was on the day of the signup, not today's. The admin page /admin/dossier (in the nav)
// finds the same person by a typed address and says "nothing found" for an unknown one; both are audited.
import { test, expect, type Page } from "@playwright/test";
import { adminState } from "./support/staff";
import { firstLink, waitForMail } from "./support/mail";
import { e2eDb, ensureOrganisation } from "./support/db";

test.use({ storageState: adminState() });

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const CONFIRM_LINK = /https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+/;

/** The text pdfkit drew (uncompressed hex strings), without white space (lines wrap anywhere) and without the page
 *  footers, which are drawn last on each page and so land inside text that runs on to the next page. */
function pdfText(pdf: Buffer) {
  return [...pdf.toString("latin1").matchAll(/<([0-9a-f]+)>/g)].map((m) => Buffer.from(m[1], "hex").toString("latin1")).join("").replace(/\s+/g, "").replace(/(Pagina\d+van\d+|Page\d+of\d+)/g, "");
}
// What the PDF's built-in font can draw (WinAnsi), as the renderer writes it.
const asDrawn = (s: string) => s.replace(/[^\x09\x0a\x0d\x20-\x7e\u00a0-\u00ff]/g, "?").replace(/\s+/g, "");

// Chromium's built-in PDF viewer is an extension with this fixed id; it renders the document in a child frame.
const PDF_VIEWER = "chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/";

/** Chromium's PDF viewer took the document: the page is a PDF, and the viewer's frame shows its <pdf-viewer>. */
async function expectPdfViewer(page: Page) {
  await expect.poll(() => page.evaluate(() => document.contentType).catch(() => null)).toBe("application/pdf");
  await expect.poll(async () => {
    const viewer = page.frames().find((f) => f.url().startsWith(PDF_VIEWER));
    return viewer ? viewer.evaluate(() => document.querySelector("pdf-viewer") !== null).catch(() => false) : false;
  }).toBe(true);
}

test("the complaint dossier PDF opens in Chromium and shows the form text as it was on the day of the signup", async ({ page, browser, request }) => {
  test.setTimeout(240_000); // a signup, a confirmation, four PDFs: on a shared 2-core machine this takes more than the default minute
  await ensureOrganisation();
  const db = await e2eDb();
  const { createForm } = await import("../lib/consent/create-form.ts");
  const { publishFormVersion } = await import("../lib/consent/publish-form-version.ts");
  const newsletter = await db.newsletter.create({
    data: { slug: `klacht-${run}`, name: `Klachtbrief ${run}`, description: "Nieuws over fietsen, elke maand.", language: "nl", fromName: "Fietsbond", fromEmail: "nieuws@fietsbond.example", categories: ["bikes"] },
  });
  const created = await createForm({ actor: "system", input: { slug: `klacht-${run}`, name: `Klacht ${run}`, language: "nl", newsletterIds: [newsletter.id] } });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const v1 = await publishFormVersion({ formId: created.id, actor: "system" });
  if (!v1.ok) throw new Error(JSON.stringify(v1.violations));

  // --- a visitor signs up and confirms in their own browser ---
  const visitor = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  const email = `klacht-${run}@example.nl`;
  await visitor.goto(`/f/klacht-${run}`, { waitUntil: "domcontentloaded" });
  await visitor.getByRole("checkbox", { name: newsletter.name }).check();
  await visitor.getByLabel("E-mailadres (verplicht)").fill(email);
  await visitor.getByRole("button", { name: "Aanmelden" }).click();
  await expect(visitor.getByRole("heading", { name: "Kijk in je e-mail" })).toBeVisible();
  await visitor.goto(firstLink(await waitForMail(email, (m) => (m.subject ?? "").startsWith("Bevestig")), CONFIRM_LINK));
  await visitor.getByRole("button", { name: "Bevestigen" }).click();
  await expect(visitor.getByRole("heading", { name: "Je bent aangemeld" })).toBeVisible();
  await visitor.context().close();
  const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email } });

  // --- afterwards the form text changes: a new version is published ---
  const later = `Vanaf nu een heel andere tekst ${run}.`;
  const form = await db.form.findUniqueOrThrow({ where: { id: created.id } });
  await db.form.update({ where: { id: created.id }, data: { draft: { ...(form.draft as object), intro: later } } });
  const v2 = await publishFormVersion({ formId: created.id, actor: "system" });
  expect(v2.ok && v2.version.id !== v1.version.id && v2.version.renderedText.includes(later)).toBe(true);
  expect(v1.version.renderedText).not.toContain(later);

  // --- the admin opens the dossier from the subscriber's page: Chromium's PDF viewer shows it ---
  await page.goto(`/admin/subscribers/${subscriber.id}`);
  await expect(page.getByRole("heading", { name: email })).toBeVisible();
  const link = page.getByRole("link", { name: "Complaint dossier (PDF, nl)" });
  const href = (await link.getAttribute("href"))!;
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/api/admin/exports/dossier/${subscriber.id}\\?format=pdf&lang=nl$`));
  await expectPdfViewer(page);

  // --- and its text: the form text of the day, not today's ---
  const res = await request.get(href);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  const pdf = await res.body();
  expect(pdf.toString("latin1")).toContain("/Lang (nl)");
  const text = pdfText(pdf);
  expect(text).toContain(asDrawn("Klachtdossier"));
  expect(text).toContain(asDrawn(v1.version.renderedText));
  expect(text).not.toContain(asDrawn(later));
  expect(text).toContain(asDrawn(`Formulier klacht-${run}, versie 1 (nl)`));
  // A4 with "Pagina n van N" on every page
  expect(pdf.toString("latin1")).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
  const drawn = [...pdf.toString("latin1").matchAll(/<([0-9a-f]+)>/g)].map((m) => Buffer.from(m[1], "hex").toString("latin1")).join("").replace(/\s+/g, "");
  const footers = [...drawn.matchAll(/Pagina(\d+)van(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  expect(footers.length).toBeGreaterThan(1);
  expect(footers).toEqual(footers.map((_, i) => [i + 1, footers.length]));

  // --- the JSON verifies offline ---
  const { verifyProof } = await import("../lib/export/verify-proof.ts");
  const json = await request.get(`/api/admin/exports/dossier/${subscriber.id}?format=json`);
  expect(await verifyProof(await json.text())).toMatchObject({ ok: true, kind: "proofmail.complaint-dossier" });

  // --- /admin/dossier (in the nav) finds the person by a typed address, and says when nothing matches ---
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Complaint dossier" }).click();
  await expect(page.getByRole("heading", { name: "Complaint dossier" })).toBeVisible();
  await page.getByLabel("Email address").fill(`nobody-${run}@example.nl`);
  await page.getByRole("button", { name: "Make the dossier" }).click();
  await expect(page.getByText("Nothing found: no subscriber, kept consent record or suppression entry matches that address.")).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/dossier\?result=nothing-found$/);

  await page.getByLabel("Email address").fill(email.toUpperCase());
  await page.getByLabel("Language").selectOption("en");
  await page.getByRole("button", { name: "Make the dossier" }).click();
  await expect(page).toHaveURL(/\/api\/admin\/exports\/dossier$/);
  await expectPdfViewer(page);

  const audits = await db.auditLog.findMany({ where: { action: "export.dossier" }, orderBy: { at: "asc" } });
  const mine = audits.filter((a) => a.target === subscriber.id);
  expect(mine.map((a) => (a.details as { by: string; format: string }).format)).toEqual(expect.arrayContaining(["pdf", "json"]));
  expect(mine.some((a) => (a.details as { by: string }).by === "address")).toBe(true);
  expect(audits.some((a) => (a.details as { found: string }).found === "nothing")).toBe(true);
  expect(JSON.stringify(audits)).not.toContain(`nobody-${run}`);
});
