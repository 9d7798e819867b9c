import { describe, it, expect } from "vitest";
import { db } from "../db/index.ts";
import { listAuditLog } from "./list-audit-log.ts";

describe("audit log listing", () => {
  it("filters by action, actor and date, and pages without gaps or repeats", async () => {
    const base = Date.UTC(2025, 5, 1);
    await db.auditLog.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({
        at: new Date(base + Math.floor(i / 2) * 86400_000), // two entries share each timestamp
        actor: i % 2 ? "ada@example.org" : "bob@example.org",
        action: i % 3 ? "export.proof" : "import",
        target: `t${i}`,
      })),
    });
    const seen: string[] = [];
    let before: string | undefined;
    do {
      const page = await listAuditLog({ take: 4, before });
      seen.push(...page.entries.map((e) => e.target!));
      before = page.next ?? undefined;
    } while (before);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    const imports = await listAuditLog({ action: "import" });
    expect(imports.entries.every((e) => e.action === "import")).toBe(true);
    expect(imports.entries).toHaveLength(9);
    expect((await listAuditLog({ actor: "ADA" })).entries.every((e) => e.actor === "ada@example.org")).toBe(true);
    const day = await listAuditLog({ from: "2025-06-02", to: "2025-06-02" });
    expect(day.entries.map((e) => e.target).sort()).toEqual(["t2", "t3"]);
    expect((await listAuditLog({})).actions).toEqual(["export.proof", "import"]);
  });
});
