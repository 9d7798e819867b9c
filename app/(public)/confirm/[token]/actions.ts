"use server";
// The Confirm button's POST: the only thing that confirms a signup (a GET never does).
import { redirect } from "next/navigation";
import { confirmSignup } from "@/lib/consent/confirm-signup";
import { requestInfo } from "@/lib/security/request-info";

export async function confirm(formData: FormData): Promise<void> {
  const token = formData.get("token");
  if (typeof token !== "string" || token.length > 200) redirect("/confirm/invalid");
  const info = await requestInfo();
  const result = await confirmSignup({ token, ip: info.ip, userAgent: info.userAgent });
  redirect(`/confirm/${encodeURIComponent(token)}${result.state === "confirmed" ? "?done=1" : ""}`);
}
