// The mapping step of an import: the staged file's columns and first 10 rows, one select per Proofmail
// field (remembered for this source, else guessed from the header names), then the declaration and the
// preview/import of the import page. Server-rendered: works without JavaScript.
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { IMPORT_REASONS, reasonLabel } from "@/lib/rules";
import { Card, Notice, PageHeader, ScrollRegion } from "@/components/ui";
import { ImportForm } from "@/components/import-form";
import { loadUpload } from "@/lib/imports/uploads";
import { readCsvTable } from "@/lib/imports/csv-table";
import { FIELD_LABELS, MAPPED_FIELDS, guessMapping } from "@/lib/imports/mapping";
import { rememberedMapping } from "@/lib/imports/remembered-mapping";

export const metadata = { title: "Map the columns" };

export const dynamic = "force-dynamic";

const DELIMITER_NAMES: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab" };

export default async function MapColumns({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("imports.run");
  const { id } = await params;
  const sp = await searchParams;
  const upload = await loadUpload(id);
  if (!upload) notFound();
  const table = readCsvTable(upload.content, { limit: 10 });
  const [newsletters, versions] = await Promise.all([
    db.newsletter.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.formVersion.findMany({ orderBy: { createdAt: "desc" }, take: 100, select: { id: true, version: true, createdAt: true, contentHash: true, form: { select: { name: true } } } }),
  ]);
  const labels = Object.fromEntries(IMPORT_REASONS.map((r) => [r, `${reasonLabel(r, "en")} (${r})`]));
  if (!table.ok)
    return (
      <>
        <PageHeader title={`Map the columns: ${upload.fileName}`} />
        <Notice kind="error">{table.error}</Notice>
        <p><Link href="/admin/imports">← Choose another file</Link></p>
      </>
    );
  const remembered = await rememberedMapping(table.header, upload.sourceName);
  const mapping = remembered?.mapping ?? guessMapping(table.header);
  const width = table.header.length;
  return (
    <>
      <PageHeader title={`Map the columns: ${upload.fileName}`} />
      {typeof sp.error === "string" && <Notice kind="error">{sp.error}</Notice>}
      <Notice>
        {DELIMITER_NAMES[table.delimiter] ?? table.delimiter}-separated, {width} columns.{" "}
        {remembered
          ? remembered.by === "source" ? `The mapping is the one remembered for “${upload.sourceName}”.` : "The mapping is the one remembered for files with these columns."
          : "The mapping is guessed from the column names; check it below."}{" "}
        Every row is still decided by the rules; a consent date in the future, or before the newsletter started, is refused for that row.
      </Notice>
      <Card className="mb-6">
        <h2 className="mb-2 text-lg font-semibold">First {Math.min(10, table.rows.length)} rows</h2>
        <ScrollRegion label="First rows of the file">
          <table className="w-full text-left text-sm" data-testid="import-preview">
            <thead><tr><th className="pr-3">Row</th>{table.header.map((h, i) => <th key={i} className="whitespace-nowrap pr-3">{h || `(column ${i + 1})`}</th>)}</tr></thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={r.line} className="border-t border-slate-100">
                  <td className="pr-3">{r.line}</td>
                  {Array.from({ length: width }, (_, i) => <td key={i} className="whitespace-nowrap pr-3">{(r.values[i] ?? "").slice(0, 80)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </Card>
      <Card className="mb-6">
        {newsletters.length === 0 ? <p>Create a newsletter first.</p> : (
          <ImportForm
            newsletters={newsletters.map((n) => ({ id: n.id, label: n.name }))}
            formVersions={versions.map((v) => ({ id: v.id, label: `${v.form.name} v${v.version} (${v.createdAt.toISOString().slice(0, 10)}, ${v.contentHash.slice(0, 8)})` }))}
            labels={labels}
            defaults={upload.declaration}
            upload={{
              id: upload.id, fileName: upload.fileName, sourceName: upload.sourceName ?? "", columns: table.header,
              mapping: mapping as Record<string, string>,
              fields: MAPPED_FIELDS.map((f) => ({ key: f, ...FIELD_LABELS[f] })),
            }}
          />
        )}
      </Card>
      <p><Link href="/admin/imports">← Imports</Link></p>
    </>
  );
}
