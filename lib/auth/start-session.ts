// Starts a staff session without a magic link: used once, when the first admin finishes the setup
// (the setup link already proved they are at the machine; without SMTP there is no mail to click).
// The session is an ordinary Auth.js database session, created through the same adapter.
import "server-only";
import { randomToken } from "../util/hash.ts";
import { authAdapter } from "./adapter.ts";
import { sessionCookie, sessionCookieMaxAgeSec } from "./session-cookie.ts";

export async function startSession({ userId, now = new Date() }: { userId: string; now?: Date }) {
  const expires = new Date(now.getTime() + sessionCookieMaxAgeSec() * 1000);
  const sessionToken = randomToken();
  await authAdapter.createSession!({ sessionToken, userId, expires });
  const cookie = sessionCookie();
  return { name: cookie.name, value: sessionToken, options: { ...cookie.options, expires } };
}
