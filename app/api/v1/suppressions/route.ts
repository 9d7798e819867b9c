// POST /api/v1/suppressions — suppress an address (keyed hash only). lib/api/README.md.
import { apiRoute, answer } from "@/lib/api/api-route";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { addSuppression } from "@/lib/api/suppressions";

export const dynamic = "force-dynamic";

const e = ENDPOINTS.addSuppression;
export const POST = apiRoute(e, async ({ json, token }) => answer(e, await addSuppression({ body: json, token })));
