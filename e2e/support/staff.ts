// Signs staff in the way a person does: the sign-in form, then the magic link from the SMTP server.
import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { e2eEnv } from "./env";
import { firstLink, waitForMail } from "./mail";

/** The first admin (created by e2e/foundation.spec.ts) and their saved session: `test.use({ storageState: adminState() })`. */
export const ADMIN_EMAIL = "admin@example.org";
export const adminState = () => path.join(e2eEnv().E2E_DIR, "admin-state.json");

export function setupLink(): string {
  return fs.readFileSync(path.join(e2eEnv().E2E_DIR, "setup-link.txt"), "utf8").trim();
}

export async function signInByMagicLink(page: Page, email: string) {
  const since = Date.now();
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const mail = await waitForMail(email, (m) => m.subject === "Sign in to Proofmail" && (m.date?.getTime() ?? 0) >= since - 2000);
  await page.goto(firstLink(mail, /https?:\/\/\S+\/api\/auth\/callback\/email\S+/));
}
