export const dynamic = "force-dynamic";

// Liveness: the process answers. No I/O, so a slow database never gets a healthy process restarted.
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
