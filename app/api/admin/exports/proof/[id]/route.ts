// GET /api/admin/exports/proof/:subscriberId?format=html|pdf|json — the consent-proof document (admins).
import { z } from "zod";
import { route, HttpError } from "@/lib/http/boundary";
import { audit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import { getProof } from "@/lib/export/get-proof";
import { renderProofHtml } from "@/lib/export/render-proof-html";
import { renderProofPdf } from "@/lib/export/render-proof-pdf";

export const dynamic = "force-dynamic";

const query = z.object({ format: z.enum(["html", "pdf", "json"]).catch("html") });

export const GET = route({ access: "exports.run", params: z.object({ id: z.string().max(64) }), query }, async ({ staff, params: { id }, query: { format: f } }) => {
  const doc = await getProof({ subscriberId: id });
  if (!doc) throw new HttpError("not_found", "No such subscriber.");
  await audit(db, staff, "export.proof", id, { format: f });
  const headers = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
  const file = `consent-proof-${id}`;
  if (f === "json")
    return new Response(JSON.stringify(doc, null, 2), { headers: { ...headers, "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="${file}.json"` } });
  if (f === "pdf")
    return new Response(new Uint8Array(await renderProofPdf(doc)), { headers: { ...headers, "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${file}.pdf"` } });
  // The document has no scripts; the CSP makes sure nothing in it could run or load.
  return new Response(renderProofHtml(doc), {
    headers: { ...headers, "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'" },
  });
});
