import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { IMPORT_REASONS, reasonLabel } from "@/lib/rules";
import { Card, Notice, PageHeader, ScrollRegion } from "@/components/ui";
import { ImportForm } from "@/components/import-form";

export const metadata = { title: "Imports" };

export const dynamic = "force-dynamic";

export default async function ImportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("imports.run");
  const sp = await searchParams;
  const [newsletters, versions, recent] = await Promise.all([
    db.newsletter.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.formVersion.findMany({ orderBy: { createdAt: "desc" }, take: 100, select: { id: true, version: true, createdAt: true, contentHash: true, form: { select: { name: true } } } }),
    db.import.findMany({ orderBy: { createdAt: "desc" }, take: 20 }),
  ]);
  const labels = Object.fromEntries(IMPORT_REASONS.map((r) => [r, `${reasonLabel(r, "en")} (${r})`]));
  return (
    <>
      <PageHeader title="Import subscribers" />
      {typeof sp.error === "string" && <Notice kind="error">{sp.error}</Notice>}
      <Notice>
        Every row is checked against the law: addresses from public sources, from brokers or partners without their own form text
        naming our organisation (give it below: their people never saw our form), suppressed or earlier
        unsubscribed addresses and children under 16 without a parent&apos;s consent are rejected; consent without proof lands as
        pending and is never mailed (a re-permission mail is itself direct marketing). An import never changes an existing
        subscription, and is written completely or not at all.
      </Notice>
      <Card className="mb-6">
        {newsletters.length === 0 ? <p>Create a newsletter first.</p> : (
          <ImportForm
            newsletters={newsletters.map((n) => ({ id: n.id, label: n.name }))}
            formVersions={versions.map((v) => ({ id: v.id, label: `${v.form.name} v${v.version} (${v.createdAt.toISOString().slice(0, 10)}, ${v.contentHash.slice(0, 8)})` }))}
            labels={labels}
          />
        )}
      </Card>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">Recent imports and previews</h2>
        <ScrollRegion label="Recent imports and previews"><table className="w-full text-left text-sm">
          <thead><tr><th>When</th><th>File</th><th>Basis</th><th>Status</th><th>Rows</th><th>Accepted</th></tr></thead>
          <tbody>
            {recent.map((i) => (
              <tr key={i.id} className="border-t border-slate-100">
                <td className="py-1"><Link href={`/admin/imports/${i.id}`}>{i.createdAt.toISOString().replace("T", " ").slice(0, 16)}</Link></td>
                <td>{i.fileName}</td><td>{i.basis}{i.source ? ` (${i.source})` : ""}</td><td>{i.status}</td><td>{i.total}</td>
                <td>{(i.counts as { accepted?: number } | null)?.accepted ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table></ScrollRegion>
      </Card>
    </>
  );
}
