// Declares the open issue in the composer as an editor does: categories, the third-party question, the
// basis and "I declare…". The content must be saved first (the Declare button waits for that).
import { expect, type Page } from "@playwright/test";

export type Declaration = { categories?: string[]; thirdParty: boolean; basis: "consent" | "existing_customer" };

export async function declareIssue(page: Page, d: Declaration) {
  const form = page.locator('form[aria-label="Declaration"][data-ready=true]');
  await expect(form).toBeVisible();
  for (const c of d.categories ?? []) await form.getByLabel(c, { exact: true }).check();
  await form.getByLabel(d.thirdParty ? "Yes, it contains third-party offers" : "No, only our own offers").check();
  await form.getByLabel(d.basis === "consent" ? /^Consent only/ : /^Consent and existing customers/).check();
  await form.getByLabel(/^I declare that/).check();
  await form.getByRole("button", { name: "Declare" }).click();
  await expect(form.getByText("Declared. The issue can be sent or scheduled now.")).toBeVisible();
  await expect(page.getByTestId("declaration-status")).toContainText("Declared on");
}

/** Saves the composer's text, then declares it (by default: own offers, consent only). */
export async function saveAndDeclare(page: Page, d: Declaration = { thirdParty: false, basis: "consent" }) {
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved.", { exact: true })).toBeVisible();
  await declareIssue(page, d);
}
