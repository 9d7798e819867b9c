// Tokens for the shop API (existing-customer purchases) and /api/v1 (lib/api/README.md), each with its
// scopes and its requests per minute. Shown once at creation; only sha256 is stored.
import { db } from "../db/index.ts";
import { API_SCOPES, formatScopes, parseScopes, type ApiScope } from "../api/scopes.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { randomToken, sha256 } from "../util/hash.ts";

export type ApiTokenAuth = { id: string; name: string; scopes: ApiScope[]; ratePerMinute: number };

export const MAX_RATE_PER_MINUTE = 6000;

/** `scopes` defaults to the shop's one (recording purchases); `ratePerMinute` to 600. */
export async function createApiToken({ actor, name, scopes = ["write-subscribers"], ratePerMinute = 600 }: {
  actor: AuditActor; name: unknown; scopes?: readonly string[]; ratePerMinute?: number;
}): Promise<{ ok: true; token: string; id: string } | { ok: false; error: string }> {
  const n = typeof name === "string" ? name.trim() : "";
  if (!n || n.length > 100 || /[\u0000-\u001f\u007f]/.test(n)) return { ok: false, error: "Give the token a name (up to 100 characters), e.g. the shop it is for." };
  const scope = formatScopes(scopes);
  if (!scope || scopes.some((s) => !(API_SCOPES as readonly string[]).includes(s))) return { ok: false, error: `Choose at least one scope (${API_SCOPES.join(", ")}).` };
  if (!Number.isInteger(ratePerMinute) || ratePerMinute < 1 || ratePerMinute > MAX_RATE_PER_MINUTE) return { ok: false, error: `Requests per minute: a whole number from 1 to ${MAX_RATE_PER_MINUTE}.` };
  const token = `pm_${randomToken()}`;
  const row = await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({ data: { name: n, tokenHash: sha256(token), scopes: scope, ratePerMinute, createdById: typeof actor === "object" ? (actor.id ?? null) : null } });
    await audit(tx, actor, "api_token.create", row.id, { name: n, scopes: scope, ratePerMinute });
    return row;
  });
  return { ok: true, token, id: row.id };
}

export async function revokeApiToken({ actor, id }: { actor: AuditActor; id: string }) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count) await audit(tx, actor, "api_token.revoke", id);
  });
}

export async function listApiTokens() {
  return db.apiToken.findMany({ orderBy: { createdAt: "desc" }, select: { id: true, name: true, scopes: true, ratePerMinute: true, createdAt: true, lastUsedAt: true, revokedAt: true } });
}

/** The token row for an `Authorization: Bearer <token>` header, or null (missing, unknown or revoked). */
export async function verifyApiToken(authorization: string | null): Promise<ApiTokenAuth | null> {
  const m = /^Bearer\s+(\S{20,200})$/i.exec(authorization ?? "");
  if (!m) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: sha256(m[1]) } });
  if (!row || row.revokedAt) return null;
  await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { id: row.id, name: row.name, scopes: parseScopes(row.scopes), ratePerMinute: row.ratePerMinute };
}
