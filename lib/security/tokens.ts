// Single-use tokens (double opt-in, first-admin setup, invitations): 256 random bits, only their
// sha256 stored, an expiry, and consumption that succeeds once even under concurrent requests.
import type { Db, Prisma, Tx } from "../db/index.ts";
import { randomToken, sha256 } from "../util/hash.ts";

export type TokenPurpose = "optin" | "setup" | "repermission" | "data-access";

export async function issueToken(
  client: Db | Tx,
  opts: { purpose: TokenPurpose; subjectId?: string | null; data?: Prisma.InputJsonObject; ttlMs: number; now?: Date },
): Promise<{ token: string; id: string; expiresAt: Date }> {
  const now = opts.now ?? new Date();
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + opts.ttlMs);
  const row = await client.token.create({
    data: {
      purpose: opts.purpose,
      tokenHash: sha256(token),
      subjectId: opts.subjectId ?? null,
      data: opts.data ?? undefined,
      expiresAt,
      lastSentAt: now,
      createdAt: now,
    },
  });
  return { token, id: row.id, expiresAt };
}

export type TokenLookup =
  | { state: "valid"; id: string; subjectId: string | null; data: unknown; expiresAt: Date }
  | { state: "expired"; id: string; subjectId: string | null; data: unknown }
  | { state: "used"; id: string; subjectId: string | null; data: unknown }
  | { state: "unknown" };

/** Looks a token up without consuming it (for a GET that only shows a button). */
export async function findToken(client: Db | Tx, purpose: TokenPurpose, token: string, now = new Date()): Promise<TokenLookup> {
  if (typeof token !== "string" || token.length < 20 || token.length > 200) return { state: "unknown" };
  const row = await client.token.findUnique({ where: { tokenHash: sha256(token) } });
  if (!row || row.purpose !== purpose) return { state: "unknown" };
  const base = { id: row.id, subjectId: row.subjectId, data: row.data };
  if (row.usedAt) return { state: "used", ...base };
  if (row.expiresAt <= now) return { state: "expired", ...base };
  return { state: "valid", ...base, expiresAt: row.expiresAt };
}

/**
 * Consumes a token: the conditional update makes it single-use even when two requests race.
 * Returns the lookup as it was before consumption; only `valid` means this call consumed it.
 */
export async function consumeToken(client: Db | Tx, purpose: TokenPurpose, token: string, now = new Date()): Promise<TokenLookup> {
  const found = await findToken(client, purpose, token, now);
  if (found.state !== "valid") return found;
  const { count } = await client.token.updateMany({ where: { id: found.id, usedAt: null }, data: { usedAt: now } });
  return count === 1 ? found : { state: "used", id: found.id, subjectId: found.subjectId, data: found.data };
}
