// The public archive against a real database: only sent issues of a newsletter whose archive is on, the
// body only (no footer, so nobody's personal links), and a valid Atom feed.
import { describe, it, expect } from "vitest";
import { XMLParser } from "fast-xml-parser";
import { db } from "../db/index.ts";
import { archiveFeed, getArchive, getArchivedIssue } from "./public-archive.ts";
import { seedNewsletter } from "../sending/testing/fixtures.ts";

async function issue(newsletterId: string, subject: string, status: "draft" | "sent", sentAt?: Date) {
  const i = await db.issue.create({ data: { newsletterId, subject, preheader: `About ${subject}`, bodyMarkdown: `# ${subject}\n\nRead [more](https://example.org/${encodeURIComponent(subject)}).\n\n<script>alert(1)</script>`, status } });
  if (sentAt) await db.send.create({ data: { issueId: i.id, status: "done", createdAt: sentAt, startedAt: sentAt, finishedAt: sentAt } });
  return i;
}

describe("public archive", () => {
  it("lists the sent issues of a newsletter whose archive is on, newest first, and shows each body safely", async () => {
    const n = await seedNewsletter({ name: "Archive News" });
    await db.newsletter.update({ where: { id: n.id }, data: { publicArchive: true } });
    const older = await issue(n.id, "First issue", "sent", new Date("2026-10-01T09:00:00Z"));
    const newer = await issue(n.id, "Second issue", "sent", new Date("2026-11-01T09:00:00Z"));
    const draft = await issue(n.id, "Not yet", "draft");

    const archive = await getArchive(n.slug);
    expect(archive?.issues.map((i) => i.subject)).toEqual(["Second issue", "First issue"]);
    expect(archive?.issues[0].sentAt).toEqual(new Date("2026-11-01T09:00:00Z"));

    const shown = await getArchivedIssue(n.slug, older.id);
    expect(shown?.html).toContain('<a href="https://example.org/First%20issue">more</a>');
    expect(shown?.html).not.toContain("<script");
    expect(shown?.html).not.toMatch(/\/u\/|\/p\//); // no one's unsubscribe or preferences link
    expect(await getArchivedIssue(n.slug, draft.id)).toBeNull();

    const xml = await archiveFeed(n.slug);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(xml!).feed;
    expect(feed.title).toBe("Archive News");
    expect(feed.entry.map((e: { title: { "#text": string } }) => e.title["#text"])).toEqual(["Second issue", "First issue"]);
    expect(feed.entry[0].id).toBe(`http://localhost:3999/n/${n.slug}/archive/${newer.id}`);
    expect(JSON.stringify(feed)).not.toContain("Not yet");
  });

  it("a newsletter without a public archive has none, not even for its sent issues", async () => {
    const n = await seedNewsletter({ name: "Private News" });
    const sent = await issue(n.id, "Members only", "sent", new Date());
    expect(await getArchive(n.slug)).toBeNull();
    expect(await getArchivedIssue(n.slug, sent.id)).toBeNull();
    expect(await archiveFeed(n.slug)).toBeNull();
    expect(await getArchive("no-such-newsletter")).toBeNull();
  });
});
