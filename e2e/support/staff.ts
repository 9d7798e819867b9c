// Signs staff in the way a person does: the sign-in form, then the magic link from the SMTP server.
import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { e2eEnv } from "./env";
import type { ParsedMail } from "mailparser";
import { firstLink, mailTo, waitForMail } from "./mail";

/** The first admin (created by e2e/foundation.spec.ts) and their saved session: `test.use({ storageState: adminState() })`. */
export const ADMIN_EMAIL = "admin@example.org";
export const adminState = () => path.join(e2eEnv().E2E_DIR, "admin-state.json");

export function setupLink(): string {
  return fs.readFileSync(path.join(e2eEnv().E2E_DIR, "setup-link.txt"), "utf8").trim();
}

export async function signInByMagicLink(page: Page, email: string) {
  // A new mail, not one an earlier sign-in of the same address (a second browser a moment ago) already used.
  const LINK = /https?:\/\/\S+\/api\/auth\/callback\/email\S+/;
  const isSignIn = (m: ParsedMail) => m.subject === "Sign in to Proofmail";
  const seen = new Set((await mailTo(email)).filter(isSignIn).map((m) => firstLink(m, LINK)));
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const mail = await waitForMail(email, (m) => isSignIn(m) && !seen.has(firstLink(m, LINK)));
  await page.goto(firstLink(mail, LINK));
}
