import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { formatSimilarMap } from "@/lib/newsletters/newsletter-input";
import { implicitFormSlug } from "@/lib/consent/form-definition";
import { Button, Card, PageHeader } from "@/components/ui";
import { NewsletterForm } from "../newsletter-form";
import { archiveNewsletterAction } from "../actions";

export const dynamic = "force-dynamic";

export default async function NewsletterPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePage("newsletters.manage");
  const { id } = await params;
  const n = await db.newsletter.findUnique({ where: { id } });
  if (!n) notFound();
  const implicit = await db.form.findUnique({ where: { slug: implicitFormSlug(n.id) }, include: { currentVersion: true } });
  const counts = await db.subscription.groupBy({ by: ["status"], where: { newsletterId: n.id }, _count: true });
  return (
    <>
      <PageHeader title={n.name}>
        <form action={archiveNewsletterAction.bind(null, n.id, !n.archivedAt)}>
          <Button variant="secondary" type="submit">{n.archivedAt ? "Restore newsletter" : "Archive newsletter"}</Button>
        </form>
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <NewsletterForm id={n.id} values={{
            slug: n.slug, name: n.name, description: n.description, language: n.language, fromName: n.fromName, fromEmail: n.fromEmail,
            replyTo: n.replyTo ?? "", frequency: n.frequency ?? "", categories: ((n.categories as string[]) ?? []).join(", "), similarMap: formatSimilarMap(n.similarMap), aimedAtChildren: n.aimedAtChildren,
          }} />
        </Card>
        <Card>
          <h2 className="mb-2 font-semibold">Signup page</h2>
          {n.archivedAt ? <p className="text-sm">Archived: no signups.</p> : <p className="text-sm"><a href={`/n/${n.slug}`}>/n/{n.slug}</a></p>}
          <p className="mt-2 text-sm text-slate-600">
            {implicit?.currentVersion
              ? <>Current text: version {implicit.currentVersion.version}, hash <code>{implicit.currentVersion.contentHash.slice(0, 12)}</code> (<Link href={`/admin/forms/${implicit.id}`}>versions</Link>).</>
              : "Published automatically the first time the page is opened."}
          </p>
          <h2 className="mb-2 mt-4 font-semibold">Subscriptions</h2>
          <ul className="text-sm">
            {counts.length === 0 ? <li>None yet.</li> : counts.map((c) => <li key={c.status}>{c.status}: {c._count}</li>)}
          </ul>
        </Card>
      </div>
    </>
  );
}
