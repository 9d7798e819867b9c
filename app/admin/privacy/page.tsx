import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { markdownToSafeHtml } from "@/lib/mail/render-issue";
import { getOrganisation } from "@/lib/settings/get-organisation";
import { inForce, listPrivacyStatementVersions, PRIVACY_LANGUAGES } from "@/lib/privacy/privacy-statement";
import { getPrivacyStatementDraft } from "@/lib/privacy/save-privacy-statement-draft";
import { Card, PageHeader, ScrollRegion } from "@/components/ui";
import { PrivacyDraftEditor } from "./draft-editor";
import { staffFormatter, staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.privacy.title");

export const dynamic = "force-dynamic";


export default async function PrivacyAdminPage() {
  await requirePage("settings.manage");
  const [organisation, versions] = await Promise.all([getOrganisation(db), listPrivacyStatementVersions(db)]);
  const drafts = await Promise.all(PRIVACY_LANGUAGES.map((l) => getPrivacyStatementDraft(l)));
  const staff = await db.user.findMany({ where: { id: { in: versions.flatMap((v) => (v.publishedById ? [v.publishedById] : [])) } }, select: { id: true, email: true } });
  const emailOf = new Map(staff.map((s) => [s.id, s.email]));
  const counts = await db.privacyStatementVersion.findMany({ select: { id: true, _count: { select: { formVersions: true } } } });
  const formsOf = new Map(counts.map((c) => [c.id, c._count.formVersions]));
  const [t, format] = await Promise.all([staffTranslator("admin.privacy"), staffFormatter()]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <PageHeader title={t("title")} />
      <p className="mb-6 max-w-3xl text-sm text-slate-600">
        {t.rich(organisation.privacyUrl ? "introUrl" : "intro", {
          url: organisation.privacyUrl,
          public: (c) => <a href="/privacy">{c}</a>,
          settings: (c) => <a href="/admin/settings">{c}</a>,
        })}
      </p>
      <div className="space-y-6">
        {drafts.map((draft) => (
          <div key={draft.language} className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            <Card>
              <h2 className="mb-3 font-semibold">{t("draft", { language: t(`language.${draft.language}`) })}</h2>
              <PrivacyDraftEditor draft={draft} defaultUrl={organisation.privacyUrl} />
            </Card>
            <Card>
              <h2 className="mb-3 font-semibold">{t("preview", { language: t(`language.${draft.language}`) })}</h2>
              {draft.hostedUrl ? <p className="text-sm">{t.rich("hosted", { url: draft.hostedUrl, link: (c) => <a href={draft.hostedUrl!}>{c}</a> })}</p>
                : draft.markdown.trim() ? <div lang={draft.language} data-testid={`privacy-preview-${draft.language}`} className="space-y-3 text-sm [&_a]:underline [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:font-semibold [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:list-decimal [&_ol]:pl-6" dangerouslySetInnerHTML={{ __html: markdownToSafeHtml(draft.markdown) }} />
                : <p className="text-sm text-slate-600">{t("nothing")}</p>}
            </Card>
          </div>
        ))}
        <Card>
          <h2 className="mb-3 font-semibold">{t("versions")}</h2>
          {versions.length === 0 ? <p className="text-sm">{t("noneYet")}</p> : (
            <ScrollRegion label={t("versions")}><table className="w-full text-left text-sm" data-testid="privacy-versions">
              <thead><tr><th className="py-1">{t("col.version")}</th><th>{t("col.language")}</th><th>{t("col.published")}</th><th>{t("col.by")}</th><th>{t("col.source")}</th><th>{t("col.until")}</th><th>{t("col.sha")}</th><th>{t("col.forms")}</th></tr></thead>
              <tbody>
                {versions.map((v) => {
                  const f = inForce(v, versions);
                  return (
                    <tr key={v.id} className="border-t border-slate-100">
                      <td className="py-1"><a href={v.path}>v{v.version}</a></td>
                      <td>{t(`language.${v.language}`)}</td>
                      <td>{when(v.publishedAt)}</td>
                      <td>{(v.publishedById && emailOf.get(v.publishedById)) ?? "—"}</td>
                      <td>{v.source === "fetched" ? t.rich("fetchedFrom", { url: v.sourceUrl ?? "", link: (c) => <a href={v.sourceUrl ?? "#"}>{c}</a> }) : t("writtenHere")}</td>
                      <td>{f.until ? `${when(f.until)} (v${f.successor})` : t("inForce")}</td>
                      <td><code title={v.sha256}>{v.sha256.slice(0, 16)}…</code></td>
                      <td>{formsOf.get(v.id) ?? 0}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table></ScrollRegion>
          )}
        </Card>
      </div>
    </>
  );
}
