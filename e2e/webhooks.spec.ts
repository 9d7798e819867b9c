// Admin → Webhooks in Chromium against the built app: an admin registers an endpoint (a refused link gets
// its field message; the secret is shown once), a suppression added in the admin reaches the receiver
// signed (checked with standardwebhooks' Webhook.verify) with the address, the endpoint's log shows the
// delivery, and Replay sends it again with the same webhook-id.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { test, expect } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { adminState } from "./support/staff";

test.use({ storageState: adminState() });

const run = Date.now().toString(36);

test("an admin registers an endpoint, it gets a signed suppression.added, and a replay sends it again", async ({ page }) => {
  const got: { headers: Record<string, string>; body: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      got.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook-${run}`;
  const email = `webhook-${run}@example.org`;
  const ours = () => got.filter((g) => g.body.includes(email));
  try {
    await page.goto("/admin/webhooks");
    await page.getByLabel("Endpoint URL").fill("ftp://crm.example.com/hooks");
    await page.getByLabel("suppression.added").check();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByText("Only http:// and https:// links can receive webhooks.")).toBeVisible();

    await page.getByLabel("Endpoint URL").fill(url);
    await page.getByLabel("suppression.added").check();
    await page.getByLabel("Ids and the email address").check();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const secret = (await page.getByTestId("new-webhook-secret").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^whsec_/);

    await page.goto("/admin/suppressions");
    const add = page.locator("form").filter({ has: page.getByRole("button", { name: "Add to the suppression list" }) });
    await add.getByLabel(/^Addresses, one per line/).fill(email);
    await add.getByLabel("Reason").selectOption("objection");
    await add.getByRole("button", { name: "Add to the suppression list" }).click();

    await expect.poll(() => ours().length, { timeout: 15_000 }).toBe(1);
    const first = ours()[0];
    expect(new Webhook(secret).verify(first.body, first.headers)).toMatchObject({ type: "suppression.added", data: { reason: "objection", scope: "all", email } });

    await page.goto("/admin/webhooks");
    await page.getByRole("link", { name: url }).click();
    await expect(page.getByRole("heading", { name: "Webhook deliveries" })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: "suppression.added" }).first();
    await expect(async () => {
      await page.reload();
      await expect(row).toContainText("succeeded", { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(row).toContainText("204");
    await row.getByRole("button", { name: /^Replay suppression\.added/ }).click();
    await expect(page.getByText("The delivery is queued to be sent again.")).toBeVisible();
    await expect.poll(() => ours().length, { timeout: 15_000 }).toBe(2);
    expect(ours()[1].headers["webhook-id"]).toBe(first.headers["webhook-id"]);
    expect(() => new Webhook(secret).verify(ours()[1].body, ours()[1].headers)).not.toThrow();
  } finally {
    // Other specs add suppressions on the same server: the endpoint goes, so nothing retries to a closed port.
    await page.goto("/admin/webhooks");
    const del = page.getByRole("button", { name: `Delete ${url}` });
    if (await del.count()) await del.click();
    await new Promise<void>((r) => server.close(() => r()));
  }
});
