import { route } from "@/lib/http/boundary";
import { health } from "@/lib/health";

export const dynamic = "force-dynamic";

export const GET = route({ access: "public" }, async () => {
  const h = await health();
  return Response.json(h, { status: h.status === "ok" ? 200 : 503 });
});
