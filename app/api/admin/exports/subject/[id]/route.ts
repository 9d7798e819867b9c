// GET /api/admin/exports/subject/:subscriberId — everything held about one person (AVG art. 15/20),
// for an admin answering an access request. Uses the subject-rights export of lib/subscribers.
import { protectedRoute } from "@/lib/auth/guard";
import { audit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import { exportSubscriberData } from "@/lib/subscribers/export-subscriber-data";

export const dynamic = "force-dynamic";

export const GET = protectedRoute("subscribers.manage", async (_req, staff, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  const data = await exportSubscriberData({ subscriberId: id });
  if (!data) return Response.json({ error: "No such subscriber." }, { status: 404 });
  await audit(db, staff, "export.subject", id, {});
  return new Response(JSON.stringify(data, null, 2), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="subscriber-data-${id}.json"`, "Cache-Control": "no-store" },
  });
});
