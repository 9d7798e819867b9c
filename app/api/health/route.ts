import { route } from "@/lib/http/boundary";
import { health } from "@/lib/health/health";

export const dynamic = "force-dynamic";

// Backward compatible: 200 `{ status: "ok", database, mailer, … }` or 503 "degraded". No SMTP connection.
export const GET = route({ access: "public" }, async () => {
  const h = await health();
  return Response.json(h, { status: h.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
});
