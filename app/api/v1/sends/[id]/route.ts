// GET /api/v1/sends/{id} — a send's status. lib/api/README.md.
import { apiRoute, answer } from "@/lib/api/api-route";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { getSendStatus } from "@/lib/api/sends";

export const dynamic = "force-dynamic";

const e = ENDPOINTS.getSend;
export const GET = apiRoute(e, async ({ params }) => answer(e, await getSendStatus(params.id)));
