// GET /api/admin/exports/proof/:subscriberId?format=html|pdf|json — the consent-proof document (admins).
import { z } from "zod";
import { protectedRoute } from "@/lib/auth/guard";
import { audit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import { getProof } from "@/lib/export/get-proof";
import { renderProofHtml } from "@/lib/export/render-proof-html";
import { renderProofPdf } from "@/lib/export/render-proof-pdf";

export const dynamic = "force-dynamic";

const format = z.enum(["html", "pdf", "json"]).catch("html");

export const GET = protectedRoute("exports.run", async (req, staff, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  const f = format.parse(new URL(req.url).searchParams.get("format") ?? "html");
  const doc = await getProof({ subscriberId: id });
  if (!doc) return Response.json({ error: "No such subscriber." }, { status: 404 });
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
