import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { config } from "@/lib/config";
import { isImplicitFormSlug, readFormDraft } from "@/lib/consent/form-definition";
import { previewFormDraft } from "@/lib/consent/preview-form-draft";
import { renderEmbedSnippet } from "@/lib/consent/render-embed-snippet";
import type { FormVersionDefinition } from "@/lib/consent/publish-form-version";
import { Button, Card, PageHeader, ScrollRegion } from "@/components/ui";
import { FormEditor } from "../form-editor";
import { Violations } from "../violations";
import { archiveFormAction } from "../actions";

export const metadata = { title: "Form" };

export const dynamic = "force-dynamic";

export default async function FormPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePage("forms.manage");
  const { id } = await params;
  const form = await db.form.findUnique({ where: { id }, include: { currentVersion: true } });
  if (!form) notFound();
  const implicit = isImplicitFormSlug(form.slug);
  const versions = await db.formVersion.findMany({
    where: { formId: id }, orderBy: { version: "desc" },
    select: { id: true, version: true, contentHash: true, createdAt: true, language: true, _count: { select: { subscriptions: true } } },
  });
  const draft = readFormDraft(form.draft);
  const preview = implicit ? null : await previewFormDraft({ formId: id });
  const newsletters = await db.newsletter.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, archivedAt: true } });
  const current = form.currentVersion;
  const snippet = current && !implicit
    ? renderEmbedSnippet({ versionId: current.id, language: current.language, lines: (current.definition as FormVersionDefinition).lines, appUrl: config().appUrl })
    : null;

  return (
    <>
      <PageHeader title={form.name}>
        {!implicit && (
          <form action={archiveFormAction.bind(null, form.id, !form.archivedAt)}>
            <Button variant="secondary" type="submit">{form.archivedAt ? "Reopen form" : "Close form"}</Button>
          </form>
        )}
      </PageHeader>
      <p className="mb-4 text-sm text-slate-600">
        Public page: {implicit ? "the newsletter's signup page (generated from the newsletter; re-versioned automatically when its text changes)" : <a href={`/f/${form.slug}`}>/f/{form.slug}</a>}
        {form.archivedAt ? " (closed)" : ""}
      </p>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        {!implicit && draft && (
          <Card>
            <h2 className="mb-3 font-semibold">Draft</h2>
            {preview && preview.violations.length > 0 && <Violations title="The saved draft cannot be published yet:" violations={preview.violations} />}
            {preview && preview.violations.length === 0 && <p className="mb-3 text-sm text-emerald-800">The saved draft passes every form rule.</p>}
            <FormEditor formId={form.id} name={form.name} proofOfWork={form.proofOfWork} draft={draft}
              newsletters={newsletters.map((n) => ({ id: n.id, name: n.name, archived: !!n.archivedAt }))} />
          </Card>
        )}
        <div className="space-y-6">
          <Card>
            <h2 className="mb-3 font-semibold">Published versions</h2>
            {versions.length === 0 ? <p className="text-sm">Not published yet.</p> : (
              <ScrollRegion label="Published versions"><table className="w-full text-left text-sm" data-testid="versions">
                <thead><tr><th className="py-1">Version</th><th>Published</th><th>Hash (sha256)</th><th>Consents</th></tr></thead>
                <tbody>
                  {versions.map((v) => (
                    <tr key={v.id} className="border-t border-slate-100">
                      <td className="py-1">v{v.version}{v.id === form.currentVersionId ? " (current)" : ""}</td>
                      <td>{v.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
                      <td><code title={v.contentHash}>{v.contentHash.slice(0, 16)}…</code></td>
                      <td>{v._count.subscriptions}</td>
                    </tr>
                  ))}
                </tbody>
              </table></ScrollRegion>
            )}
          </Card>
          {current && (
            <Card>
              <h2 className="mb-2 font-semibold">Current text (v{current.version})</h2>
              <pre className="whitespace-pre-wrap text-xs" data-testid="current-text">{current.renderedText}</pre>
            </Card>
          )}
          {snippet && (
            <Card>
              <h2 className="mb-2 font-semibold">Embed on another site</h2>
              <p className="mb-2 text-sm text-slate-600">Paste this HTML into a page. It works without JavaScript and posts to this server; after signing up, people see the thank-you page here. It shows version {current!.version}: after you publish a new version, copy the snippet again.</p>
              <label htmlFor="embed" className="sr-only">Embed snippet</label>
              <textarea id="embed" readOnly rows={10} className="w-full rounded-md border border-slate-300 p-2 font-mono text-xs" defaultValue={snippet} />
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
