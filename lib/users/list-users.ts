// Staff members for the users page (a handful of rows; no pagination needed).
import { db } from "../db/index.ts";

export async function listUsers() {
  return db.user.findMany({ orderBy: [{ role: "asc" }, { email: "asc" }], select: { id: true, email: true, name: true, role: true, createdAt: true, emailVerified: true } });
}
