// RFC 9457 problem details: the one error body of every route handler (application/problem+json).
// type: a URI naming the problem (its stable code); title: the same for every occurrence of that
// code; status; detail: this occurrence, for the person; plus extension members code, field (the first
// failing field) and, for validation, errors: every failing field with its message.
import type { HttpError } from "./http-error.ts";

const TITLES: Record<string, string> = {
  invalid_input: "Invalid input",
  unauthenticated: "Not signed in",
  forbidden: "Forbidden",
  cross_site: "Cross-site request refused",
  not_found: "Not found",
  unsupported_media_type: "Unsupported media type",
  too_large: "Request too large",
  rate_limited: "Too many requests",
  internal: "Internal error",
  storage_full: "Storage full",
};

export function problemResponse(err: HttpError, instance?: string): Response {
  const body = {
    type: `urn:proofmail:problem:${err.code}`,
    title: TITLES[err.code] ?? err.code,
    status: err.status,
    detail: err.message,
    ...(instance ? { instance } : {}),
    code: err.code,
    ...(err.extra.field ? { field: err.extra.field } : {}),
    ...(err.extra.errors?.length ? { errors: err.extra.errors } : {}),
  };
  const headers: Record<string, string> = { "Content-Type": "application/problem+json; charset=utf-8", "Cache-Control": "no-store", ...err.extra.headers };
  if (err.extra.retryAfterSec) headers["Retry-After"] = String(err.extra.retryAfterSec);
  return new Response(JSON.stringify(body), { status: err.status, headers });
}
