// The Accept button's POST on /r/[token]: in one transaction the token is used up (single use even under
// concurrent requests), the subscription now points at the purpose version the mail and page showed, and
// the ledger records `repermission` (from/to purpose version, time, IP, user agent). Someone who has left
// in the meantime is not re-subscribed by this: only a new signup does that.
import { db } from "../db/index.ts";
import { appendEvent } from "../consent/ledger.ts";
import { consumeToken } from "../security/tokens.ts";
import { readRepermissionToken } from "./read-repermission-token.ts";

export type AcceptRepermissionResult = { state: "accepted" | "used" | "expired" | "unknown" };

export async function acceptRepermission({ token, ip, userAgent, now = new Date() }: { token: string; ip: string; userAgent: string; now?: Date }): Promise<AcceptRepermissionResult> {
  return db.$transaction(async (tx) => {
    const found = await consumeToken(tx, "repermission", token, now);
    if (found.state !== "valid") return { state: found.state };
    const data = readRepermissionToken(found.data);
    if (!data || !found.subjectId) return { state: "unknown" as const };
    const target = await tx.purposeVersion.findFirst({ where: { id: data.toPurposeVersionId, newsletterId: data.newsletterId }, select: { id: true } });
    const { count } = target
      ? await tx.subscription.updateMany({
          where: { id: data.subscriptionId, subscriberId: found.subjectId, newsletterId: data.newsletterId, status: "confirmed" },
          data: { purposeVersionId: target.id, purposeAgreedAt: now },
        })
      : { count: 0 };
    // Unsubscribed, erased or the newsletter's purpose gone: nothing to accept any more.
    if (count !== 1) return { state: "expired" as const };
    await appendEvent(tx, {
      type: "repermission", at: now, subscriberId: found.subjectId, subscriptionId: data.subscriptionId, newsletterIds: [data.newsletterId],
      actor: "subject", ip, userAgent,
      details: { via: "repermission-page", fromPurposeVersionId: data.fromPurposeVersionId, toPurposeVersionId: data.toPurposeVersionId },
    });
    return { state: "accepted" as const };
  });
}
