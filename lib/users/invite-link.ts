// A magic sign-in link for an invited staff member, valid longer than the 15-minute login links.
// It is an ordinary Auth.js email-provider verification token (Auth.js stores sha256(token + secret)
// and accepts it at /api/auth/callback/email), so signing in through it goes through Auth.js itself.
import type { Db, Tx } from "../db/index.ts";
import { config } from "../config/index.ts";
import { randomToken } from "../util/hash.ts";
import { storeSignInToken } from "../auth/store-sign-in-token.ts";

export const INVITE_TTL_MS = 72 * 3600_000;

export async function createInviteLink(client: Db | Tx, { email, now = new Date() }: { email: string; now?: Date }): Promise<string> {
  const token = randomToken();
  await storeSignInToken(client, { email, token, expires: new Date(now.getTime() + INVITE_TTL_MS) });
  const app = config().appUrl;
  const q = new URLSearchParams({ callbackUrl: `${app}/admin`, token, email });
  return `${app}/api/auth/callback/email?${q}`;
}
