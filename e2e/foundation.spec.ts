import { test, expect } from "@playwright/test";
import { ADMIN_EMAIL, adminState, setupLink } from "./support/staff";
import { firstLink, waitForMail } from "./support/mail";

test("home page and health", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Proofmail" })).toBeVisible();
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", database: { ok: true }, mailer: { ok: true } });
});

test("the setup link creates the first admin and signs them in", async ({ page }) => {
  const link = setupLink();
  await page.goto(link);
  await page.getByLabel("Your email address").fill("Admin@Example.org");
  await page.getByLabel("Your name (optional)").fill("Ada Admin");
  await page.getByRole("button", { name: "Create the admin account" }).click();
  await expect(page.getByRole("heading", { name: "Admin home" })).toBeVisible();
  await expect(page.getByTestId("staff")).toHaveText(`${ADMIN_EMAIL} (admin)`);
  await page.context().storageState({ path: adminState() });

  // the link was single-use: setup is done
  await page.goto(link);
  await expect(page.getByText("Setup is already complete.")).toBeVisible();
});

test("staff sign in by a magic link from the mail server", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/login");
  await page.getByLabel("Email address").fill(ADMIN_EMAIL);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByTestId("where-the-link-is")).toContainText("check your inbox");
  const mail = await waitForMail(ADMIN_EMAIL, (m) => m.subject === "Sign in to Proofmail");
  await page.goto(firstLink(mail, /https?:\/\/\S+\/api\/auth\/callback\/email\S+/));
  await expect(page.getByRole("heading", { name: "Admin home" })).toBeVisible();
  await expect(page.getByTestId("staff")).toHaveText(`${ADMIN_EMAIL} (admin)`);
});

test("admin pages need a session", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login/);
});
