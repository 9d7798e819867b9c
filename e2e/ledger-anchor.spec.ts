// Anchoring the consent ledger's head (issue 12, deliver 5), in Chromium against the built app and the real SMTP
// server: an admin presses "Sign and anchor the ledger head now" on Exports; the signed head goes to
// LEDGER_ANCHOR_EMAIL (body and attachment, checkable with the published key), the page shows the last anchor per
// channel, and the audit log has it. The timestamp authority is not configured here (its round trip is tested in
// lib/consent/anchor-head.test.ts against a real in-process TSA), so the page says so.
import { test, expect } from "@playwright/test";
import { createPublicKey, verify } from "node:crypto";
import { adminState } from "./support/staff";
import { waitForMail } from "./support/mail";
import { e2eEnv } from "./support/env";
import { statementBytes } from "../lib/consent/head-statement";

test.use({ storageState: adminState() });

test("an admin signs and anchors the head now: it is mailed, shown as the last anchor and audited", async ({ page }) => {
  const to = e2eEnv().LEDGER_ANCHOR_EMAIL;
  await page.goto("/admin/exports");
  const last = page.getByRole("list", { name: "Last anchors" });
  await expect(last.locator('[data-channel="tsa"]')).toHaveText("By timestamp authority: not configured");
  await page.getByRole("button", { name: "Sign and anchor the ledger head now" }).click();
  await expect(page.getByText(/^Signed head \d+\. Anchored by e-mail \(ledger-anchor@auditor\.example\)\.$/)).toBeVisible();
  await expect(last.locator('[data-channel="email"]')).toHaveText(/^By e-mail: last anchored: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, by e-mail \(head \d+, ledger-anchor@auditor\.example\)$/);

  const mail = await waitForMail(to, (m) => /^Proofmail ledger head \d+ /.test(m.subject ?? ""));
  const seq = /^Proofmail ledger head (\d+) /.exec(mail.subject!)![1];
  const attachment = mail.attachments.find((a) => a.filename === `proofmail-ledger-head-${seq}.json`);
  const head = JSON.parse(attachment!.content.toString("utf8"));
  expect(mail.text).toContain(JSON.stringify(head, null, 2));
  // The mailed head verifies with the key the install publishes.
  const published = await (await page.request.get("/.well-known/proofmail-ledger.json")).json();
  const key = published.keys.find((k: { keyId: string }) => k.keyId === head.statement.keyId);
  expect(key).toBeTruthy();
  expect(verify(null, statementBytes(head.statement), createPublicKey(key.publicKeyPem), Buffer.from(head.signature, "base64"))).toBe(true);

  await page.goto("/admin/audit?action=ledger.anchor");
  await expect(page.getByRole("cell", { name: "ledger.anchor", exact: true }).first()).toBeVisible();
});
