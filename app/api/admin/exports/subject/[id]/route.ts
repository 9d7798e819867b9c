// GET /api/admin/exports/subject/:subscriberId — everything held about one person (AVG art. 15/20),
// for an admin answering an access request. Uses the subject-rights export of lib/subscribers.
import { z } from "zod";
import { route, HttpError } from "@/lib/http/boundary";
import { audit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import { exportSubscriberData } from "@/lib/subscribers/export-subscriber-data";

export const dynamic = "force-dynamic";

export const GET = route({ access: "subscribers.manage", params: z.object({ id: z.string().max(64) }) }, async ({ staff, params: { id } }) => {
  const data = await exportSubscriberData({ subscriberId: id });
  if (!data) throw new HttpError("not_found", "No such subscriber.");
  await audit(db, staff, "export.subject", id, {});
  return new Response(JSON.stringify(data, null, 2), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="subscriber-data-${id}.json"`, "Cache-Control": "no-store" },
  });
});
