// A newcomer's first minutes (issue 13, the blocker): `npm start` from an EMPTY data directory, a fresh
// database and no SMTP_URL. Everything the person needs comes from the console: the setup link, then
// (after signing out) the sign-in link, printed as "proofmail: mail to ADDRESS: SUBJECT: LINK".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { png } from "./support/png";
import { test, expect, type BrowserContext, type Page } from "@playwright/test";
import { freePort, startOwnServer, type OwnServer } from "./support/own-server";
import { needsBuild } from "../scripts/needs-build";
import { saveAndDeclare } from "./support/declare";

test.describe.configure({ mode: "serial" });

const id = randomBytes(4).toString("hex");
const EMAIL = "newcomer@example.org";
let server: OwnServer;
let dataDir: string;
let pgSchema: { base: string; schema: string } | null = null;
let appUrl: string;
let staffSession: Awaited<ReturnType<BrowserContext["storageState"]>>;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // `npm start` builds when sources are newer than the build; that must not happen inside a test run.
  if (needsBuild()) throw new Error("the build is older than the sources: run `next build` first");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "proofmail-newcomer-"));
  dataDir = path.join(dir, "data"); // does not exist yet: start-up creates it and its secrets
  const port = await freePort();
  appUrl = `http://localhost:${port}`;
  let databaseUrl = `file:${path.join(dataDir, "proofmail.db")}`;
  const base = process.env.DATABASE_URL;
  if (base && /^postgres(ql)?:\/\//.test(base)) {
    const u = new URL(base);
    u.searchParams.set("schema", `newcomer_${id}`);
    databaseUrl = u.toString();
    u.searchParams.delete("schema");
    pgSchema = { base: u.toString(), schema: `newcomer_${id}` };
  }
  // No SMTP_URL, AUTH_SECRET, SUPPRESSION_KEY or APP_URL: what a person who just cloned the repo has.
  // On PostgreSQL the worker is a process of its own (WORKER_IN_WEB defaults to 0 there); this one-process
  // install runs it inside the web server, as SQLite does by default.
  server = await startOwnServer({ script: "scripts/start.ts", port, env: { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, WORKER_IN_WEB: "1" } });
  await server.waitForOutput(/proofmail: web server ready/, 90_000);
});

test.afterAll(async () => {
  await server?.stop();
  if (pgSchema) {
    const pg = await import("pg");
    const c = new pg.default.Client({ connectionString: pgSchema.base });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${pgSchema.schema}" CASCADE`);
    await c.end();
  }
});

test("from an empty data directory to the dashboard, with only what the console printed", async ({ browser }) => {
  // start-up made the secrets it needs and said where sign-in links will appear
  expect(fs.readdirSync(dataDir).sort()).toEqual(expect.arrayContaining(["auth-secret", "suppression-key"]));
  expect(server.output()).toContain(`proofmail: serving ${appUrl}`);
  expect(server.output()).toContain("sign-in links and invitations are printed here");

  const setupLink = (await server.waitForOutput(/proofmail: no admin yet[\s\S]*?(https?:\/\/\S+\/setup\/[A-Za-z0-9_-]+)/))[1];
  expect(setupLink.startsWith(`${appUrl}/setup/`)).toBe(true);

  const page = await (await browser.newContext()).newPage();
  await page.goto(setupLink);
  await page.getByLabel("Your email address").fill(EMAIL);
  await page.getByLabel("Your name (optional)").fill("Nina Newcomer");
  await page.getByRole("button", { name: "Create the admin account" }).click();
  // finishing the setup signs the new admin in
  await expect(page.getByRole("heading", { name: "Admin home" })).toBeVisible();
  await expect(page).toHaveURL(`${appUrl}/admin`);
  await expect(page.getByTestId("staff")).toHaveText(`${EMAIL} (admin)`);
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === "authjs.session-token")).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });

  // sign out, then back in with a link that only the console shows
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto(`${appUrl}/admin`);
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel("Email address").fill(EMAIL);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByTestId("where-the-link-is")).toContainText(
    "the link is printed in the terminal where Proofmail runs (a line starting with 'proofmail: mail to')",
  );
  const line = await server.waitForOutput(new RegExp(`proofmail: mail to ${EMAIL.replace(".", "\\.")}: Sign in to Proofmail: (\\S+)`), 15_000);
  await page.goto(line[1]);
  await expect(page.getByRole("heading", { name: "Admin home" })).toBeVisible();
  await expect(page.getByTestId("staff")).toHaveText(`${EMAIL} (admin)`);

  // the setup link was single-use
  await page.goto(setupLink);
  await expect(page.getByText("Setup is already complete.")).toBeVisible();
  staffSession = await page.context().storageState();
});

/** Opens the newest message to `to` whose subject contains `subject` in Admin → Dev mailbox (no SMTP: mail lands there). */
async function openMail(admin: Page, to: string, subject: string) {
  await expect(async () => {
    await admin.goto(`${appUrl}/admin/mailbox`);
    await admin.getByRole("row").filter({ hasText: to }).getByRole("link", { name: subject }).first().click({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  return { text: (await admin.getByTestId("mail-text").textContent()) ?? "", headers: (await admin.locator("dl").first().textContent()) ?? "" };
}

test("the first hour: a newsletter in Dutch and English, a form, an English signup, confirmed, an issue with a photo, unsubscribed", async ({ browser }) => {
  test.setTimeout(240_000);
  const run = randomBytes(3).toString("hex");
  const NL = { name: `Fietsnieuws ${run}`, description: "Nieuwe fietsen, elke maand.", fromName: "Fietsbond", footer: "Je krijgt dit als lid." };
  const EN = { name: `Bike news ${run}`, description: "New bikes, every month.", fromName: "Cyclists Union", footer: "You get this as a member." };
  const admin = await (await browser.newContext({ storageState: staffSession })).newPage();

  // the empty installation's dashboard says what to do first, one link at a time
  await admin.goto(`${appUrl}/admin`);
  await admin.getByRole("link", { name: "Say who you are" }).click();
  await admin.getByLabel("Organisation name (the controller)").fill("Fietsbond Utrecht");
  await admin.getByLabel("Postal address").fill("Oudegracht 1, 3511 AA Utrecht");
  await admin.getByLabel("Contact e-mail for privacy questions").fill("privacy@fietsbond.example");
  await admin.getByLabel("Privacy statement link").fill("https://fietsbond.example/privacy");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByText(/^Saved\./)).toBeVisible();

  await admin.goto(`${appUrl}/admin`);
  await admin.getByRole("link", { name: "Create a newsletter" }).click();
  await admin.getByLabel(/^Slug/).fill(`fiets-${run}`);
  await admin.getByLabel("Sender e-mail").fill("nieuws@fietsbond.example");
  for (const [group, t] of [["Dutch (primary language)", NL], ["English (optional)", EN]] as const) {
    const g = admin.getByRole("group", { name: group });
    await g.getByLabel("Name", { exact: true }).fill(t.name);
    await g.getByLabel(/^Description/).fill(t.description);
    await g.getByLabel("Sender name").fill(t.fromName);
    await g.getByLabel(/^Footer/).fill(t.footer);
  }
  await admin.getByRole("button", { name: "Create newsletter" }).click();
  await expect(admin.getByRole("heading", { name: NL.name })).toBeVisible();

  await admin.goto(`${appUrl}/admin`);
  await admin.getByRole("link", { name: "Create and publish a signup form" }).click();
  await admin.getByLabel("Form name (for admins)").fill(`Sign up ${run}`);
  await admin.getByLabel(/^Slug/).fill(`signup-${run}`);
  await admin.getByLabel("Language of the form").selectOption("en");
  await admin.getByLabel(NL.name).check();
  await admin.getByRole("button", { name: "Create form" }).click();
  await expect(admin.locator("form[data-ready=true]")).toBeVisible();
  await admin.getByRole("button", { name: "Save and publish" }).click();
  await expect(admin.getByText("Published as version 1.")).toBeVisible();

  // a visitor signs up on the English form
  const visitor = await (await browser.newContext()).newPage();
  const email = `reader-${run}@example.com`;
  await visitor.goto(`${appUrl}/f/signup-${run}`);
  await expect(visitor.locator("html")).toHaveAttribute("lang", "en");
  await expect(visitor.getByText(EN.description)).toBeVisible();
  await expect(visitor.getByRole("checkbox", { name: EN.name })).not.toBeChecked();
  await visitor.getByRole("checkbox", { name: EN.name }).check();
  await visitor.getByLabel("E-mail address (required)").fill(email);
  await visitor.getByRole("button", { name: "Subscribe" }).click();
  await expect(visitor.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();

  // the confirmation, in English from the English sender name, read in the dev mailbox
  const confirmation = await openMail(admin, email, EN.name);
  expect(confirmation.headers).toContain(`from${EN.fromName} <nieuws@fietsbond.example>`);
  const confirmLink = /https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+/.exec(confirmation.text)?.[0];
  expect(confirmLink).toBeTruthy();
  await visitor.goto(confirmLink!);
  await expect(visitor.locator("html")).toHaveAttribute("lang", "en");
  await visitor.getByRole("button", { name: "Confirm" }).click();
  await expect(visitor.getByRole("heading", { name: "You are subscribed" })).toBeVisible();

  // an issue with a photo, sent through the pre-send report
  const subject = `New bikes ${run}`;
  await admin.goto(`${appUrl}/admin/issues`);
  await admin.getByLabel("Newsletter").selectOption({ label: NL.name });
  await admin.getByLabel("Subject").fill(subject);
  await admin.getByRole("button", { name: "Create the issue" }).click();
  await expect(admin.getByRole("heading", { name: subject })).toBeVisible();
  await admin.getByLabel("Text (Markdown)").fill("# New bikes\n\nSee the [collection](https://fietsbond.example/new).");
  const photo = path.join(path.dirname(dataDir), "bike.png");
  fs.writeFileSync(photo, png(800, 20));
  const upload = admin.getByRole("group", { name: "Insert an image" });
  await upload.getByLabel("Image file").setInputFiles(photo);
  await upload.getByLabel("Alt text").fill("A blue bike");
  await upload.getByRole("button", { name: "Upload and insert" }).click();
  await expect(upload.getByRole("status")).toContainText("The image was inserted");
  await saveAndDeclare(admin); // own offers only, consent as its basis
  await admin.getByRole("button", { name: "Save and review the send" }).click();
  await expect(admin.getByTestId("report-recipients")).toContainText("1 recipient will receive this issue");
  await admin.getByRole("checkbox").check();
  await admin.getByRole("button", { name: "Send now" }).click();
  await expect(admin.getByTestId("send-status")).toHaveText("done", { timeout: 60_000 });

  // the issue reaches the reader in English, with the photo; its unsubscribe link asks nothing but a press
  const issueMail = await openMail(admin, email, subject);
  expect(issueMail.headers).toContain(`from${EN.fromName} <nieuws@fietsbond.example>`);
  expect(issueMail.text).toContain("A blue bike");
  expect(issueMail.text).toContain(EN.footer);
  expect(issueMail.text).toContain(`You receive ${EN.name} because you subscribed`); // in their language, with their newsletter's name
  expect(issueMail.text).not.toMatch(/<\/?[a-z][^>]*>|!\[|\]\(/i);
  const html = await admin.frameLocator('iframe[title="HTML part"]').locator("img[alt='A blue bike']").getAttribute("style");
  expect(html).toMatch(/max-width:\s*100%/);
  const unsubscribe = /^Unsubscribe from this newsletter: (\S+)\s*$/m.exec(issueMail.text)?.[1];
  expect(unsubscribe).toBeTruthy();
  await visitor.goto(unsubscribe!);
  await expect(visitor.getByRole("heading", { name: `Unsubscribe from ${EN.name}` })).toBeVisible();
  await expect(visitor.getByRole("textbox")).toHaveCount(0);
  await visitor.getByRole("button", { name: "Unsubscribe", exact: true }).click();
  await expect(visitor.getByRole("status")).toContainText(`You are unsubscribed from ${EN.name}`);
});
