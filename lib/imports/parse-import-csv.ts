// Parses an import CSV into one record of named fields per row. Without a mapping the column names are the
// field names, matched case-insensitively, with spaces and dashes read as underscores (Proofmail's own column
// format: email, name, consent_at, ...). With a mapping (lib/imports/mapping.ts: the admin's choice of
// column per Proofmail field) the mapped fields come from the chosen columns and only from them.
import { readCsvTable, normaliseHeader, MAX_IMPORT_ROWS } from "./csv-table.ts";
import { applyMapping, type ColumnMapping } from "./mapping.ts";

export { MAX_IMPORT_ROWS };

export type ImportCsvRow = { line: number; fields: Record<string, string> };
export type ParsedCsv = { ok: true; columns: string[]; rows: ImportCsvRow[] } | { ok: false; error: string };

export function parseImportCsv(input: string | Buffer, mapping?: ColumnMapping): ParsedCsv {
  const table = readCsvTable(input);
  if (!table.ok) return table;
  const columns = table.header.map(normaliseHeader);
  const rows = mapping
    ? applyMapping(table, mapping)
    : table.rows.map((r) => ({ line: r.line, fields: Object.fromEntries(columns.map((c, i) => [c, r.values[i] ?? ""])) }));
  if (mapping ? !mapping.email : !columns.includes("email"))
    return { ok: false, error: mapping ? "Choose the column that holds the e-mail address." : "The file needs a header row with an \"email\" column." };
  if (rows.length === 0) return { ok: false, error: "The file has no rows below its header." };
  return { ok: true, columns, rows };
}
