// Bulk consent export for one newsletter or all: one line per subscription, as NDJSON or CSV, streamed
// page by page (keyset on the subscription id) with pull-based backpressure, so memory stays flat at
// a million subscribers. The header carries the ledger verification result (verifyLedger), so the
// reader knows whether the proof trail behind these rows is intact.
import { db, dbProvider } from "../db/index.ts";
import { verifyLedger, type VerifyResult } from "../consent/ledger.ts";

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

export type BulkExportOptions = { format: BulkFormat; newsletterId?: string | null; pageSize?: number; now?: Date; ledger?: VerifyResult };

export async function bulkExportHeader(opts: BulkExportOptions) {
  const newsletter = opts.newsletterId ? await db.newsletter.findUnique({ where: { id: opts.newsletterId }, select: { id: true, name: true, slug: true } }) : null;
  // Small pages keep the verification's memory flat (a page of full event rows is the largest object here).
  const ledger = opts.ledger ?? (await verifyLedger(db, 1000));
  return { type: "header" as const, kind: "proofmail.consent-export", version: 1, generatedAt: (opts.now ?? new Date()).toISOString(), newsletter, ledger };
}

type Row = {
  subscription_id: string; subscriber_id: string; email: string; newsletter_id: string; newsletter: string; status: string; basis: string;
  method: string | null; source: string; source_proof_names_org: boolean | number; proof_reference: string | null; given_by: string;
  given_at: Date | string | null; confirmed_at: Date | string | null; unsubscribed_at: Date | string | null;
  form_version_id: string | null; form_content_hash: string | null;
};

const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());

// One keyset page as a single joined query: the ORM's relation loading costs several times more per row
// at this volume (bench/export.ts). Same SQL on both databases apart from the placeholders.
async function page(after: string | null, newsletterId: string | null, limit: number): Promise<Row[]> {
  const pg = dbProvider() === "postgres";
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), pg ? `$${params.length}` : "?");
  const where = [after !== null ? `s."id" > ${p(after)}` : null, newsletterId ? `s."newsletterId" = ${p(newsletterId)}` : null].filter(Boolean);
  return db.$queryRawUnsafe<Row[]>(
    `SELECT s."id" AS subscription_id, s."subscriberId" AS subscriber_id, p."email" AS email, s."newsletterId" AS newsletter_id,
       n."name" AS newsletter, s."status" AS status, s."basis" AS basis, s."method" AS method, s."source" AS source,
       s."sourceProofNamesOrg" AS source_proof_names_org, s."proofReference" AS proof_reference, s."givenBy" AS given_by,
       s."givenAt" AS given_at, s."confirmedAt" AS confirmed_at, s."unsubscribedAt" AS unsubscribed_at,
       s."formVersionId" AS form_version_id, f."contentHash" AS form_content_hash
     FROM "Subscription" s
     JOIN "Subscriber" p ON p."id" = s."subscriberId"
     JOIN "Newsletter" n ON n."id" = s."newsletterId"
     LEFT JOIN "FormVersion" f ON f."id" = s."formVersionId"
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY s."id" LIMIT ${p(limit)}`,
    ...params,
  );
}

/** A stream of UTF-8 bytes. Throws before streaming when the newsletter does not exist. */
export async function streamBulkExport(opts: BulkExportOptions): Promise<ReadableStream<Uint8Array>> {
  const header = await bulkExportHeader(opts);
  if (opts.newsletterId && !header.newsletter) throw new Error("No such newsletter.");
  const pageSize = opts.pageSize ?? 2000;
  const enc = new TextEncoder();
  let cursor: string | null = null;
  let first = true;
  let finished = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (first) {
          first = false;
          if (opts.format === "ndjson") controller.enqueue(enc.encode(JSON.stringify(header) + "\n"));
          else {
            const l = header.ledger;
            const ledgerLine = l.ok ? `# ledger: verified, ${l.events} events, last hash ${l.lastHash}` : `# ledger: BROKEN at event ${l.brokenAt}: ${l.problem}`;
            controller.enqueue(enc.encode(`# proofmail consent export, generated ${header.generatedAt}, newsletter ${header.newsletter ? header.newsletter.name.replace(/[\r\n]/g, " ") : "all"}\n${ledgerLine}\n${CSV_COLUMNS.join(",")}\n`));
          }
          return;
        }
        if (finished) return;
        const rows = await page(cursor, opts.newsletterId ?? null, pageSize);
        if (rows.length === 0) {
          finished = true;
          controller.close();
          return;
        }
        cursor = rows[rows.length - 1].subscription_id;
        let out = "";
        for (const r of rows) {
          const rec = {
            ...r,
            source_proof_names_org: r.source_proof_names_org === true || Number(r.source_proof_names_org) === 1,
            given_at: iso(r.given_at), confirmed_at: iso(r.confirmed_at), unsubscribed_at: iso(r.unsubscribed_at),
          };
          out += opts.format === "ndjson" ? JSON.stringify(rec) + "\n" : CSV_COLUMNS.map((c) => csvField(rec[c])).join(",") + "\n";
        }
        controller.enqueue(enc.encode(out));
        if (rows.length < pageSize) {
          finished = true;
          controller.close();
        }
      },
    },
    { highWaterMark: 1 },
  );
}
