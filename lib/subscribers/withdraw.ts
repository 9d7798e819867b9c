// Withdrawal and objection (R-WITHDRAW-ANYTIME, R-OBJECTION-ABSOLUTE, R-UNSUB-SCOPE): the subscription(s)
// end, a ledger event records it, and a suppression entry makes every later send, import and API add
// skip the person. lib/rules' decideWithdrawal says which scope and which kind each records. All in one
// transaction, effective before the response returns. Idempotent: a second call changes nothing and
// records nothing. The same path for the link, the one-click POST, the preferences page and staff
// recording a reply mail, a phone call, a letter or a visit.
import { db, type Tx } from "../db/index.ts";
import { appendEvent } from "../consent/ledger.ts";
import { suppress } from "./suppression.ts";
import { decideWithdrawal } from "../rules/index.ts";
import { rulesBasis } from "./basis.ts";
import { emitEvent } from "../webhooks/emit-event.ts";

/** How a person told us, when staff record it (O-OTHER-CHANNELS). */
export const OBJECTION_CHANNELS = ["reply-mail", "phone", "letter", "in-person"] as const;
export type ObjectionChannel = (typeof OBJECTION_CHANNELS)[number];

export type WithdrawInput = {
  subscriberId: string;
  /** One newsletter's subscription, or every subscription of the person ("all newsletters"). */
  scope: { newsletterId: string } | "all";
  actor: string; // "subject" for the person themself, "user:<id>" for an admin acting on request
  ip?: string | null;
  userAgent?: string | null;
  via: string; // one-click-header | unsubscribe-page | preferences | staff | ...
  /** A withdrawal of consent (the default) or an objection to direct marketing. */
  kind?: "withdrawal" | "objection";
  /** Staff recording what the person said elsewhere: the channel and a note, kept in the ledger event. */
  recorded?: { channel: ObjectionChannel; note: string };
  at?: Date;
  /** Where the suppression entries come from, when staff act on a message (Suppression.channel). */
  channel?: string;
  /** Run inside the caller's transaction (staff acting on an inbound message also mark it handled). */
  tx?: Tx;
};

export type WithdrawResult = { withdrawn: { subscriptionId: string; newsletterId: string; newsletterName: string }[] };

export async function withdraw(input: WithdrawInput): Promise<WithdrawResult> {
  const at = input.at ?? new Date();
  const run = async (tx: Tx): Promise<WithdrawResult> => {
    const subscriber = await tx.subscriber.findUnique({
      where: { id: input.subscriberId },
      include: { subscriptions: { include: { newsletter: { select: { name: true } } } } },
    });
    if (!subscriber) return { withdrawn: [] };
    const targets = subscriber.subscriptions.filter((s) => input.scope === "all" || s.newsletterId === input.scope.newsletterId);
    const withdrawn: WithdrawResult["withdrawn"] = [];
    const decision = decideWithdrawal({
      requested: input.scope, kind: input.kind ?? "withdrawal",
      subscriptions: targets.map((s) => ({ newsletterId: s.newsletterId, basis: rulesBasis(s.basis) })),
    });
    for (const entry of decision.suppressions) await suppress(tx, subscriber.email, entry.scope, entry.reason, at, input.channel);
    for (const [i, s] of targets.entries()) {
      if (s.status === "unsubscribed") continue;
      const d = decision.perSubscription[i];
      await tx.subscription.update({ where: { id: s.id }, data: { status: "unsubscribed", unsubscribedAt: at } });
      await appendEvent(tx, {
        type: d.eventType,
        at,
        subscriberId: subscriber.id,
        subscriptionId: s.id,
        newsletterIds: [s.newsletterId],
        actor: input.actor,
        details: { via: input.via, scope: d.scope, ...(input.recorded ? { channel: input.recorded.channel, note: input.recorded.note } : {}) },
        ip: input.ip,
        userAgent: input.userAgent,
      });
      await emitEvent(tx, { type: "subscription.withdrawn", data: { subscriberId: subscriber.id, subscriptionId: s.id, newsletterId: s.newsletterId, via: input.via }, email: subscriber.email }, at);
      withdrawn.push({ subscriptionId: s.id, newsletterId: s.newsletterId, newsletterName: s.newsletter.name });
    }
    return { withdrawn };
  };
  return input.tx ? run(input.tx) : db.$transaction(run);
}
