// The OpenAPI 3.1 document of /api/v1, written by zod-to-openapi from lib/api/endpoints.ts: the very
// schemas that validate the requests. Served at GET /api/v1/openapi.json and rendered at /api/v1/docs.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import type { z } from "zod";
import { ENDPOINTS, type Endpoint } from "./endpoints.ts";
import { problem } from "./schemas.ts";
import { SCOPE_DESCRIPTIONS } from "./scopes.ts";

const ERRORS: Record<number, string> = {
  400: "Invalid input: `detail` names the first field, `errors` lists every one.",
  401: "No valid API token (Authorization: Bearer <token>).",
  403: "The token lacks this endpoint's scope.",
  404: "Not found.",
  413: "The body is too large.",
  415: "Send JSON (Content-Type: application/json).",
  429: "Too many requests for this token: wait `Retry-After` seconds.",
};

function errorsOf(e: Endpoint): number[] {
  if (!e.scope) return [];
  return [400, 401, 403, ...(e.params ? [404] : []), ...(e.body ? [413, 415] : []), 429];
}

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

let cached: OpenApiDocument | null = null;

export function openApiDocument(): OpenApiDocument {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "apiToken", {
    type: "http", scheme: "bearer",
    description: `An API token from Admin → API tokens. Scopes: ${Object.entries(SCOPE_DESCRIPTIONS).map(([k, v]) => `\`${k}\` (${v})`).join("; ")}.`,
  });
  for (const [operationId, e] of Object.entries(ENDPOINTS) as [string, Endpoint][]) {
    registry.registerPath({
      operationId, method: e.method, path: e.path, summary: e.summary, description: [e.description, e.scope ? `Scope: \`${e.scope}\`.` : null].filter(Boolean).join("\n\n") || undefined,
      tags: [e.path.split("/")[1].replace(".json", "")],
      ...(e.scope ? { security: [{ apiToken: [e.scope] }] } : { security: [] }),
      request: {
        ...(e.params ? { params: e.params as z.ZodObject } : {}),
        ...(e.body ? { body: { required: true, content: { "application/json": { schema: e.body } } } } : {}),
      },
      responses: {
        [e.response.status]: { description: e.response.description, content: { "application/json": { schema: e.response.schema } } },
        ...Object.fromEntries(errorsOf(e).map((status) => [status, { description: ERRORS[status], content: { "application/problem+json": { schema: problem } } }])),
      },
    });
  }
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Proofmail API", version: "1.0.0",
      description: "Subscribers, withdrawals, suppressions, sends and consent exports. Every write lands in the consent ledger with the API as its channel; errors are RFC 9457 problem details.",
    },
    servers: [{ url: "/api/v1" }],
  });
  return cached;
}
