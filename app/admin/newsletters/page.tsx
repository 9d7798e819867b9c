import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { Card, PageHeader, ScrollRegion } from "@/components/ui";
import { staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.newsletters.title");

export const dynamic = "force-dynamic";

export default async function NewslettersPage() {
  await requirePage("newsletters.manage");
  const t = await staffTranslator("admin.newsletters");
  const newsletters = await db.newsletter.findMany({ orderBy: [{ archivedAt: "asc" }, { name: "asc" }] });
  return (
    <>
      <PageHeader title={t("title")}>
        <Link href="/admin/newsletters/new" className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white no-underline hover:bg-indigo-800">{t("new")}</Link>
      </PageHeader>
      <Card>
        {newsletters.length === 0 ? <p>{t("none")}</p> : (
          <ScrollRegion label={t("title")}><table className="w-full text-left text-sm">
            <thead><tr><th className="py-2">{t("col.name")}</th><th>{t("col.slug")}</th><th>{t("col.language")}</th><th>{t("col.signupPage")}</th><th>{t("col.status")}</th></tr></thead>
            <tbody>
              {newsletters.map((n) => (
                <tr key={n.id} className="border-t border-slate-100">
                  <td className="py-2"><Link href={`/admin/newsletters/${n.id}`}>{n.name}</Link></td>
                  <td>{n.slug}</td>
                  <td>{n.language}</td>
                  <td><a href={`/n/${n.slug}`}>/n/{n.slug}</a></td>
                  <td>{n.archivedAt ? t("archived") : t("active")}</td>
                </tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        )}
      </Card>
    </>
  );
}
