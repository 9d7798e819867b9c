// Withdrawal and objection (R-WITHDRAW-ANYTIME, R-OBJECTION-ABSOLUTE, R-UNSUB-SCOPE): the subscription(s)
// end, a ledger event records it, and a suppression entry makes every later send, import and API add
// skip the person. All in one transaction, effective before the response returns. Idempotent: a second
// call changes nothing and records nothing.
import { db } from "../db/index.ts";
import { appendEvent } from "../consent/ledger.ts";
import { suppress } from "./suppression.ts";

export type WithdrawInput = {
  subscriberId: string;
  /** One newsletter's subscription, or every subscription of the person ("all newsletters"). */
  scope: { newsletterId: string } | "all";
  actor: string; // "subject" for the person themself, "user:<id>" for an admin acting on request
  ip?: string | null;
  userAgent?: string | null;
  via: string; // one-click-header | unsubscribe-page | preferences | admin | ...
  at?: Date;
};

export type WithdrawResult = { withdrawn: { subscriptionId: string; newsletterId: string; newsletterName: string }[] };

export async function withdraw(input: WithdrawInput): Promise<WithdrawResult> {
  const at = input.at ?? new Date();
  return db.$transaction(async (tx) => {
    const subscriber = await tx.subscriber.findUnique({
      where: { id: input.subscriberId },
      include: { subscriptions: { include: { newsletter: { select: { name: true } } } } },
    });
    if (!subscriber) return { withdrawn: [] };
    const targets = subscriber.subscriptions.filter((s) => input.scope === "all" || s.newsletterId === input.scope.newsletterId);
    const withdrawn: WithdrawResult["withdrawn"] = [];
    for (const s of targets) {
      // A message sent on the customer basis is an objection to all direct marketing (R-UNSUB-SCOPE).
      const objection = s.basis === "existing_customer";
      const scope = input.scope === "all" || objection ? "all" : s.newsletterId;
      await suppress(tx, subscriber.email, scope, objection ? "objection" : "withdrawal", at);
      if (s.status === "unsubscribed") continue;
      await tx.subscription.update({ where: { id: s.id }, data: { status: "unsubscribed", unsubscribedAt: at } });
      await appendEvent(tx, {
        type: objection ? "objection" : "withdraw",
        at,
        subscriberId: subscriber.id,
        subscriptionId: s.id,
        newsletterIds: [s.newsletterId],
        actor: input.actor,
        details: { via: input.via, scope },
        ip: input.ip,
        userAgent: input.userAgent,
      });
      withdrawn.push({ subscriptionId: s.id, newsletterId: s.newsletterId, newsletterName: s.newsletter.name });
    }
    if (input.scope === "all") await suppress(tx, subscriber.email, "all", "withdrawal", at);
    return { withdrawn };
  });
}
