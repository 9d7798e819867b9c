// The Auth.js database adapter (Prisma), shared by Auth.js itself and by our own session start after
// setup (lib/auth/start-session.ts), so both store sessions the same way.
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter } from "next-auth/adapters";
import { db } from "../db/index.ts";

const prisma = PrismaAdapter(db as never);

export const authAdapter: Adapter = {
  ...prisma,
  // Auth.js asks for a link for any address typed into the login form (so the answer is the same for
  // strangers, lib/auth/auth.ts); only staff addresses are stored with their token.
  async createVerificationToken(token) {
    const staff = await db.user.findUnique({ where: { email: token.identifier.toLowerCase() }, select: { id: true } });
    return staff ? prisma.createVerificationToken!(token) : token;
  },
};
