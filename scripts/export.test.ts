import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { db } from "../lib/db/index.ts";
import { createNewsletterWithForm, createSubscriber } from "../lib/testing/fixtures.ts";

function exportCli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/export.ts", ...args], { env: process.env, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("npm run export", () => {
  it("writes the admin's bulk export (header with the ledger check, one line per subscription) and audits it", async () => {
    const a = await createNewsletterWithForm();
    const b = await createNewsletterWithForm();
    await createSubscriber({ email: "anna@example.org", subscriptions: [{ newsletterId: a.newsletter.id, formVersionId: a.formVersion.id, status: "confirmed", createdAt: new Date() }] });
    await createSubscriber({ email: "bram@example.org", subscriptions: [{ newsletterId: b.newsletter.id, formVersionId: b.formVersion.id, status: "confirmed", createdAt: new Date() }] });

    const all = exportCli();
    expect(all.code).toBe(0);
    const lines = all.out.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: "header", kind: "proofmail.consent-export", ledger: { ok: true } });
    expect(lines.slice(1).filter((l) => !l.type).map((l) => l.email).sort()).toEqual(["anna@example.org", "bram@example.org"]);
    expect(lines.at(-1)).toMatchObject({ type: "ledger-head" });
    expect(all.err).toMatch(/export: done in [\d.]+ s \(peak RSS \d+ MB/);

    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pm-export-")), "a.csv");
    const one = exportCli("--format=csv", `--newsletter=${a.newsletter.slug}`, `--out=${out}`);
    expect(one.code).toBe(0);
    const csv = fs.readFileSync(out, "utf8");
    expect(csv).toContain("anna@example.org");
    expect(csv).not.toContain("bram@example.org");

    const audits = await db.auditLog.findMany({ where: { action: "export.bulk" }, orderBy: { at: "asc" } });
    expect(audits.map((x) => [x.actor, x.target])).toEqual([["system", "all"], ["system", a.newsletter.id]]);
  });

  it("--purpose=share-with-third-party exports nobody and says why, by reason and count", async () => {
    const count = await db.subscription.count();
    const r = exportCli("--purpose=share-with-third-party");
    expect(r.code).toBe(0);
    const lines = r.out.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ type: "header", purpose: "share-with-third-party" }),
      { type: "summary", purpose: "share-with-third-party", exported: 0, excluded: { DENY_SHARE_NO_CONSENT: count } },
    ]);
    expect(r.err).toContain(`export: 0 rows exported for share-with-third-party; excluded: ${count} DENY_SHARE_NO_CONSENT`);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "export.bulk" }, orderBy: { at: "desc" } });
    expect(audit.details).toMatchObject({ purpose: "share-with-third-party", via: "cli" });
    expect(exportCli("--purpose=sell")).toMatchObject({ code: 2, out: "", err: expect.stringContaining('--purpose: expected proof or share-with-third-party, got "sell"') });
  });

  it("names the flag on bad input and exits 2, writing nothing", () => {
    expect(exportCli("--format=xml")).toMatchObject({ code: 2, out: "", err: expect.stringContaining('--format: expected ndjson or csv, got "xml"') });
    expect(exportCli("--newsletter=nope")).toMatchObject({ code: 2, out: "", err: expect.stringContaining('--newsletter: no newsletter with the slug "nope"') });
    expect(exportCli("--all")).toMatchObject({ code: 2, err: expect.stringContaining('unknown argument "--all"') });
  });
});
