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
import { staffFormatter, staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.forms.detailTitle");

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
  const [t, format] = await Promise.all([staffTranslator("admin.forms"), staffFormatter()]);
  const snippet = current && !implicit
    ? renderEmbedSnippet({ versionId: current.id, language: current.language, lines: (current.definition as FormVersionDefinition).lines, appUrl: config().appUrl })
    : null;

  return (
    <>
      <PageHeader title={form.name}>
        {!implicit && (
          <form action={archiveFormAction.bind(null, form.id, !form.archivedAt)}>
            <Button variant="secondary" type="submit">{form.archivedAt ? t("reopen") : t("close")}</Button>
          </form>
        )}
      </PageHeader>
      <p className="mb-4 text-sm text-slate-600">
        {t("publicPage")} {implicit ? t("implicitPage") : <a href={`/f/${form.slug}`}>/f/{form.slug}</a>}
        {form.archivedAt ? ` ${t("closedSuffix")}` : ""}
      </p>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        {!implicit && draft && (
          <Card>
            <h2 className="mb-3 font-semibold">{t("draft")}</h2>
            {preview && preview.violations.length > 0 && <Violations title={t("cannotPublish")} violations={preview.violations} />}
            {preview && preview.violations.length === 0 && <p className="mb-3 text-sm text-emerald-800">{t("passes")}</p>}
            <FormEditor formId={form.id} name={form.name} proofOfWork={form.proofOfWork} draft={draft}
              newsletters={newsletters.map((n) => ({ id: n.id, name: n.name, archived: !!n.archivedAt }))} />
          </Card>
        )}
        <div className="space-y-6">
          <Card>
            <h2 className="mb-3 font-semibold">{t("versions")}</h2>
            {versions.length === 0 ? <p className="text-sm">{t("notPublishedYet")}</p> : (
              <ScrollRegion label={t("versions")}><table className="w-full text-left text-sm" data-testid="versions">
                <thead><tr><th className="py-1">{t("vcol.version")}</th><th>{t("vcol.published")}</th><th>{t("vcol.hash")}</th><th>{t("vcol.consents")}</th></tr></thead>
                <tbody>
                  {versions.map((v) => (
                    <tr key={v.id} className="border-t border-slate-100">
                      <td className="py-1">v{v.version}{v.id === form.currentVersionId ? ` ${t("current")}` : ""}</td>
                      <td>{format.dateTime(v.createdAt, { dateStyle: "medium", timeStyle: "short" })}</td>
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
              <h2 className="mb-2 font-semibold">{t("currentText", { version: current.version })}</h2>
              <pre className="whitespace-pre-wrap text-xs" data-testid="current-text">{current.renderedText}</pre>
            </Card>
          )}
          {snippet && (
            <Card>
              <h2 className="mb-2 font-semibold">{t("embed")}</h2>
              <p className="mb-2 text-sm text-slate-600">{t("embedHint", { version: current!.version })}</p>
              <label htmlFor="embed" className="sr-only">{t("embedLabel")}</label>
              <textarea id="embed" readOnly rows={10} className="w-full rounded-md border border-slate-300 p-2 font-mono text-xs" defaultValue={snippet} />
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
