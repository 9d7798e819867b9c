// The one request boundary (the dub `withWorkspace` shape): every server action goes through `action()`
// and every route handler through `route()`. Each does, in this order: the cross-site check (routes; the
// web server does it for actions), authentication and the role (or the shop API's bearer token), zod
// parsing of the input (the schema gives the handler its types and the caller its message), the rate
// limit where strangers can make us work or send mail, and the mapping of every failure to one HttpError:
// routes answer RFC 9457 problem+json, actions throw it (our web server answers with its status) or,
// for forms that render their own errors, return what `invalid` makes of it.
// Pages keep requirePage/currentStaff (lib/auth/guard.ts).
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { config } from "../config/index.ts";
import type { Staff } from "../auth/guard.ts";
import { can, type Permission } from "../auth/permissions.ts";
import { verifyApiToken, type ApiTokenAuth } from "../customers/api-tokens.ts";
import type { ApiScope } from "../api/scopes.ts";
import { hit, type Limit } from "../security/rate-limit.ts";
import { clientIp } from "../security/request-info.ts";
import { HttpError, toHttpError, fromZodError } from "./http-error.ts";
import { problemResponse } from "./problem.ts";
import { recordActionRan, recordFailureStatus } from "./request-outcome.ts";
import { isCrossSite, mayComeFromOtherSites, UNSAFE_METHODS } from "./cross-site.ts";
import { getLogger } from "../log/logger.ts";
import { readCapped } from "../util/read-capped.ts";

const log = getLogger("http");

export { HttpError } from "./http-error.ts";

/** A permission from lib/auth/permissions.ts, any signed-in staff member, anyone, or the shop API's token. */
export type Access = Permission | "staff" | "public" | "api-token";
/** A named limit per client address (or per API token for "api-token" routes). */
export type RateLimit = Limit & { name: string };

type StaffOf<A extends Access> = A extends "public" | "api-token" ? null : Staff;
type TokenOf<A extends Access> = A extends "api-token" ? ApiTokenAuth : null;

async function authenticate(access: Access, authorization: () => string | null, scope?: ApiScope) {
  if (access === "public") return { staff: null, token: null };
  if (access === "api-token") {
    const token = await verifyApiToken(authorization());
    if (!token)
      throw new HttpError("unauthenticated", "Send a valid API token: Authorization: Bearer <token>.", { headers: { "WWW-Authenticate": 'Bearer realm="proofmail"' } });
    if (scope && !token.scopes.includes(scope))
      throw new HttpError("forbidden", `This token lacks the scope "${scope}"; an admin can make one that has it (Admin → API tokens).`, {
        headers: { "WWW-Authenticate": `Bearer realm="proofmail", error="insufficient_scope", scope="${scope}"` },
      });
    return { staff: null, token };
  }
  // Loaded only here: public and token routes never load Auth.js.
  const { currentStaff } = await import("../auth/guard.ts");
  const staff = await currentStaff();
  if (!staff) throw new HttpError("unauthenticated");
  if (access !== "staff" && !can(staff.role, access)) throw new HttpError("forbidden");
  return { staff, token: null };
}

async function limit(rateLimit: RateLimit | undefined, key: () => Promise<string>) {
  if (!rateLimit) return;
  const r = await hit(rateLimit.name, await key(), rateLimit);
  if (!r.ok) throw new HttpError("rate_limited", "Too many requests; try again later.", { retryAfterSec: r.retryAfterSec });
}

/** The failures people cannot fix, logged once at error level: our bugs ("internal") and a full database. */
function logFailure(where: string, e: HttpError, err: unknown) {
  if (e.code === "internal") log.error({ err, where }, "unexpected failure");
  else if (e.code === "storage_full") log.error({ err, where }, "database storage full: the write was refused");
}

// ---------------------------------------------------------------------------------------------------
// Server actions

type ArgsSchema = z.ZodType<unknown[], unknown[]>;

/**
 * `export const save = action({ access: "forms.manage", input: z.tuple([id, state, fields({...})]) },
 *   async ({ staff }, id, _prev, form) => ...)`. The exported action takes what the schema accepts.
 * With `invalid`, a form field that fails the schema is answered with that value (a form's error state)
 * instead of a 400.
 */
export function action<A extends Access, S extends ArgsSchema, R>(
  opts: { access: A; input: S; rateLimit?: RateLimit; invalid?: (err: HttpError) => R },
  handler: (ctx: { staff: StaffOf<A> }, ...args: z.output<S>) => Promise<R>,
): (...args: z.input<S>) => Promise<R> {
  return async (...args: z.input<S>): Promise<R> => {
    recordActionRan();
    try {
      const { staff } = await authenticate(opts.access, () => null);
      const parsed = safeParse(opts.input, args);
      if (!parsed.success) {
        const err = fromZodError(parsed.error);
        // A field that fails goes back to the form; arguments of the wrong shape (no form at all, a
        // number for an id) are not from our pages: a 400.
        if (opts.invalid && err.extra.field) return opts.invalid(err);
        throw err;
      }
      // After parsing: a malformed request costs nothing and writes no counter.
      await limit(opts.rateLimit, clientIp);
      return await handler({ staff: staff as StaffOf<A> }, ...(parsed.data as z.output<S>));
    } catch (err) {
      unstable_rethrow(err); // redirect(), notFound(), forbidden() and Next's own signals pass through
      const e = toHttpError(err);
      logFailure("server action", e, err);
      recordFailureStatus(e.status);
      throw e;
    }
  };
}

// FormData as a zod input: the named fields, a single value each unless the field's schema is an array
// (then every value). Fields not named are ignored (Next adds its own $ACTION_ fields).
function isArraySchema(s: z.ZodType): boolean {
  let t: z.ZodType = s;
  for (let i = 0; i < 5; i++) {
    const def = (t as unknown as { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } }).def;
    if (def.type === "array") return true;
    const inner = def.innerType ?? def.in;
    if (!inner) return false;
    t = inner;
  }
  return false;
}

export function fields<T extends z.ZodRawShape>(shape: T): z.ZodType<z.output<z.ZodObject<T>>, FormData> {
  const arrays = new Set(Object.keys(shape).filter((k) => isArraySchema(shape[k] as z.ZodType)));
  const toObject = (fd: FormData) => Object.fromEntries(Object.keys(shape).map((k) => [k, arrays.has(k) ? fd.getAll(k) : (fd.get(k) ?? undefined)]));
  const schema = z.preprocess((v) => (v instanceof FormData ? toObject(v) : v), z.object(shape, { message: "Expected a form post." }));
  // Callers hand in FormData (the type their forms bind); anything else fails as "Expected a form post."
  return schema as unknown as z.ZodType<z.output<z.ZodObject<T>>, FormData>;
}

/** A text field: absent is "", a file or an over-long value is refused. */
export const text = (max: number) => z.string({ message: "Expected text." }).max(max, { message: `At most ${max} characters.` }).default("");
/** A checkbox: true when ticked ("on"). */
export const checkbox = () => z.string().max(10).optional().transform((v) => v === "on");
/** The previous state useActionState passes in; never used, never trusted. */
export const prevState = <T>() => z.custom<T>(() => true);
/** An id as the app binds it (cuid and the like). */
export const id = () => z.string().min(1).max(64);

// ---------------------------------------------------------------------------------------------------
// Route handlers

export type RouteCtx<A extends Access, P, Q, J> = { req: Request; staff: StaffOf<A>; token: TokenOf<A>; params: P; query: Q; json: J };

/**
 * `export const GET = route({ access: "exports.run", query: z.object({...}) }, async ({ staff, query }) => Response)`.
 * Failures answer application/problem+json with a stable `code`.
 */
export function route<
  A extends Access,
  P = Record<string, string>,
  Q = undefined,
  J = undefined,
>(
  opts: {
    access: A;
    params?: z.ZodType<P>;
    query?: z.ZodType<Q>;
    json?: z.ZodType<J>;
    maxBody?: number;
    rateLimit?: RateLimit;
    /** With access "api-token": the scope the token must have (403 without it). */
    scope?: ApiScope;
  },
  handler: (ctx: RouteCtx<A, P, Q, J>) => Promise<Response>,
): (req: Request, ctx?: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> {
  return async (req, ctx) => {
    const url = new URL(req.url);
    try {
      if (UNSAFE_METHODS.has(req.method) && !mayComeFromOtherSites(url.pathname) && isCrossSite((n) => req.headers.get(n), config().appUrl))
        throw new HttpError("cross_site");
      const { staff, token } = await authenticate(opts.access, () => req.headers.get("authorization"), opts.scope);
      const rawParams = (await ctx?.params) ?? {};
      const params = opts.params ? parse(opts.params, rawParams) : (rawParams as P);
      const query = opts.query ? parse(opts.query, Object.fromEntries(url.searchParams)) : (undefined as Q);
      const json = opts.json ? parse(opts.json, await readJson(req, opts.maxBody ?? 64 * 1024)) : (undefined as J);
      // Every token has its own requests per minute, over all routes; a route may add its own limit.
      if (token) await limit({ name: "api-token", points: token.ratePerMinute, durationSec: 60 }, async () => token.id);
      await limit(opts.rateLimit, async () => (token ? `token:${token.id}` : await clientIp()));
      return await handler({ req, staff: staff as StaffOf<A>, token: token as TokenOf<A>, params, query, json });
    } catch (err) {
      unstable_rethrow(err);
      const e = toHttpError(err);
      logFailure(`${req.method} ${url.pathname}`, e, err);
      return problemResponse(e, url.pathname);
    }
  };
}

// React decodes action arguments into values that throw when looked at (temporary client references,
// proxies): parsing such a value is a malformed request, not our failure.
function safeParse<T>(schema: z.ZodType<T>, value: unknown): { success: true; data: T } | { success: false; error: z.ZodError } {
  try {
    return schema.safeParse(value) as { success: true; data: T } | { success: false; error: z.ZodError };
  } catch {
    throw new HttpError("invalid_input", "The request could not be read.");
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = safeParse(schema, value);
  if (!r.success) throw fromZodError(r.error);
  return r.data;
}

/** The body as JSON: 415 unless declared JSON, 413 over `max` bytes, 400 unless it parses. */
export async function readJson(req: Request, max: number): Promise<unknown> {
  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json"))
    throw new HttpError("unsupported_media_type", "Send JSON (Content-Type: application/json).");
  const body = await readText(req, max);
  try {
    return JSON.parse(body);
  } catch {
    throw new HttpError("invalid_input", "The body is not valid JSON.");
  }
}

/** The raw body as text (for signatures over the exact bytes): 413 over `max` bytes, read no further. */
export async function readText(req: Request, max: number): Promise<string> {
  if (Number(req.headers.get("content-length") ?? 0) > max) throw new HttpError("too_large", "The request body is too large.");
  const body = await readCapped(req.body, max);
  if (!body) throw new HttpError("too_large", "The request body is too large.");
  return body.toString("utf8");
}
