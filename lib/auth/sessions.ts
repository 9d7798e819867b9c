// Staff sessions as a whole: sign a person out everywhere, and delete sessions that have ended.
import type { Db, Tx } from "../db/index.ts";
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { sessionLifetime } from "./session-lifetime.ts";

/** Ends every session of `userId` (every browser and device), audited; returns how many ended. */
export async function signOutEverywhere({ userId, actor }: { userId: string; actor: Exclude<AuditActor, string> }): Promise<number> {
  return db.$transaction(async (tx: Tx) => {
    const { count } = await tx.session.deleteMany({ where: { userId } });
    await audit(tx, actor, actor.id === userId ? "sessions.revoke-own" : "sessions.revoke", userId, { sessions: count });
    return count;
  });
}

/**
 * Deletes the sessions that have ended (idle past their deadline, or older than SESSION_MAX_DAYS);
 * returns how many. Meant for the worker's housekeeping schedule; safe to run at any time.
 */
export async function pruneSessions({ now = new Date(), client = db }: { now?: Date; client?: Db } = {}): Promise<number> {
  const { count } = await client.session.deleteMany({
    where: { OR: [{ expires: { lte: now } }, { createdAt: { lte: new Date(now.getTime() - sessionLifetime().maxMs) } }] },
  });
  return count;
}
