// Stores a magic-link token the way Auth.js's email provider does (sha256 of token + secret, in
// VerificationToken), so /api/auth/callback/email accepts it. Used for login links and invitations.
import type { Db, Tx } from "../db/index.ts";
import { config } from "../config/index.ts";
import { sha256 } from "../util/hash.ts";

export async function storeSignInToken(client: Db | Tx, { email, token, expires }: { email: string; token: string; expires: Date }): Promise<void> {
  await client.verificationToken.create({ data: { identifier: email, token: sha256(`${token}${config().authSecret}`), expires } });
}
