// How long a staff session lives: it ends after SESSION_IDLE_HOURS without a request, and at the latest
// SESSION_MAX_DAYS after sign-in, however busy. Pure, so the adapter and the tests share the arithmetic.
import { config } from "../config/index.ts";

export type SessionLifetime = { idleMs: number; maxMs: number };

/** Moving the idle deadline costs a write; within this much of a fresh deadline it is left alone. */
export const IDLE_REFRESH_SLACK_MS = 5 * 60_000;

export function sessionLifetime(c = config()): SessionLifetime {
  return { idleMs: c.sessionIdleHours * 3600_000, maxMs: c.sessionMaxDays * 24 * 3600_000 };
}

/** The moment the session ends: its idle deadline or its absolute end, whichever comes first. */
export function sessionEnd(s: { expires: Date; createdAt: Date }, l: SessionLifetime = sessionLifetime()): Date {
  return new Date(Math.min(s.expires.getTime(), s.createdAt.getTime() + l.maxMs));
}

/** The idle deadline after a request at `now`, never past the absolute end. */
export function nextIdleDeadline(createdAt: Date, now: Date, l: SessionLifetime = sessionLifetime()): Date {
  return new Date(Math.min(now.getTime() + l.idleMs, createdAt.getTime() + l.maxMs));
}
