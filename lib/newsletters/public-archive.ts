// A newsletter's public archive (when the admin turned it on): its sent issues as web pages and an Atom
// feed. Only what every recipient got alike is shown, the issue's own text: never a footer, and so never
// anyone's unsubscribe or preferences link.
import { Feed } from "feed";
import { db } from "../db/index.ts";
import { config } from "../config/index.ts";
import { markdownToSafeHtml } from "../mail/render-issue.tsx";
import { loadImageWidths } from "../uploads/image-widths.ts";

export type ArchivedIssue = { id: string; subject: string; preheader: string; sentAt: Date };
export type Archive = { newsletter: { slug: string; name: string; description: string; language: "nl" | "en" }; issues: ArchivedIssue[] };

const LIMIT = 200;

async function publicNewsletter(slug: string) {
  const n = await db.newsletter.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, description: true, language: true, publicArchive: true, archivedAt: true } });
  return n && n.publicArchive ? { ...n, language: n.language === "en" ? ("en" as const) : ("nl" as const) } : null;
}

/** The sent issues, newest first; null when the newsletter has no public archive. */
export async function getArchive(slug: string): Promise<Archive | null> {
  const n = await publicNewsletter(slug);
  if (!n) return null;
  const rows = await db.issue.findMany({
    where: { newsletterId: n.id, status: "sent" },
    select: { id: true, subject: true, preheader: true, sends: { select: { startedAt: true, createdAt: true }, orderBy: { createdAt: "asc" }, take: 1 } },
    orderBy: { updatedAt: "desc" },
    take: LIMIT,
  });
  const issues = rows
    .map((r) => ({ id: r.id, subject: r.subject, preheader: r.preheader, sentAt: r.sends[0]?.startedAt ?? r.sends[0]?.createdAt }))
    .filter((r): r is ArchivedIssue => !!r.sentAt)
    .sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime());
  return { newsletter: { slug: n.slug, name: n.name, description: n.description, language: n.language }, issues };
}

/** One sent issue of a public archive, its body as safe HTML; null otherwise. */
export async function getArchivedIssue(slug: string, issueId: string): Promise<(ArchivedIssue & { html: string; newsletter: Archive["newsletter"] }) | null> {
  const archive = await getArchive(slug);
  const found = archive?.issues.find((i) => i.id === issueId);
  if (!archive || !found) return null;
  const issue = await db.issue.findUniqueOrThrow({ where: { id: issueId }, select: { bodyMarkdown: true } });
  return { ...found, html: markdownToSafeHtml(issue.bodyMarkdown, await loadImageWidths(issue.bodyMarkdown)), newsletter: archive.newsletter };
}

/** The archive as an Atom 1.0 feed (each entry with the issue's full text). */
export async function archiveFeed(slug: string): Promise<string | null> {
  const archive = await getArchive(slug);
  if (!archive) return null;
  const base = `${config().appUrl}/n/${encodeURIComponent(slug)}/archive`;
  const feed = new Feed({
    title: archive.newsletter.name,
    description: archive.newsletter.description,
    id: base,
    link: base,
    language: archive.newsletter.language,
    updated: archive.issues[0]?.sentAt ?? new Date(0),
    copyright: "",
    feedLinks: { atom: `${base}/feed.xml` },
  });
  const bodies = await db.issue.findMany({ where: { id: { in: archive.issues.slice(0, 50).map((i) => i.id) } }, select: { id: true, bodyMarkdown: true } });
  for (const i of archive.issues.slice(0, 50)) {
    feed.addItem({
      title: i.subject, id: `${base}/${i.id}`, link: `${base}/${i.id}`, date: i.sentAt, description: i.preheader,
      content: markdownToSafeHtml(bodies.find((b) => b.id === i.id)?.bodyMarkdown ?? ""),
    });
  }
  return feed.atom1();
}
