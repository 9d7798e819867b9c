// The one error type of the request boundary (lib/http/boundary.ts): thrown anywhere in a server action
// or route handler, turned into a response in one place. `code` is stable (clients and tests match on
// it); `message` is meant for the person and never carries a stack or internals.
import { ZodError } from "zod";

export const ERROR_CODES = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  cross_site: 403,
  not_found: 404,
  unsupported_media_type: 415,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
  storage_full: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

const DEFAULT_MESSAGE: Record<ErrorCode, string> = {
  invalid_input: "The request is not valid.",
  unauthenticated: "Sign in first.",
  forbidden: "You do not have permission to do this.",
  cross_site: "This request came from another site and was refused.",
  not_found: "Not found.",
  unsupported_media_type: "This content type is not accepted here.",
  too_large: "The request is too large.",
  rate_limited: "Too many requests; try again later.",
  internal: "Something went wrong on our side; nothing was changed. Try again later.",
  storage_full: "We cannot save anything right now; nothing was changed. Please try again later.",
};

/** One field that failed validation (RFC 9457 problem details' `errors` member): its path and message. */
export type FieldError = { field: string; detail: string };

type Extra = { field?: string; errors?: FieldError[]; retryAfterSec?: number; headers?: Record<string, string> };

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(code: ErrorCode, message: string = DEFAULT_MESSAGE[code], readonly extra: Extra = {}) {
    super(message);
    this.code = code;
    this.status = ERROR_CODES[code];
  }

  /** A domain module's own failure (e.g. submit-signup's `unknown_newsletter`, 400): its status and stable code. */
  static of(status: number, code: string, message: string, extra: Extra = {}): HttpError {
    const e = new HttpError("invalid_input", message, extra);
    (e as { status: number }).status = status;
    (e as { code: string }).code = code;
    return e;
  }
}

/** The field and message of the first zod issue, e.g. "email: Enter an e-mail address.", and every failing field. */
export function fromZodError(err: ZodError): HttpError {
  const issue = err.issues[0];
  // The field's name (the last named path step: an action's arguments are a tuple, so skip the index).
  const fieldOf = (path: PropertyKey[]) => path.filter((p): p is string => typeof p === "string").pop();
  const field = issue ? fieldOf(issue.path) : undefined;
  const message = issue ? (field ? `${field}: ${issue.message}` : issue.message) : DEFAULT_MESSAGE.invalid_input;
  // Every issue by its full path ("source.formVersionId", "newsletterIds.0"), for clients that show each field's message.
  const errors = err.issues.map((i) => ({ field: i.path.map(String).join("."), detail: i.message }));
  return new HttpError("invalid_input", message, { field, errors });
}

// The database's "no space left": SQLite's SQLITE_FULL ("database or disk is full", also what
// PRAGMA max_page_count gives), PostgreSQL's SQLSTATE 53100 disk_full.
const STORAGE_FULL_CODES: ReadonlySet<unknown> = new Set(["SQLITE_FULL", "53100"]);

type ErrorLike = { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };

/**
 * Whether a thrown value is the database refusing a write for want of space: the driver's own error
 * (better-sqlite3's SqliteError `code`, pg's DatabaseError `code`), a Prisma driver adapter's
 * DriverAdapterError (`cause.originalCode`), or a Prisma client error carrying one (`meta.driverAdapterError`).
 */
export function isStorageFull(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 6 && e && typeof e === "object"; depth++) {
    const o = e as ErrorLike;
    if (STORAGE_FULL_CODES.has(o.code) || STORAGE_FULL_CODES.has(o.originalCode)) return true;
    e = o.meta?.driverAdapterError ?? o.cause;
  }
  return false;
}

/** Any thrown value as an HttpError; unknown errors become "internal" (logged by the caller, never shown). */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof ZodError) return fromZodError(err);
  if (isStorageFull(err)) return new HttpError("storage_full");
  return new HttpError("internal");
}
