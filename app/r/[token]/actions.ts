"use server";
// The Accept button's POST: the only thing that accepts a changed purpose (a GET never does). Public on
// purpose: the single-use token from the mail is the authorisation.
import { redirect } from "next/navigation";
import { acceptRepermission } from "@/lib/repermission/accept-repermission";
import { requestInfo } from "@/lib/security/request-info";

export async function acceptAction(formData: FormData): Promise<void> {
  const token = formData.get("token");
  if (typeof token !== "string" || token.length > 200) redirect("/r/invalid");
  const info = await requestInfo();
  const result = await acceptRepermission({ token, ip: info.ip, userAgent: info.userAgent });
  redirect(`/r/${encodeURIComponent(token)}${result.state === "accepted" ? "?done=1" : ""}`);
}
