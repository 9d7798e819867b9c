// GET /api/v1/openapi.json — the OpenAPI 3.1 document, made from the schemas that validate each request.
import { route } from "@/lib/http/boundary";
import { openApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-dynamic";

export const GET = route({ access: "public" }, async () => Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }));
