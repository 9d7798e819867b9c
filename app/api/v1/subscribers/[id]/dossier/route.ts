// GET /api/v1/subscribers/{id}/dossier — the complaint dossier (JSON). lib/api/README.md.
import { apiRoute } from "@/lib/api/api-route";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { dossierResponse } from "@/lib/api/exports";

export const dynamic = "force-dynamic";

export const GET = apiRoute(ENDPOINTS.getDossier, async ({ params, token }) => dossierResponse(params.id, token));
