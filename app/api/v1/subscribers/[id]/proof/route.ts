// GET /api/v1/subscribers/{id}/proof — the consent proof (JSON). lib/api/README.md.
import { apiRoute } from "@/lib/api/api-route";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { proofResponse } from "@/lib/api/exports";

export const dynamic = "force-dynamic";

export const GET = apiRoute(ENDPOINTS.getProof, async ({ params, token }) => proofResponse(params.id, token));
