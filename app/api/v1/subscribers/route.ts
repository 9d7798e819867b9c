// POST /api/v1/subscribers — add a subscriber through the signup path (double opt-in). lib/api/README.md.
import { apiRoute, answer } from "@/lib/api/api-route";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { createSubscriber } from "@/lib/api/subscribers";

export const dynamic = "force-dynamic";

const e = ENDPOINTS.createSubscriber;
export const POST = apiRoute(e, async ({ json, token }) => answer(e, await createSubscriber({ body: json, token })));
