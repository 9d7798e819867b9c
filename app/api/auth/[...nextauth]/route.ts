import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";

export const { GET } = handlers;

// Sign-in links are asked for through /login only (app/login/actions.ts: its rate limits and its one
// answer for every address); Auth.js's own sign-in endpoint would skip both.
export async function POST(req: NextRequest): Promise<Response> {
  if (new URL(req.url).pathname.startsWith("/api/auth/signin")) return new Response("Not found", { status: 404 });
  return handlers.POST(req);
}
