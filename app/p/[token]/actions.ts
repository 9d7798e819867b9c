"use server";
// The preferences page's POSTs. The signed link is the person's only credential (no login, no address
// asked): every action verifies it again. Each ends in a redirect, so the page works without JavaScript.
// A post that does not fit the form (a stray or hostile one) goes to the invalid-link page.
import { redirect } from "next/navigation";
import { z } from "zod";
import { action, fields } from "@/lib/http/boundary";
import { preferencesToken, readPreferencesToken, verifyPreferencesToken } from "@/lib/subscribers/links";
import { withdraw } from "@/lib/subscribers/withdraw";
import { eraseSubscriber } from "@/lib/subscribers/erase-subscriber";
import { requestInfo } from "@/lib/security/request-info";
import { TOKEN_PAGE_LIMIT } from "@/lib/security/public-limits";
import { dataAccessFor, grantDataAccess } from "@/lib/security/data-access-cookies";
import { openDataAccessLink, sendDataAccessLink } from "@/lib/subscribers/data-access-link";

const lang = z.enum(["nl", "en"]).catch("nl");
const toInvalid = (): never => redirect("/p/invalid");

const unsubscribeFields = fields({
  token: z.string().max(100),
  newsletterId: z.string().max(40).optional(),
  scope: z.enum(["one", "all"]),
  lang,
});

export const unsubscribe = action(
  { access: "public", rateLimit: TOKEN_PAGE_LIMIT, input: z.tuple([unsubscribeFields]), invalid: toInvalid },
  async (_ctx, { token, scope, newsletterId, lang }): Promise<void> => {
    const subscriberId = verifyPreferencesToken(token);
    if (!subscriberId || (scope === "one" && !newsletterId)) redirect("/p/invalid");
    const info = await requestInfo();
    const r = await withdraw({
      subscriberId, scope: scope === "all" ? "all" : { newsletterId: newsletterId! }, actor: "subject", via: "preferences", ip: info.ip, userAgent: info.userAgent,
    });
    const names = r.withdrawn.map((w) => w.newsletterName);
    const q = new URLSearchParams({ lang, done: names.length ? "unsubscribed" : "nothing" });
    for (const n of names) q.append("n", n);
    redirect(`/p/${encodeURIComponent(token)}?${q}`);
  },
);

const eraseFields = fields({ token: z.string().max(100), lang, confirm: z.string().max(10).optional() });

export const eraseEverything = action(
  { access: "public", rateLimit: TOKEN_PAGE_LIMIT, input: z.tuple([eraseFields]), invalid: toInvalid },
  async (_ctx, { token, lang, confirm }): Promise<void> => {
    const link = readPreferencesToken(token);
    if (!link) redirect("/p/invalid");
    const { subscriberId } = link;
    // A forwarded or old link erases nothing: the person first opens a fresh link from their mailbox.
    if (!(await dataAccessFor(link)).allowed) redirect(`/p/${encodeURIComponent(token)}?lang=${lang}&access=needed#data`);
    // The confirmation step's button carries this; a stray POST without it erases nothing.
    if (confirm !== "yes") redirect(`/p/${encodeURIComponent(token)}/erase?lang=${lang}`);
    await eraseSubscriber({ subscriberId, actor: "subject" });
    redirect(`/p/${encodeURIComponent(token)}?done=erased&lang=${lang}`);
  },
);

const tokenFields = fields({ token: z.string().max(100), lang });

/** Step-up: mails a fresh access link to the subscriber's own address (never to one typed here). */
export const requestDataLink = action(
  { access: "public", rateLimit: TOKEN_PAGE_LIMIT, input: z.tuple([tokenFields]), invalid: toInvalid },
  async (_ctx, { token, lang }): Promise<void> => {
    const subscriberId = verifyPreferencesToken(token);
    if (!subscriberId) redirect("/p/invalid");
    const r = await sendDataAccessLink({ subscriberId, lang });
    const note = { sent: "sent", rate_limited: "limited", mail_failed: "failed", gone: "" }[r];
    redirect(`/p/${encodeURIComponent(token)}?lang=${lang}${note ? `&access=${note}` : ""}#data`);
  },
);

const accessFields = fields({ token: z.string().max(200), lang });

/** The fresh link's button: uses the link up and lets this browser reach the data for 30 minutes. */
export const openDataAccess = action(
  { access: "public", rateLimit: TOKEN_PAGE_LIMIT, input: z.tuple([accessFields]), invalid: toInvalid },
  async (_ctx, { token, lang }): Promise<void> => {
    const r = await openDataAccessLink(token);
    if (r.state !== "valid") redirect(`/p/access/${encodeURIComponent(token)}?lang=${lang}`);
    await grantDataAccess(r.subscriberId);
    redirect(`/p/${preferencesToken(r.subscriberId)}?lang=${lang}#data`);
  },
);
