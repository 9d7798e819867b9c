import { route } from "@/lib/http/boundary";

export const dynamic = "force-dynamic";

// Liveness: the process answers. No I/O, so a slow database never gets a healthy process restarted.
export const GET = route({ access: "public" }, async () => Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } }));
