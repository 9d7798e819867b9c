// GET /api/v1/subscribers/{id}/subscriptions — a subscriber's subscriptions. lib/api/README.md.
import { apiRoute, answer } from "@/lib/api/api-route";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { listSubscriptions } from "@/lib/api/subscribers";

export const dynamic = "force-dynamic";

const e = ENDPOINTS.listSubscriptions;
export const GET = apiRoute(e, async ({ params }) => answer(e, await listSubscriptions(params.id)));
