// Staff members for the users page (a handful of rows; no pagination needed), with how many live
// sessions each has (for "sign out everywhere").
import { db } from "../db/index.ts";
import { sessionLifetime } from "../auth/session-lifetime.ts";

export async function listUsers(now = new Date()) {
  const users = await db.user.findMany({ orderBy: [{ role: "asc" }, { email: "asc" }], select: { id: true, email: true, name: true, role: true, createdAt: true, emailVerified: true } });
  const live = await db.session.groupBy({
    by: ["userId"],
    where: { expires: { gt: now }, createdAt: { gt: new Date(now.getTime() - sessionLifetime().maxMs) } },
    _count: { _all: true },
  });
  const count = new Map(live.map((g) => [g.userId, g._count._all]));
  return users.map((u) => ({ ...u, sessions: count.get(u.id) ?? 0 }));
}
