"use server";
// Public on purpose: the signed token is the authorisation (R-UNSUB-NO-ADDRESS-PROMPT: no login, no address).
import { redirect } from "next/navigation";
import { z } from "zod";
import { action } from "@/lib/http/boundary";
import { requestInfo } from "@/lib/security/request-info";
import { unsubscribeByToken } from "@/lib/subscribers/unsubscribe-by-token";
import { TOKEN_PAGE_LIMIT } from "@/lib/security/public-limits";

export const unsubscribeAction = action(
  { access: "public", rateLimit: TOKEN_PAGE_LIMIT, input: z.tuple([z.string().max(200), z.enum(["newsletter", "all"])]).rest(z.unknown()) },
  async (_ctx, token, scope) => {
    const info = await requestInfo();
    await unsubscribeByToken({ token, scope, via: "unsubscribe-page", ...info });
    redirect(`/unsubscribe/${encodeURIComponent(token)}${scope === "all" ? "?all=1" : ""}`);
  },
);
