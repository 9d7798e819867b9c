// The Auth.js database adapter (Prisma), shared by Auth.js itself and by our own session start after
// setup (lib/auth/start-session.ts), so both store sessions the same way.
//
// Sessions are ours, not @auth/prisma-adapter's: the cookie keeps the random token, the database only its
// SHA-256 (a leaked database or backup signs nobody in), and a session ends when idle or too old
// (lib/auth/session-lifetime.ts) whatever Auth.js's own sliding expiry says.
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter, AdapterSession } from "next-auth/adapters";
import { db } from "../db/index.ts";
import { sha256 } from "../util/hash.ts";
import { IDLE_REFRESH_SLACK_MS, nextIdleDeadline, sessionEnd } from "./session-lifetime.ts";

export const hashSessionToken = (token: string) => sha256(token);

type Row = { tokenHash: string; userId: string; expires: Date; createdAt: Date };
// Auth.js gets back the token it handed in, never the hash; `expires` is the real end.
const toAdapterSession = (row: Row, sessionToken: string): AdapterSession => ({ sessionToken, userId: row.userId, expires: sessionEnd(row) });

export const authAdapter: Adapter = {
  ...PrismaAdapter(db),
  // Auth.js asks for a link for any address typed into the login form, and must do the same work for
  // each (lib/auth/auth.ts). So nothing is stored here: after the response, sendVerificationRequest
  // stores the token for staff addresses only, then mails it (lib/auth/store-sign-in-token.ts).
  async createVerificationToken(token) {
    return token;
  },

  async createSession({ sessionToken, userId }) {
    const now = new Date();
    const row = await db.session.create({ data: { tokenHash: hashSessionToken(sessionToken), userId, createdAt: now, expires: nextIdleDeadline(now, now) } });
    return toAdapterSession(row, sessionToken);
  },

  async getSessionAndUser(sessionToken) {
    const row = await db.session.findUnique({ where: { tokenHash: hashSessionToken(sessionToken) }, include: { user: true } });
    if (!row) return null;
    const { user, ...session } = row;
    // An ended session comes back with its past end: Auth.js then deletes it and treats the request as signed out.
    return { user, session: toAdapterSession(session, sessionToken) };
  },

  // Auth.js calls this on use, with its own sliding expiry; we move the idle deadline instead, capped by
  // the absolute end, and skip the write while the deadline is still fresh.
  async updateSession({ sessionToken }) {
    const tokenHash = hashSessionToken(sessionToken);
    const row = await db.session.findUnique({ where: { tokenHash } });
    if (!row) return null;
    const now = new Date();
    if (sessionEnd(row) <= now) return toAdapterSession(row, sessionToken);
    const expires = nextIdleDeadline(row.createdAt, now);
    if (expires.getTime() - row.expires.getTime() < IDLE_REFRESH_SLACK_MS) return toAdapterSession(row, sessionToken);
    const { count } = await db.session.updateMany({ where: { tokenHash }, data: { expires } });
    return count ? toAdapterSession({ ...row, expires }, sessionToken) : null;
  },

  // deleteMany: after "sign out everywhere" the row may be gone already.
  async deleteSession(sessionToken) {
    await db.session.deleteMany({ where: { tokenHash: hashSessionToken(sessionToken) } });
  },
};
