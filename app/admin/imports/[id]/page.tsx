// The stored report of one import or preview: counts and row/reason pairs (no addresses are stored).
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { IMPORT_REASONS, reasonLabel } from "@/lib/rules";
import { Card, PageHeader, ScrollRegion } from "@/components/ui";

export const metadata = { title: "Import" };

export const dynamic = "force-dynamic";

type Stored = { counts?: Record<string, number>; accepted?: number; rejected?: number; rows?: [number, number][]; evidenceId?: string | null };

export default async function ImportReport({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("imports.run");
  const { id } = await params;
  const sp = await searchParams;
  const imp = await db.import.findUnique({ where: { id } });
  if (!imp) notFound();
  const stored = (imp.counts ?? {}) as Stored;
  // Broker/partner rows point to the partner's form text they saw, stored once with the import.
  const evidence = stored.evidenceId ? await db.consentEvidence.findUnique({ where: { id: stored.evidenceId } }) : null;
  // A previewed file from the mapping step is still staged: the way back to import it.
  const upload = typeof sp.upload === "string" ? await db.importUpload.findUnique({ where: { id: sp.upload }, select: { id: true, fileName: true } }) : null;
  const all = sp.all === "1";
  const rows = (stored.rows ?? []).map(([row, r]) => ({ row, reason: IMPORT_REASONS[r] ?? "?" })).filter((r) => all || !r.reason.startsWith("ACCEPT_"));
  return (
    <>
      <PageHeader title={`${imp.status === "preview" ? "Preview" : "Import"}: ${imp.fileName}`} />
      <Card className="mb-6">
        <p role="status" className="mb-2">
          Status: <strong>{imp.status}</strong>. {imp.total} rows{stored.accepted !== undefined && `, ${stored.accepted} accepted, ${stored.rejected} rejected`}.
          {imp.status === "preview" && (upload
            ? <> Nothing was imported. <Link href={`/admin/imports/map/${upload.id}`}>Back to the mapping of {upload.fileName}</Link> to import it.</>
            : " Nothing was imported. Choose the file again on the import page and press Import.")}
          {imp.status === "failed" && " Nothing was imported."}
        </p>
        <ul className="text-sm">{Object.entries(stored.counts ?? {}).map(([k, n]) => <li key={k}>{reasonLabel(k, "en")} ({k}): {n}</li>)}</ul>
        {evidence && (
          <div className="mt-3 text-sm" data-testid="import-evidence">
            <p>
              Partner&apos;s form text: <strong>{evidence.sourceName}</strong>, in use since {evidence.shownAt?.toISOString().slice(0, 10) ?? "—"},{" "}
              {evidence.namesOrg ? "names our organisation" : "does not name our organisation"}; sha256 <code>{evidence.textHash}</code>
            </p>
            <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2">{evidence.text}</pre>
          </div>
        )}
      </Card>
      <Card>
        <p className="mb-2 text-sm">{all ? <Link href={upload ? `?upload=${upload.id}` : "?"}>Show rejected rows only</Link> : <Link href={upload ? `?all=1&upload=${upload.id}` : "?all=1"}>Show all rows</Link>}</p>
        <ScrollRegion label="Import rows"><table className="w-full text-left text-sm">
          <thead><tr><th>Row</th><th>Reason</th></tr></thead>
          <tbody>{rows.slice(0, 2000).map((r) => <tr key={r.row} className="border-t border-slate-100"><td>{r.row}</td><td>{reasonLabel(r.reason, "en")} ({r.reason})</td></tr>)}</tbody>
        </table></ScrollRegion>
        {rows.length > 2000 && <p className="mt-2 text-sm">… and {rows.length - 2000} more.</p>}
      </Card>
      <p className="mt-6"><Link href="/admin/imports">← Imports</Link></p>
    </>
  );
}
