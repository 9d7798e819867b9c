"use server";
// Public on purpose: the signed token is the authorisation (R-UNSUB-NO-ADDRESS-PROMPT: no login, no address).
import { redirect } from "next/navigation";
import { requestInfo } from "@/lib/security/request-info";
import { unsubscribeByToken } from "@/lib/subscribers/unsubscribe-by-token";

export async function unsubscribeAction(token: string, scope: "newsletter" | "all") {
  const info = await requestInfo();
  await unsubscribeByToken({ token, scope: scope === "all" ? "all" : "newsletter", via: "unsubscribe-page", ...info });
  redirect(`/unsubscribe/${encodeURIComponent(token)}${scope === "all" ? "?all=1" : ""}`);
}
