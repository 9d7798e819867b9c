import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { route, HttpError } from "@/lib/http/boundary";

// Auth.js's own endpoints (the magic-link callback, session, sign-out), behind the boundary for its
// cross-site check and error mapping; Auth.js checks its own CSRF token on POSTs.
export const GET = route({ access: "public" }, async ({ req }) => handlers.GET(req as NextRequest));

// Sign-in links are asked for through /login only (app/login/actions.ts: its rate limits and its one
// answer for every address); Auth.js's own sign-in endpoint would skip both.
export const POST = route({ access: "public" }, async ({ req }) => {
  if (new URL(req.url).pathname.startsWith("/api/auth/signin")) throw new HttpError("not_found");
  return handlers.POST(req as NextRequest);
});
