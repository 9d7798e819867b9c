// GET /api/v1/subscribers/{id} — one subscriber with every subscription. lib/api/README.md.
import { apiRoute, answer } from "@/lib/api/api-route";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { getSubscriber } from "@/lib/api/subscribers";

export const dynamic = "force-dynamic";

const e = ENDPOINTS.getSubscriber;
export const GET = apiRoute(e, async ({ params }) => answer(e, await getSubscriber(params.id)));
