// Reads an import file as the tools people leave export it: comma, semicolon or tab (detected on the header
// line), quoted fields, a UTF-8 byte-order mark, CRLF or LF. csv-parse does all of the reading; the delimiter
// is the candidate under which csv-parse finds the most columns in the header line.
import { parse } from "csv-parse/sync";

export const MAX_IMPORT_ROWS = 200_000;
export const DELIMITERS = [",", ";", "\t"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export type CsvTable = {
  ok: true;
  delimiter: Delimiter;
  /** The header names as in the file (trimmed), in file order. */
  header: string[];
  /** One per row below the header; `line` is the spreadsheet line number (the header is line 1). */
  rows: { line: number; values: string[] }[];
};
export type CsvTableResult = CsvTable | { ok: false; error: string };

const text = (input: string | Buffer) => (typeof input === "string" ? input : input.toString("utf8"));

function headerColumns(input: string, delimiter: Delimiter): number {
  try {
    const [first] = parse(input, { bom: true, delimiter, to_line: 1, relax_column_count: true, relax_quotes: true }) as string[][];
    return first ? first.length : 0;
  } catch {
    return 0;
  }
}

/** The delimiter of the header line: the one that splits it into the most columns (comma on a tie). */
export function detectDelimiter(input: string | Buffer): Delimiter {
  const s = text(input);
  let best: Delimiter = ",";
  let most = 1;
  for (const d of DELIMITERS) {
    const n = headerColumns(s, d);
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

const unreadable = (e: unknown) => `The file is not a readable CSV file (${e instanceof Error ? e.message.split("\n")[0].slice(0, 200) : "unreadable"}).`;

/** The header and rows of an import file; `limit` reads only that many rows below the header (a preview). */
export function readCsvTable(input: string | Buffer, o: { limit?: number } = {}): CsvTableResult {
  const s = text(input);
  const delimiter = detectDelimiter(s);
  let records: { record: string[]; info: { lines: number } }[];
  const max = o.limit ?? MAX_IMPORT_ROWS + 1;
  try {
    records = parse(s, {
      bom: true,
      delimiter,
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: true,
      max_record_size: 64 * 1024,
      to: max + 1, // the header is a record too
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    return { ok: false, error: unreadable(e) };
  }
  if (records.length === 0) return { ok: false, error: "The file is empty: it needs a header row and one row per person." };
  const header = records[0].record.map((h) => h.trim());
  if (header.every((h) => h === "")) return { ok: false, error: "The file's first line is empty: it needs a header row." };
  const rows = records.slice(1).map((r) => ({ line: r.info.lines, values: r.record }));
  if (o.limit === undefined && rows.length > MAX_IMPORT_ROWS)
    return { ok: false, error: `The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en")} rows; split it into smaller files.` };
  return { ok: true, delimiter, header, rows };
}

/** A header name as a field key: lower case, spaces and dashes read as underscores (`First Name` → `first_name`). */
export const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, "_");
