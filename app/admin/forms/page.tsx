import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { isImplicitFormSlug } from "@/lib/consent/form-definition";
import { Card, PageHeader, ScrollRegion } from "@/components/ui";
import { staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.forms.title");

export const dynamic = "force-dynamic";

export default async function FormsPage() {
  await requirePage("forms.manage");
  const t = await staffTranslator("admin.forms");
  const forms = await db.form.findMany({ orderBy: { createdAt: "desc" }, include: { currentVersion: { select: { version: true, contentHash: true } } } });
  return (
    <>
      <PageHeader title={t("heading")}>
        <Link href="/admin/forms/new" className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white no-underline hover:bg-indigo-800">{t("new")}</Link>
      </PageHeader>
      <Card>
        {forms.length === 0 ? <p>{t("none")}</p> : (
          <ScrollRegion label={t("heading")}><table className="w-full text-left text-sm">
            <thead><tr><th className="py-2">{t("col.name")}</th><th>{t("col.publicPage")}</th><th>{t("col.language")}</th><th>{t("col.currentVersion")}</th><th>{t("col.status")}</th></tr></thead>
            <tbody>
              {forms.map((f) => (
                <tr key={f.id} className="border-t border-slate-100">
                  <td className="py-2"><Link href={`/admin/forms/${f.id}`}>{f.name}</Link></td>
                  <td>{isImplicitFormSlug(f.slug) ? t("automatic") : <a href={`/f/${f.slug}`}>/f/{f.slug}</a>}</td>
                  <td>{f.language}</td>
                  <td>{f.currentVersion ? <>v{f.currentVersion.version} <code>{f.currentVersion.contentHash.slice(0, 12)}</code></> : t("notPublished")}</td>
                  <td>{f.archivedAt ? t("closed") : t("open")}</td>
                </tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        )}
      </Card>
    </>
  );
}
