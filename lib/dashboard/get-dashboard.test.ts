import { describe, it, expect } from "vitest";
import { db } from "../db/index.ts";
import { getDashboard } from "./get-dashboard.ts";
import { appendEvents } from "../consent/ledger.ts";

describe("dashboard", () => {
  it("counts signups, imports, confirmations and unsubscribes per day and the latest sends' outcomes", async () => {
    const now = new Date("2025-06-10T12:00:00Z");
    const n = await db.newsletter.create({ data: { slug: "dash", name: "Dash", fromName: "O", fromEmail: "o@o.nl", categories: [] } });
    const other = await db.newsletter.create({ data: { slug: "other", name: "Other", fromName: "O", fromEmail: "o@o.nl", categories: [] } });
    const mk = async (i: number, nl: string, status: "pending" | "confirmed" | "unsubscribed", createdAt: string, confirmedAt?: string, unsubscribedAt?: string) => {
      const s = await db.subscriber.create({ data: { email: `d${i}@example.nl` } });
      return db.subscription.create({ data: { subscriberId: s.id, newsletterId: nl, status, createdAt: new Date(createdAt), confirmedAt: confirmedAt ? new Date(confirmedAt) : null, unsubscribedAt: unsubscribedAt ? new Date(unsubscribedAt) : null } });
    };
    await mk(1, n.id, "confirmed", "2025-06-08T23:59:00Z", "2025-06-09T00:01:00Z");
    await mk(2, n.id, "pending", "2025-06-09T10:00:00Z");
    await mk(3, n.id, "unsubscribed", "2025-06-09T11:00:00Z", "2025-06-09T11:05:00Z", "2025-06-10T08:00:00Z");
    await mk(4, n.id, "confirmed", "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z"); // outside the window
    await mk(5, other.id, "pending", "2025-06-09T10:00:00Z");
    // two imported the same day: they count as imports, never as signups
    for (const i of [6, 7]) {
      const sub = await mk(i, n.id, "confirmed", "2025-06-09T14:00:00Z");
      await db.$transaction((tx) => appendEvents(tx, [{ type: "import", at: new Date("2025-06-09T14:00:00Z"), subscriberId: sub.subscriberId, subscriptionId: sub.id, newsletterIds: [n.id], actor: "system" }]));
    }
    const issue = await db.issue.create({ data: { newsletterId: n.id, subject: "June" } });
    const send = await db.send.create({ data: { issueId: issue.id, status: "done", total: 3 } });
    const subs = await db.subscriber.findMany({ take: 3, orderBy: { email: "asc" } });
    await db.delivery.createMany({ data: subs.map((s, i) => ({ sendId: send.id, issueId: issue.id, subscriberId: s.id, status: i < 2 ? "sent" : "skipped" })) });

    const d = await getDashboard({ days: 7, now });
    expect(d.days).toHaveLength(7);
    expect(d.days.at(-1)).toBe("2025-06-10");
    const dash = d.newsletters.find((x) => x.slug === "dash")!;
    const day = (k: string) => dash.series.find((p) => p.day === k)!;
    expect(day("2025-06-08")).toMatchObject({ signups: 1, confirmations: 0 });
    expect(day("2025-06-09")).toMatchObject({ signups: 2, imports: 2, confirmations: 2, unsubscribes: 0 });
    expect(day("2025-06-10")).toMatchObject({ unsubscribes: 1 });
    expect(dash.series.reduce((a, p) => a + p.signups, 0)).toBe(3);
    expect(dash.series.reduce((a, p) => a + p.imports, 0)).toBe(2);
    expect(dash.totals).toEqual({ pending: 1, confirmed: 4, unsubscribed: 1 });
    expect(dash.sends).toEqual([expect.objectContaining({ subject: "June", total: 3, counts: { queued: 0, sending: 0, sent: 2, skipped: 1, failed: 0 } })]);
    expect(d.newsletters.find((x) => x.slug === "other")!.sends).toEqual([]);
    expect(JSON.stringify(d)).not.toContain("@example.nl");
  });
});
