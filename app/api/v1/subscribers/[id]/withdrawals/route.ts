// POST /api/v1/subscribers/{id}/withdrawals — record a withdrawal or an objection. lib/api/README.md.
import { apiRoute, answer } from "@/lib/api/api-route";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { withdrawSubscriber } from "@/lib/api/subscribers";

export const dynamic = "force-dynamic";

const e = ENDPOINTS.withdraw;
export const POST = apiRoute(e, async ({ params, json, token }) => answer(e, await withdrawSubscriber({ id: params.id, body: json, token })));
