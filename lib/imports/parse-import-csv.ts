// Parses an import CSV (csv-parse): a header row with named columns, then one person per row. Column
// names are matched case-insensitively, with spaces and dashes read as underscores.
import { parse } from "csv-parse/sync";

export const MAX_IMPORT_ROWS = 200_000;

export type ImportCsvRow = { line: number; fields: Record<string, string> };
export type ParsedCsv = { ok: true; columns: string[]; rows: ImportCsvRow[] } | { ok: false; error: string };

export function parseImportCsv(input: string | Buffer): ParsedCsv {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let columns: string[] = [];
  try {
    records = parse(input, {
      bom: true,
      columns: (header: string[]) => (columns = header.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, "_"))),
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: true,
      max_record_size: 64 * 1024,
      to: MAX_IMPORT_ROWS + 1,
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message.split("\n")[0].slice(0, 200) : "unreadable";
    return { ok: false, error: `The file is not a readable CSV file (${msg}).` };
  }
  if (!columns.includes("email")) return { ok: false, error: "The file needs a header row with an \"email\" column." };
  if (records.length > MAX_IMPORT_ROWS) return { ok: false, error: `The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en")} rows; split it into smaller files.` };
  if (records.length === 0) return { ok: false, error: "The file has no rows below its header." };
  return { ok: true, columns, rows: records.map((r) => ({ line: r.info.lines, fields: r.record })) };
}
