// Bulk consent export for one newsletter or all: one line per subscription, as NDJSON or CSV, streamed
// page by page (keyset on the subscription id) with pull-based backpressure, so memory stays flat at
// a million subscribers. The header carries the ledger verification result (verifyLedger), so the
// reader knows whether the proof trail behind these rows is intact.
import { db } from "../db/index.ts";
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
  const ledger = opts.ledger ?? (await verifyLedger(db));
  return { type: "header" as const, kind: "proofmail.consent-export", version: 1, generatedAt: (opts.now ?? new Date()).toISOString(), newsletter, ledger };
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
        const rows = await db.subscription.findMany({
          where: { ...(opts.newsletterId ? { newsletterId: opts.newsletterId } : {}), ...(cursor ? { id: { gt: cursor } } : {}) },
          orderBy: { id: "asc" },
          take: pageSize,
          select: {
            id: true, subscriberId: true, newsletterId: true, status: true, basis: true, method: true, source: true,
            sourceProofNamesOrg: true, proofReference: true, givenBy: true, givenAt: true, confirmedAt: true, unsubscribedAt: true,
            formVersionId: true,
            subscriber: { select: { email: true } },
            newsletter: { select: { name: true } },
            formVersion: { select: { contentHash: true } },
          },
        });
        if (rows.length === 0) {
          finished = true;
          controller.close();
          return;
        }
        cursor = rows[rows.length - 1].id;
        let out = "";
        for (const r of rows) {
          const rec = {
            subscription_id: r.id, subscriber_id: r.subscriberId, email: r.subscriber.email, newsletter_id: r.newsletterId,
            newsletter: r.newsletter.name, status: r.status, basis: r.basis, method: r.method, source: r.source,
            source_proof_names_org: r.sourceProofNamesOrg, proof_reference: r.proofReference, given_by: r.givenBy,
            given_at: r.givenAt?.toISOString() ?? null, confirmed_at: r.confirmedAt?.toISOString() ?? null,
            unsubscribed_at: r.unsubscribedAt?.toISOString() ?? null, form_version_id: r.formVersionId,
            form_content_hash: r.formVersion?.contentHash ?? null,
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
