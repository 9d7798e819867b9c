// The boundary's route() for one /api/v1 endpoint: the API token with the endpoint's scope, then its
// params and body parsed with the endpoint's own schemas (the ones the OpenAPI document shows).
import type { z } from "zod";
import { route, type RouteCtx } from "../http/boundary.ts";
import type { Endpoint } from "./endpoints.ts";

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

export function apiRoute<E extends Endpoint & { scope: NonNullable<Endpoint["scope"]> }>(
  e: E,
  handler: (ctx: RouteCtx<"api-token", Out<E["params"]>, undefined, Out<E["body"]>>) => Promise<Response>,
) {
  return route<"api-token", Out<E["params"]>, undefined, Out<E["body"]>>(
    { access: "api-token", scope: e.scope, params: e.params as z.ZodType<Out<E["params"]>> | undefined, json: e.body as z.ZodType<Out<E["body"]>> | undefined },
    handler,
  );
}

/** The endpoint's JSON answer with its documented status. */
export const answer = (e: Endpoint, body: unknown) => Response.json(body, { status: e.response.status, headers: { "Cache-Control": "no-store" } });
