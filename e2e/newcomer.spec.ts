// A newcomer's first minutes (issue 13, the blocker): `npm start` from an EMPTY data directory, a fresh
// database and no SMTP_URL. Everything the person needs comes from the console: the setup link, then
// (after signing out) the sign-in link, printed as "proofmail: mail to ADDRESS: SUBJECT: LINK".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { test, expect } from "@playwright/test";
import { freePort, startOwnServer, type OwnServer } from "./support/own-server";
import { needsBuild } from "../scripts/needs-build";

test.describe.configure({ mode: "serial" });

const id = randomBytes(4).toString("hex");
const EMAIL = "newcomer@example.org";
let server: OwnServer;
let dataDir: string;
let pgSchema: { base: string; schema: string } | null = null;
let appUrl: string;

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
  server = await startOwnServer({ script: "scripts/start.ts", port, env: { DATA_DIR: dataDir, DATABASE_URL: databaseUrl } });
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
});
