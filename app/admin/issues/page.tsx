import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { Card, PageHeader, ScrollRegion } from "@/components/ui";
import { NewIssueForm } from "./new-issue-form";
import { staffFormatter, staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.issues.title");

export const dynamic = "force-dynamic";

export default async function IssuesPage() {
  await requirePage("issues.write");
  const [issues, newsletters] = await Promise.all([
    db.issue.findMany({ orderBy: { createdAt: "desc" }, take: 100, include: { newsletter: { select: { name: true } } } }),
    db.newsletter.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  const [t, format] = await Promise.all([staffTranslator("admin.issues"), staffFormatter()]);
  return (
    <>
      <PageHeader title={t("title")} />
      <Card className="mb-6">
        <h2 className="mb-3 font-semibold">{t("new")}</h2>
        {newsletters.length ? <NewIssueForm newsletters={newsletters} /> : <p>{t("newsletterFirst")}</p>}
      </Card>
      <Card>
        {issues.length === 0 ? (
          <p className="text-slate-600">{t("none")}</p>
        ) : (
          <ScrollRegion label={t("title")}><table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b text-slate-500"><th className="py-2">{t("col.subject")}</th><th>{t("col.newsletter")}</th><th>{t("col.status")}</th><th>{t("col.created")}</th></tr>
            </thead>
            <tbody>
              {issues.map((i) => (
                <tr key={i.id} className="border-b last:border-0">
                  <td className="py-2"><Link href={`/admin/issues/${i.id}`}>{i.subject}</Link></td>
                  <td>{i.newsletter.name}</td>
                  <td>{t(`status.${i.status}` as "status.draft")}{i.status === "scheduled" && i.scheduledAt ? ` (${format.dateTime(i.scheduledAt, { dateStyle: "medium", timeStyle: "short" })} UTC)` : ""}</td>
                  <td>{format.dateTime(i.createdAt, { dateStyle: "medium" })}</td>
                </tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        )}
      </Card>
    </>
  );
}
