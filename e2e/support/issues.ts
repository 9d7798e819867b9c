// Composing and sending an issue as an editor does, shared by the specs that send.
import { expect, type Page } from "@playwright/test";

/** Creates an issue of the named newsletter and types its text (not yet saved). */
export async function composeIssue(page: Page, newsletterName: string, subject: string, body: string) {
  await page.goto("/admin/issues");
  await page.getByLabel("Newsletter").selectOption({ label: newsletterName });
  await page.getByLabel("Subject").fill(subject);
  await page.getByRole("button", { name: "Create the issue" }).click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
  await page.getByLabel("Text (Markdown)").fill(body);
}

/** On the pre-send report: tick the check, send now, wait until the send is done. */
export async function sendFromReport(page: Page) {
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Send now" }).click();
  await expect(page.getByTestId("send-status")).toHaveText("done", { timeout: 30_000 });
}
