"use server";
// The Accept button's POST: the only thing that accepts a changed purpose (a GET never does). Public on
// purpose: the single-use token from the mail is the authorisation.
import { redirect } from "next/navigation";
import { z } from "zod";
import { action, fields } from "@/lib/http/boundary";
import { acceptRepermission } from "@/lib/repermission/accept-repermission";
import { requestInfo } from "@/lib/security/request-info";
import { TOKEN_PAGE_LIMIT } from "@/lib/security/public-limits";

export const acceptAction = action(
  { access: "public", rateLimit: TOKEN_PAGE_LIMIT, input: z.tuple([fields({ token: z.string().max(200) })]), invalid: (): never => redirect("/r/invalid") },
  async (_ctx, { token }): Promise<void> => {
    const info = await requestInfo();
    const result = await acceptRepermission({ token, ip: info.ip, userAgent: info.userAgent });
    redirect(`/r/${encodeURIComponent(token)}${result.state === "accepted" ? "?done=1" : ""}`);
  },
);
