// Auth.js (next-auth v5): staff sign in by an email magic link sent through our own mailer (the dev
// mailbox by default). Only existing users get a link, and the response never says whether an address
// is known. Database sessions, so a role change or removal takes effect at once.
import NextAuth from "next-auth";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { db } from "../db/index.ts";
import { config } from "../config/index.ts";
import { sendMail } from "../mail/transport.ts";
import { magicLinkMail } from "../mail/system-mails.ts";
import type { Role } from "./permissions.ts";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null; role: Role };
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  // Links and redirects use APP_URL, not whatever Host header a request carried.
  process.env.AUTH_URL ??= `${config().appUrl}/api/auth`;
  return {
  adapter: PrismaAdapter(db as never),
  secret: config().authSecret,
  trustHost: true,
  session: { strategy: "database", maxAge: 7 * 24 * 3600 },
  pages: { signIn: "/login", verifyRequest: "/login/check-email", error: "/login" },
  providers: [
    {
      id: "email",
      type: "email",
      name: "Email",
      from: config().mailFrom,
      maxAge: 15 * 60,
      options: {},
      async sendVerificationRequest({ identifier, url }: { identifier: string; url: string }) {
        const user = await db.user.findUnique({ where: { email: identifier.toLowerCase() } });
        if (!user) return; // no enumeration: same response, no mail
        await sendMail(magicLinkMail({ to: user.email, url }));
      },
    } as never,
  ],
  callbacks: {
    async signIn({ user }) {
      if (!user?.email) return false;
      const found = await db.user.findUnique({ where: { email: user.email.toLowerCase() } });
      return !!found;
    },
    redirect({ url }) {
      const app = new URL(config().appUrl);
      if (url.startsWith("/") && !url.startsWith("//")) return `${app.origin}${url}`;
      return new URL(url).origin === app.origin ? url : `${app.origin}/admin`;
    },
    async session({ session, user }) {
      const u = user as unknown as { id: string; email: string; name: string | null; role: Role };
      session.user = { id: u.id, email: u.email, name: u.name, role: u.role } as typeof session.user;
      return session;
    },
  },
  };
});
