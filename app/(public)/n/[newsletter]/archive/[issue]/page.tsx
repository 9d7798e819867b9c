import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getArchivedIssue } from "@/lib/newsletters/public-archive";
import { PublicShell } from "../../../../f/[form]/public-form-page";
import { ARCHIVE_TEXT, formatArchiveDate } from "../archive-text";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ newsletter: string; issue: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { newsletter, issue } = await params;
  const found = await getArchivedIssue(newsletter, issue);
  return found ? { title: `${found.subject} · ${found.newsletter.name}` } : {};
}

export default async function ArchivedIssuePage({ params }: Params) {
  const { newsletter, issue } = await params;
  const found = await getArchivedIssue(newsletter, issue);
  if (!found) notFound();
  const t = ARCHIVE_TEXT[found.newsletter.language];
  return (
    <PublicShell language={found.newsletter.language}>
      <p className="mb-4 text-sm"><a href={`/n/${found.newsletter.slug}/archive`}>{t.back}</a> · {found.newsletter.name}</p>
      <h1 className="mb-1 text-2xl font-semibold">{found.subject}</h1>
      <p className="mb-6 text-sm text-slate-600"><time dateTime={found.sentAt.toISOString()}>{formatArchiveDate(found.sentAt, found.newsletter.language)}</time></p>
      {/* the editor's Markdown as sanitised HTML (lib/mail/render-issue.tsx markdownToSafeHtml), as in the mail */}
      <article className="archive-body" dangerouslySetInnerHTML={{ __html: found.html }} />
      <p className="mt-8 text-sm"><a href={`/n/${found.newsletter.slug}`}>{t.subscribe}</a></p>
    </PublicShell>
  );
}
