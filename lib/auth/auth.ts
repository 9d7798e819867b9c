// Auth.js (next-auth v5): staff sign in by an email magic link sent through our own mailer (the dev
// mailbox by default, which also prints it on the console). Only existing users get a link, and the
// response never says whether an address is known: a link request for any address takes the same path
// through Auth.js, and the mail goes out after the response. Database sessions, so a role change or
// removal takes effect at once.
import "server-only";
import NextAuth from "next-auth";
import { after } from "next/server";
import { db } from "../db/index.ts";
import { config } from "../config/index.ts";
import { sendStaffMail } from "../mail/send-staff-mail.ts";
import { magicLinkMail } from "../mail/system-mails.ts";
import { authAdapter } from "./adapter.ts";
import { storeSignInToken } from "./store-sign-in-token.ts";
import { sessionCookie, sessionCookieMaxAgeSec } from "./session-cookie.ts";
import type { Role } from "./permissions.ts";
import { getLogger } from "../log/logger.ts";

const log = getLogger("auth");

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null; role: Role };
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  // Links and redirects use APP_URL, not whatever Host header a request carried.
  process.env.AUTH_URL ??= `${config().appUrl}/api/auth`;
  return {
  adapter: authAdapter,
  secret: config().authSecret,
  trustHost: true,
  // maxAge is the cookie's life (the absolute maximum); the adapter ends idle and too-old sessions.
  session: { strategy: "database", maxAge: sessionCookieMaxAgeSec() },
  cookies: { sessionToken: sessionCookie() },
  pages: { signIn: "/login", verifyRequest: "/login/check-email", error: "/login" },
  providers: [
    {
      id: "email",
      type: "email",
      name: "Email",
      from: config().mailFrom,
      maxAge: 15 * 60,
      options: {},
      async sendVerificationRequest({ identifier, url, token, expires }: { identifier: string; url: string; token: string; expires: Date }) {
        // Everything that differs between staff and strangers happens after the response, so neither its
        // duration nor a mail server's failure says who is staff. The token is stored before the mail goes.
        after(async () => {
          const user = await db.user.findUnique({ where: { email: identifier.toLowerCase() } });
          if (!user) return; // a stranger: the same answer, nothing stored, no mail
          try {
            await storeSignInToken(db, { email: identifier, token, expires });
            await sendStaffMail(magicLinkMail({ to: user.email, url }));
          } catch (err) {
            log.error({ err }, "the sign-in link could not be sent");
          }
        });
      },
    },
  ],
  callbacks: {
    async signIn({ user, email }) {
      // Asking for a link: every address gets the same answer (sendVerificationRequest mails staff only).
      if (email?.verificationRequest) return true;
      // Using a link: only staff may sign in; Auth.js never creates accounts.
      if (!user?.email) return false;
      const found = await db.user.findUnique({ where: { email: user.email.toLowerCase() } });
      return !!found;
    },
    redirect({ url }) {
      const app = new URL(config().appUrl);
      if (url.startsWith("/") && !url.startsWith("//")) return `${app.origin}${url}`;
      return new URL(url).origin === app.origin ? url : `${app.origin}/admin`;
    },
    // Auth.js hands in the whole database session (token included) and answers /api/auth/session with
    // what this returns: only who is signed in and until when, never the token.
    async session({ session, user }) {
      const u = user as unknown as { id: string; email: string; name: string | null; role: Role };
      return { user: { id: u.id, email: u.email, name: u.name, role: u.role }, expires: session.expires };
    },
  },
  };
});
