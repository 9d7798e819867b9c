// A thin layer over withdraw() for the List-Unsubscribe URL and the footer link: the signed token names
// the subscription (never the address). A forged or stale token is "not valid", never an error page.
import { db } from "../db/index.ts";
import { verifyUnsubscribeToken } from "./links.ts";
import { withdraw } from "./withdraw.ts";
import { textIn, TEXTS } from "../newsletters/newsletter-texts.ts";

export type UnsubscribeTarget = {
  subscriptionId: string;
  subscriberId: string;
  newsletterId: string;
  newsletterName: string;
  lang: "nl" | "en";
  orgName: string;
  unsubscribed: boolean;
  /** every subscription of this person has ended */
  allUnsubscribed: boolean;
};

export async function findUnsubscribeTarget(token: unknown): Promise<UnsubscribeTarget | null> {
  const subscriptionId = verifyUnsubscribeToken(token);
  if (!subscriptionId) return null;
  const sub = await db.subscription.findUnique({
    where: { id: subscriptionId },
    include: {
      newsletter: { select: { name: true, description: true, fromName: true, footer: true, language: true, texts: TEXTS } },
      formVersion: { select: { language: true } },
      subscriber: { select: { subscriptions: { select: { status: true } } } },
    },
  });
  if (!sub) return null;
  const org = await db.organisation.findUnique({ where: { id: 1 }, select: { name: true } });
  // in the language they signed up in, with the newsletter's name in it
  const language = sub.formVersion?.language ?? sub.newsletter.language;
  return {
    subscriptionId: sub.id,
    subscriberId: sub.subscriberId,
    newsletterId: sub.newsletterId,
    newsletterName: textIn(sub.newsletter, language, "name"),
    lang: language === "en" ? "en" : "nl",
    orgName: org?.name ?? "",
    unsubscribed: sub.status === "unsubscribed",
    allUnsubscribed: sub.subscriber.subscriptions.every((s) => s.status === "unsubscribed"),
  };
}

/** Withdraws (idempotently) this newsletter, or every newsletter of the organisation. null = token not valid. */
export async function unsubscribeByToken(opts: {
  token: unknown; scope: "newsletter" | "all"; via: "one-click-header" | "unsubscribe-page"; ip?: string | null; userAgent?: string | null;
}): Promise<UnsubscribeTarget | null> {
  const target = await findUnsubscribeTarget(opts.token);
  if (!target) return null;
  await withdraw({
    subscriberId: target.subscriberId,
    scope: opts.scope === "all" ? "all" : { newsletterId: target.newsletterId },
    actor: "subject",
    via: opts.via,
    ip: opts.ip,
    userAgent: opts.userAgent,
  });
  return findUnsubscribeTarget(opts.token);
}
