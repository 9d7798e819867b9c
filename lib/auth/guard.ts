// The signed-in staff member, and the guard of protected pages and layouts: a redirect to /login or a 403.
// Server actions and route handlers go through lib/http/boundary.ts, which uses currentStaff.
import "server-only";
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
