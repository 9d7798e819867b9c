import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getArchive } from "@/lib/newsletters/public-archive";
import { PublicShell } from "../../../f/[form]/public-form-page";
import { ARCHIVE_TEXT, formatArchiveDate } from "./archive-text";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ newsletter: string }> }): Promise<Metadata> {
  const archive = await getArchive((await params).newsletter);
  if (!archive) return {};
  return {
    title: `${archive.newsletter.name}: ${ARCHIVE_TEXT[archive.newsletter.language].title}`,
    alternates: { types: { "application/atom+xml": `/n/${archive.newsletter.slug}/archive/feed.xml` } },
  };
}

export default async function ArchivePage({ params }: { params: Promise<{ newsletter: string }> }) {
  const archive = await getArchive((await params).newsletter);
  if (!archive) notFound();
  const { newsletter: n, issues } = archive;
  const t = ARCHIVE_TEXT[n.language];
  return (
    <PublicShell language={n.language}>
      <h1 className="mb-2 text-2xl font-semibold">{n.name}</h1>
      <p className="mb-4 text-slate-700">{t.intro}</p>
      <p className="mb-6 flex flex-wrap gap-4 text-sm">
        <a href={`/n/${n.slug}`}>{t.subscribe}</a>
        <a href={`/n/${n.slug}/archive/feed.xml`} type="application/atom+xml">{t.feed}</a>
      </p>
      {issues.length === 0 ? <p>{t.empty}</p> : (
        <ul className="divide-y divide-slate-200" data-testid="archive">
          {issues.map((i) => (
            <li key={i.id} className="py-3">
              <a href={`/n/${n.slug}/archive/${i.id}`} className="font-medium">{i.subject}</a>
              <p className="text-sm text-slate-600"><time dateTime={i.sentAt.toISOString()}>{formatArchiveDate(i.sentAt, n.language)}</time>{i.preheader ? ` · ${i.preheader}` : ""}</p>
            </li>
          ))}
        </ul>
      )}
    </PublicShell>
  );
}
