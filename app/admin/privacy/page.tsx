import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { markdownToSafeHtml } from "@/lib/mail/render-issue";
import { getOrganisation } from "@/lib/settings/get-organisation";
import { inForce, listPrivacyStatementVersions, PRIVACY_LANGUAGES } from "@/lib/privacy/privacy-statement";
import { getPrivacyStatementDraft } from "@/lib/privacy/save-privacy-statement-draft";
import { Card, PageHeader, ScrollRegion } from "@/components/ui";
import { PrivacyDraftEditor } from "./draft-editor";

export const metadata = { title: "Privacy statement" };

export const dynamic = "force-dynamic";

const LABEL = { nl: "Nederlands", en: "English" } as const;
const when = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

export default async function PrivacyAdminPage() {
  await requirePage("settings.manage");
  const [organisation, versions] = await Promise.all([getOrganisation(db), listPrivacyStatementVersions(db)]);
  const drafts = await Promise.all(PRIVACY_LANGUAGES.map((l) => getPrivacyStatementDraft(l)));
  const staff = await db.user.findMany({ where: { id: { in: versions.flatMap((v) => (v.publishedById ? [v.publishedById] : [])) } }, select: { id: true, email: true } });
  const emailOf = new Map(staff.map((s) => [s.id, s.email]));
  const counts = await db.privacyStatementVersion.findMany({ select: { id: true, _count: { select: { formVersions: true } } } });
  const formsOf = new Map(counts.map((c) => [c.id, c._count.formVersions]));
  return (
    <>
      <PageHeader title="Privacy statement" />
      <p className="mb-6 max-w-3xl text-sm text-slate-600">
        Each publish keeps the exact text as a new, unchangeable version at <a href="/privacy">/privacy</a>. Signup forms link to the version in force in
        their language, so every consent shows the statement the person could read that day. Without any version, forms link to the privacy link in{" "}
        <a href="/admin/settings">Settings</a>{organisation.privacyUrl ? ` (${organisation.privacyUrl})` : ""}.
      </p>
      <div className="space-y-6">
        {drafts.map((draft) => (
          <div key={draft.language} className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            <Card>
              <h2 className="mb-3 font-semibold">Draft — {LABEL[draft.language]}</h2>
              <PrivacyDraftEditor draft={draft} defaultUrl={organisation.privacyUrl} />
            </Card>
            <Card>
              <h2 className="mb-3 font-semibold">Preview of the saved draft — {LABEL[draft.language]}</h2>
              {draft.hostedUrl ? <p className="text-sm">Hosted elsewhere: <a href={draft.hostedUrl}>{draft.hostedUrl}</a> is fetched when you publish.</p>
                : draft.markdown.trim() ? <div lang={draft.language} data-testid={`privacy-preview-${draft.language}`} className="space-y-3 text-sm [&_a]:underline [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:font-semibold [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:list-decimal [&_ol]:pl-6" dangerouslySetInnerHTML={{ __html: markdownToSafeHtml(draft.markdown) }} />
                : <p className="text-sm text-slate-600">Nothing written yet.</p>}
            </Card>
          </div>
        ))}
        <Card>
          <h2 className="mb-3 font-semibold">Published versions</h2>
          {versions.length === 0 ? <p className="text-sm">Nothing published yet.</p> : (
            <ScrollRegion label="Published versions"><table className="w-full text-left text-sm" data-testid="privacy-versions">
              <thead><tr><th className="py-1">Version</th><th>Language</th><th>Published (UTC)</th><th>By</th><th>Source</th><th>In force until</th><th>SHA-256</th><th>Forms</th></tr></thead>
              <tbody>
                {versions.map((v) => {
                  const f = inForce(v, versions);
                  return (
                    <tr key={v.id} className="border-t border-slate-100">
                      <td className="py-1"><a href={v.path}>v{v.version}</a></td>
                      <td>{LABEL[v.language]}</td>
                      <td>{when(v.publishedAt)}</td>
                      <td>{(v.publishedById && emailOf.get(v.publishedById)) ?? "—"}</td>
                      <td>{v.source === "fetched" ? <>fetched from <a href={v.sourceUrl ?? "#"}>{v.sourceUrl}</a></> : "written here"}</td>
                      <td>{f.until ? `${when(f.until)} (v${f.successor})` : "in force"}</td>
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
