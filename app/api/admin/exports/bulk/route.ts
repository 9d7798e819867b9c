// GET /api/admin/exports/bulk?format=ndjson|csv&newsletterId=... — streaming consent export (admins).
import { z } from "zod";
import { protectedRoute } from "@/lib/auth/guard";
import { audit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import { streamBulkExport } from "@/lib/export/stream-bulk-export";

export const dynamic = "force-dynamic";

const query = z.object({ format: z.enum(["ndjson", "csv"]).default("ndjson"), newsletterId: z.string().max(64).optional().default("") });

export const GET = protectedRoute("exports.run", async (req, staff) => {
  const q = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) return Response.json({ error: "format must be ndjson or csv." }, { status: 400 });
  const { format, newsletterId } = q.data;
  let stream: ReadableStream<Uint8Array>;
  try {
    stream = await streamBulkExport({ format, newsletterId: newsletterId || null });
  } catch {
    return Response.json({ error: "No such newsletter." }, { status: 404 });
  }
  await audit(db, staff, "export.bulk", newsletterId || "all", { format });
  const name = `consent-export-${newsletterId || "all"}-${new Date().toISOString().slice(0, 10)}.${format}`;
  return new Response(stream, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
});
