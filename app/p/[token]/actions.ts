"use server";
// The preferences page's POSTs. The signed link is the person's only credential (no login, no address
// asked): every action verifies it again. Each ends in a redirect, so the page works without JavaScript.
import { redirect } from "next/navigation";
import { z } from "zod";
import { verifyPreferencesToken } from "@/lib/subscribers/links";
import { withdraw } from "@/lib/subscribers/withdraw";
import { eraseSubscriber } from "@/lib/subscribers/erase-subscriber";
import { requestInfo } from "@/lib/security/request-info";

const input = z.object({
  token: z.string().max(100),
  newsletterId: z.string().max(40).optional(),
  scope: z.enum(["one", "all"]),
  lang: z.enum(["nl", "en"]).catch("nl"),
});

export async function unsubscribe(formData: FormData): Promise<void> {
  const parsed = input.safeParse({
    token: formData.get("token"), newsletterId: formData.get("newsletterId") ?? undefined, scope: formData.get("scope"), lang: formData.get("lang"),
  });
  const subscriberId = parsed.success ? verifyPreferencesToken(parsed.data.token) : null;
  if (!parsed.success || !subscriberId || (parsed.data.scope === "one" && !parsed.data.newsletterId)) redirect("/p/invalid");
  const { token, scope, newsletterId, lang } = parsed.data;
  const info = await requestInfo();
  const r = await withdraw({
    subscriberId, scope: scope === "all" ? "all" : { newsletterId: newsletterId! }, actor: "subject", via: "preferences", ip: info.ip, userAgent: info.userAgent,
  });
  const names = r.withdrawn.map((w) => w.newsletterName);
  const q = new URLSearchParams({ lang, done: names.length ? "unsubscribed" : "nothing" });
  for (const n of names) q.append("n", n);
  redirect(`/p/${encodeURIComponent(token)}?${q}`);
}

export async function eraseEverything(formData: FormData): Promise<void> {
  const token = formData.get("token");
  const lang = formData.get("lang") === "en" ? "en" : "nl";
  const subscriberId = verifyPreferencesToken(token);
  if (typeof token !== "string" || !subscriberId) redirect("/p/invalid");
  // The confirmation step's button carries this; a stray POST without it erases nothing.
  if (formData.get("confirm") !== "yes") redirect(`/p/${encodeURIComponent(token)}/erase?lang=${lang}`);
  await eraseSubscriber({ subscriberId, actor: "subject" });
  redirect(`/p/${encodeURIComponent(token)}?done=erased&lang=${lang}`);
}
