import { route } from "@/lib/http/boundary";
import { checkReadiness } from "@/lib/health/check-readiness";

export const dynamic = "force-dynamic";

// Readiness: the database answers and every shipped migration is applied (503 otherwise).
export const GET = route({ access: "public" }, async () => {
  const r = await checkReadiness();
  return Response.json({ status: r.ready ? "ready" : "not ready", database: r.database, migrations: r.migrations }, { status: r.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
});
