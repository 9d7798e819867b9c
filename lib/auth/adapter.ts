// The Auth.js database adapter (Prisma), shared by Auth.js itself and by our own session start after
// setup (lib/auth/start-session.ts), so both store sessions the same way.
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter } from "next-auth/adapters";
import { db } from "../db/index.ts";

export const authAdapter: Adapter = {
  ...PrismaAdapter(db as never),
  // Auth.js asks for a link for any address typed into the login form, and must do the same work for
  // each (lib/auth/auth.ts). So nothing is stored here: after the response, sendVerificationRequest
  // stores the token for staff addresses only, then mails it (lib/auth/store-sign-in-token.ts).
  async createVerificationToken(token) {
    return token;
  },
};
