// The first admin: while no admin exists, start-up prints a one-time setup link (24 h). Opening it lets
// one person create the first admin account, who is then signed in at once (app/setup/[token]/actions.ts);
// the token is single-use and stored hashed.
import "server-only";
import { db } from "../db/index.ts";
import { config } from "../config/index.ts";
import { consumeToken, findToken, issueToken } from "../security/tokens.ts";
import { normaliseEmail } from "../subscribers/normalise-email.ts";
import { audit } from "../audit/log.ts";

const SETUP_TTL_MS = 24 * 3600_000;

export async function hasAdmin() {
  return (await db.user.count({ where: { role: "admin" } })) > 0;
}

/** Returns a fresh setup URL when no admin exists yet, else null. */
export async function createSetupLinkIfNeeded(): Promise<string | null> {
  if (await hasAdmin()) return null;
  const { token } = await issueToken(db, { purpose: "setup", ttlMs: SETUP_TTL_MS });
  return `${config().appUrl}/setup/${token}`;
}

export async function setupTokenState(token: string) {
  if (await hasAdmin()) return "done" as const;
  return (await findToken(db, "setup", token)).state;
}

export type SetupResult = { ok: true; userId: string; email: string } | { ok: false; error: string };

export async function completeSetup(token: string, input: { email: unknown; name: unknown }): Promise<SetupResult> {
  const email = normaliseEmail(input.email);
  if (!email.ok) return { ok: false, error: email.error };
  const name = typeof input.name === "string" ? input.name.trim().slice(0, 200) : "";
  if (/[\r\n]/.test(name)) return { ok: false, error: "The name may not contain line breaks." };
  return db.$transaction(async (tx) => {
    if ((await tx.user.count({ where: { role: "admin" } })) > 0) return { ok: false, error: "Setup is already complete. Sign in instead." };
    const used = await consumeToken(tx, "setup", token);
    if (used.state !== "valid") return { ok: false, error: "This setup link is no longer valid. Restart Proofmail to get a new one." };
    const user = await tx.user.create({ data: { email: email.email, name: name || null, role: "admin", emailVerified: new Date() } });
    await audit(tx, { id: user.id, email: user.email }, "user.setup", user.id, { role: "admin" });
    return { ok: true as const, userId: user.id, email: user.email };
  });
}
