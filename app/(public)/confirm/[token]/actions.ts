"use server";
// The Confirm button's POST: the only thing that confirms a signup (a GET never does).
import { redirect } from "next/navigation";
import { z } from "zod";
import { action, fields } from "@/lib/http/boundary";
import { confirmSignup } from "@/lib/consent/confirm-signup";
import { requestInfo } from "@/lib/security/request-info";
import { TOKEN_PAGE_LIMIT } from "@/lib/security/public-limits";
import { rememberBrowser } from "@/lib/security/data-access-cookies";

export const confirm = action(
  { access: "public", rateLimit: TOKEN_PAGE_LIMIT, input: z.tuple([fields({ token: z.string().max(200) })]), invalid: (): never => redirect("/confirm/invalid") },
  async (_ctx, { token }): Promise<void> => {
    const info = await requestInfo();
    const result = await confirmSignup({ token, ip: info.ip, userAgent: info.userAgent });
    // The browser that confirmed reads this mailbox: its preferences links may reach the data (lib/security/data-access.ts).
    if (result.state === "confirmed") await rememberBrowser(result.subscriberId);
    redirect(`/confirm/${encodeURIComponent(token)}${result.state === "confirmed" ? "?done=1" : ""}`);
  },
);
