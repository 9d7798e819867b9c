// Bulk consent export for one newsletter or all: one line per subscription, as NDJSON or CSV, streamed
// page by page (keyset on the subscription id) with pull-based backpressure, so memory stays flat at
// a million subscribers. The header (in CSV: notes after the data) carries the ledger verification result (verifyLedger), so the
// reader knows whether the proof trail behind these rows is intact.
//
// A proof export in NDJSON also carries the ledger events behind its rows, each with every field its hash
// covers, its prevHash and hash (proof-events.ts), and ends with the ledger head signed for this export
// (ledger-heads.ts), so `npm run proof:verify` can check it with no database. Unfiltered, the events are the
// whole chain up to the head ("complete"); for one newsletter, those of its subscribers ("subscribers").
// Format: lib/export/README.md.
//
// Every export has a purpose. "proof" (the default) is the organisation's own record of what was agreed.
// "share-with-third-party" (giving the data to someone else) is decided per row by lib/rules decideExport
// (R-SHARE-THIRD-PARTY): the data model records no consent to sharing, so such an export carries no rows,
// and a closing summary line says how many were excluded by which reason.
import { db } from "../db/index.ts";
import { verifyLedger, type VerifyResult } from "../consent/ledger.ts";
import { latestTimestampedHead, signHead } from "../consent/ledger-heads.ts";
import type { SignedHead } from "../consent/head-statement.ts";
import { readProofEvents } from "./proof-events.ts";
import { isoOfStored, storedDateColumn } from "../consent/stored-date.ts";
import { rawQuery } from "../db/insert-rows.ts";
import { decideExport, type ExportPurpose, type ExportReason } from "../rules/index.ts";

export type BulkFormat = "ndjson" | "csv";

export const CSV_COLUMNS = [
  "subscription_id", "subscriber_id", "email", "newsletter_id", "newsletter", "status", "basis", "method", "source",
  "source_proof_names_org", "proof_reference", "given_by", "given_at", "confirmed_at", "unsubscribed_at",
  "form_version_id", "form_content_hash",
] as const;

/** One CSV field: quoted when needed; a leading =+-@ is prefixed so spreadsheets never run it as a formula. */
export function csvField(v: unknown): string {
  let s = v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export type ExportSummary = { type: "summary"; purpose: ExportPurpose; exported: number; excluded: Partial<Record<ExportReason, number>> };
export type BulkExportOptions = {
  format: BulkFormat; newsletterId?: string | null; purpose?: ExportPurpose; pageSize?: number; now?: Date; ledger?: VerifyResult;
  /** Called once the last row is decided, with the count exported and excluded by reason. */
  onSummary?: (s: ExportSummary) => void;
};

/** Ledger events per verification page: small pages keep memory flat, larger ones cost fewer queries. */
export const LEDGER_PAGE = 2000;

/** Which ledger events the export carries after its rows, up to the signed head's seq (none unless a proof in NDJSON). */
export type LedgerEventsScope = { scope: "complete" | "subscribers" | "none"; upToSeq: number };

export async function bulkExportHeader(opts: BulkExportOptions & { head?: SignedHead }) {
  const newsletter = opts.newsletterId ? await db.newsletter.findUnique({ where: { id: opts.newsletterId }, select: { id: true, name: true, slug: true } }) : null;
  const ledger = opts.ledger ?? (await verifyLedger(db, LEDGER_PAGE));
  const purpose = opts.purpose ?? "proof";
  const upToSeq = opts.head?.statement.seq ?? 0;
  const ledgerEvents: LedgerEventsScope =
    opts.format === "ndjson" && purpose === "proof" && opts.head ? { scope: opts.newsletterId ? "subscribers" : "complete", upToSeq } : { scope: "none", upToSeq };
  return { type: "header" as const, kind: "proofmail.consent-export", version: 2, generatedAt: (opts.now ?? new Date()).toISOString(), purpose, newsletter, ledger, ledgerEvents };
}

type Row = {
  subscription_id: string; subscriber_id: string; email: string; newsletter_id: string; newsletter: string; status: string; basis: string;
  method: string | null; source: string; source_proof_names_org: boolean | number; proof_reference: string | null; given_by: string;
  given_at: Date | string | null; confirmed_at: Date | string | null; unsubscribed_at: Date | string | null;
  form_version_id: string | null; form_content_hash: string | null;
};

// One keyset page as a single joined query: the ORM's relation loading costs several times more per row
// at this volume (bench/export.ts). Same SQL on both databases apart from the placeholders and the dates,
// which SQLite hands over as its stored text (lib/consent/stored-date.ts).
async function page(after: string | null, newsletterId: string | null, limit: number): Promise<Row[]> {
  return rawQuery<Row>(db, (q) => {
    const where = [after !== null ? `s."id" > ${q.value(after)}` : null, newsletterId ? `s."newsletterId" = ${q.value(newsletterId)}` : null].filter(Boolean);
    return `SELECT s."id" AS subscription_id, s."subscriberId" AS subscriber_id, p."email" AS email, s."newsletterId" AS newsletter_id,
       n."name" AS newsletter, s."status" AS status, s."basis" AS basis, s."method" AS method, s."source" AS source,
       s."sourceProofNamesOrg" AS source_proof_names_org, s."proofReference" AS proof_reference, s."givenBy" AS given_by,
       ${storedDateColumn(q.pg, `s."givenAt"`, "given_at")}, ${storedDateColumn(q.pg, `s."confirmedAt"`, "confirmed_at")},
       ${storedDateColumn(q.pg, `s."unsubscribedAt"`, "unsubscribed_at")},
       s."formVersionId" AS form_version_id, f."contentHash" AS form_content_hash
     FROM "Subscription" s
     JOIN "Subscriber" p ON p."id" = s."subscriberId"
     JOIN "Newsletter" n ON n."id" = s."newsletterId"
     LEFT JOIN "FormVersion" f ON f."id" = s."formVersionId"
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY s."id" LIMIT ${q.value(limit)}`;
  });
}

type Exported = Omit<Row, "source_proof_names_org" | "given_at" | "confirmed_at" | "unsubscribed_at"> & {
  source_proof_names_org: boolean; given_at: string | null; confirmed_at: string | null; unsubscribed_at: string | null;
};

/** A row as exported, converted in place (no copy per row; the keys keep the query's order). */
function exported(r: Row): Exported | Promise<Exported> {
  const given = isoOfStored(r.given_at), confirmed = isoOfStored(r.confirmed_at), unsubscribed = isoOfStored(r.unsubscribed_at);
  if (given === undefined || confirmed === undefined || unsubscribed === undefined) return exportedViaPrisma(r);
  const e = r as unknown as Exported;
  e.source_proof_names_org = r.source_proof_names_org === true || Number(r.source_proof_names_org) === 1;
  e.given_at = given;
  e.confirmed_at = confirmed;
  e.unsubscribed_at = unsubscribed;
  return e;
}

/** The rare row with a date stored in another form than Prisma's: its dates as Prisma reads them. */
async function exportedViaPrisma(r: Row): Promise<Exported> {
  const d = await db.subscription.findUniqueOrThrow({ where: { id: r.subscription_id }, select: { givenAt: true, confirmedAt: true, unsubscribedAt: true } });
  return exported({ ...r, given_at: d.givenAt, confirmed_at: d.confirmedAt, unsubscribed_at: d.unsubscribedAt });
}

/** A stream of UTF-8 bytes. Throws before streaming when the newsletter does not exist. */
export async function streamBulkExport(opts: BulkExportOptions): Promise<ReadableStream<Uint8Array>> {
  if (opts.newsletterId && !(await db.newsletter.findUnique({ where: { id: opts.newsletterId }, select: { id: true } }))) throw new Error("No such newsletter.");
  // Every export signs the head it is made at; the events it carries stop there (later ones are only appended).
  // The newest head a timestamp authority stamped, read before this export's own head is signed (so at or before it).
  const timestamped = await latestTimestampedHead(db);
  const head = (await signHead(db, { reason: "export", now: opts.now })).signed;
  const header = await bulkExportHeader({ ...opts, head });
  const pageSize = opts.pageSize ?? 2000;
  const purpose = header.purpose;
  const enc = new TextEncoder();
  let cursor: string | null = null;
  let first = true;
  let finished = false;
  let eventsAfter: number | null = null; // the events phase: the last seq streamed
  const summary: ExportSummary = { type: "summary", purpose, exported: 0, excluded: {} };
  // The ledger events after the rows, a page per pull, then the signed head and the end.
  const pullEvents = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
    const events = await readProofEvents(db, { afterSeq: eventsAfter!, upToSeq: header.ledgerEvents.upToSeq, newsletterId: opts.newsletterId ?? null, limit: LEDGER_PAGE });
    let out = "";
    for (const event of events) out += JSON.stringify({ type: "ledger-event", event }) + "\n";
    if (events.length < LEDGER_PAGE) {
      const stamped = timestamped ? JSON.stringify({ type: "timestamped-head", head: timestamped }) + "\n" : "";
      controller.enqueue(enc.encode(out + stamped + JSON.stringify(head) + "\n"));
      controller.close();
      eventsAfter = null;
      return;
    }
    eventsAfter = events[events.length - 1].seq;
    controller.enqueue(enc.encode(out));
  };
  // NDJSON: header, rows, then for a proof the ledger events and the signed head, for a share the summary line.
  const finish = (controller: ReadableStreamDefaultController<Uint8Array>): void | Promise<void> => {
    finished = true;
    opts.onSummary?.(summary);
    const counts = Object.entries(summary.excluded).map(([r, n]) => `${r} ${n}`).join(", ") || "none";
    if (opts.format === "ndjson") {
      if (purpose !== "proof") controller.enqueue(enc.encode(JSON.stringify(summary) + "\n"));
      // A share export carries no ledger events, so no head either: it ends with its summary as before.
      if (header.ledgerEvents.scope !== "none") {
        eventsAfter = 0; // this pull and the next stream the events, then the signed head
        return pullEvents(controller);
      }
    } else {
      // In CSV the header row comes first (spreadsheets take the first line as the column names), so what
      // the NDJSON header line says comes after the data.
      const l = header.ledger;
      const ledgerLine = l.ok ? `# ledger: verified, ${l.events} events, last hash ${l.lastHash}` : `# ledger: BROKEN at event ${l.brokenAt}: ${l.problem}`;
      const lines = [
        `# proofmail consent export, generated ${header.generatedAt}, newsletter ${header.newsletter ? header.newsletter.name.replace(/[\r\n]/g, " ") : "all"}`,
        ledgerLine,
        ...(purpose === "proof" ? [] : [`# purpose: ${purpose}`, `# summary: ${summary.exported} exported; excluded: ${counts}`]),
      ];
      controller.enqueue(enc.encode(lines.map((line) => csvField(line)).join("\n") + "\n"));
    }
    controller.close();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (first) {
          first = false;
          if (opts.format === "ndjson") controller.enqueue(enc.encode(JSON.stringify(header) + "\n"));
          // a UTF-8 byte-order mark, so Excel reads the file as UTF-8 (LibreOffice and parsers skip it)
          else controller.enqueue(enc.encode(`\uFEFF${CSV_COLUMNS.join(",")}\n`));
          return;
        }
        if (eventsAfter !== null) return pullEvents(controller);
        // Page on until something is enqueued: a pull that enqueues nothing would leave the reader waiting.
        while (!finished) {
          const rows = await page(cursor, opts.newsletterId ?? null, pageSize);
          if (rows.length === 0) return finish(controller);
          cursor = rows[rows.length - 1].subscription_id;
          let out = "";
          for (const r of rows) {
            // No consent to sharing is recorded anywhere in the data model yet.
            const decision = decideExport({ purpose, consent: { shareWithThirdParties: false } });
            if (!decision.allowed) {
              summary.excluded[decision.reason] = (summary.excluded[decision.reason] ?? 0) + 1;
              continue;
            }
            summary.exported++;
            let rec = exported(r);
            if (rec instanceof Promise) rec = await rec; // only for the rare row that needs Prisma
            out += opts.format === "ndjson" ? JSON.stringify(rec) + "\n" : CSV_COLUMNS.map((c) => csvField(rec[c])).join(",") + "\n";
          }
          if (out) controller.enqueue(enc.encode(out));
          if (rows.length < pageSize) return finish(controller);
          if (out) return;
        }
      },
    },
    { highWaterMark: 1 },
  );
}
