// The one wrapper every protected page, server action and route handler goes through: it checks the
// session and the permission for the role, and writes nothing else. Pages get a redirect to /login or a
// 403; actions and route handlers get a typed error or a 401/403 JSON response.
import { redirect, forbidden } from "next/navigation";
import { auth } from "./auth.ts";
import { can, type Permission, type Role } from "./permissions.ts";

export type Staff = { id: string; email: string; name?: string | null; role: Role };

export async function currentStaff(): Promise<Staff | null> {
  const session = await auth();
  return (session?.user as Staff | undefined) ?? null;
}

/** For pages and layouts: signed in with this permission, or redirect to /login, or 403. */
export async function requirePage(permission: Permission | null): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect("/login");
  if (permission && !can(staff.role, permission)) forbidden();
  return staff;
}

export class AccessError extends Error {
  constructor(readonly status: 401 | 403) {
    super(status === 401 ? "Sign in first." : "You do not have permission to do this.");
  }
}

/** Wraps a server action: `export const publish = protectedAction("forms.manage", async (staff, formData) => ...)` */
export function protectedAction<A extends unknown[], R>(permission: Permission, fn: (staff: Staff, ...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    const staff = await currentStaff();
    if (!staff) throw new AccessError(401);
    if (!can(staff.role, permission)) throw new AccessError(403);
    return fn(staff, ...args);
  };
}

/** Wraps a route handler; answers 401/403 as JSON. */
export function protectedRoute<C>(permission: Permission, fn: (req: Request, staff: Staff, ctx: C) => Promise<Response>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    const staff = await currentStaff();
    if (!staff) return Response.json({ error: "Sign in first." }, { status: 401 });
    if (!can(staff.role, permission)) return Response.json({ error: "You do not have permission to do this." }, { status: 403 });
    return fn(req, staff, ctx);
  };
}
