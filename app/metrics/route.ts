import { route } from "@/lib/http/boundary";
import { checkMetricsToken } from "@/lib/metrics/check-metrics-token";
import { renderMetrics } from "@/lib/metrics/metrics";

export const dynamic = "force-dynamic";

// Prometheus scrape endpoint: `Authorization: Bearer $METRICS_TOKEN`; 404 while METRICS_TOKEN is unset.
// Public to the boundary: the scraper has no session, the token is checked here.
export const GET = route({ access: "public" }, async ({ req: request }) => {
  const access = checkMetricsToken(request.headers.get("authorization"));
  if (access === "not-configured") return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  if (access === "unauthorized")
    return Response.json({ error: "authorization: expected Bearer METRICS_TOKEN" }, { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"' } });
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
