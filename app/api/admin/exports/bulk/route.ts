// GET /api/admin/exports/bulk?format=ndjson|csv&newsletterId=...&purpose=proof|share-with-third-party —
// streaming consent export (admins). purpose=share-with-third-party is decided per row by lib/rules
// (R-SHARE-THIRD-PARTY): without consent to sharing no row is exported, and a closing summary line gives
// the count excluded by reason (DENY_SHARE_NO_CONSENT).
import { z } from "zod";
import { route, HttpError } from "@/lib/http/boundary";
import { audit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import { streamBulkExport } from "@/lib/export/stream-bulk-export";
import { EXPORT_PURPOSES } from "@/lib/rules";

export const dynamic = "force-dynamic";

const query = z.object({
  format: z.enum(["ndjson", "csv"], { message: "format must be ndjson or csv." }).default("ndjson"),
  newsletterId: z.string().max(64).optional().default(""),
  purpose: z.enum(EXPORT_PURPOSES, { message: "purpose must be proof or share-with-third-party." }).default("proof"),
});

export const GET = route({ access: "exports.run", query }, async ({ staff, query: { format, newsletterId, purpose } }) => {
  let stream: ReadableStream<Uint8Array>;
  try {
    stream = await streamBulkExport({ format, newsletterId: newsletterId || null, purpose });
  } catch {
    throw new HttpError("not_found", "No such newsletter.");
  }
  await audit(db, staff, "export.bulk", newsletterId || "all", { format, purpose });
  const name = `${purpose === "proof" ? "consent-export" : "share-export"}-${newsletterId || "all"}-${new Date().toISOString().slice(0, 10)}.${format}`;
  return new Response(stream, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
});
