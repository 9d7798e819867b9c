// The double opt-in mail goes through the send gate like every other message (R-DOUBLE-OPT-IN, E0): the
// facts are those of the person's pending signup (as the send worker derives them), with the message kind
// confirmation-request and no promotion. lib/rules allows it (ALLOW_CONFIRMATION_REQUEST) also after an
// earlier withdrawal or objection, which R-UNSUBSCRIBED-STAYS permits for a signup the person started;
// anything that is no longer a pending consent signup gets the gate's own denial.
import { db } from "../db/index.ts";
import { decideSend, type Decision } from "../rules/index.ts";
import { loadRecipients } from "../sending/load-recipients.ts";
import { loadOrganisation } from "../sending/prepare-message.ts";
import { recipientFacts } from "../sending/recipient-facts.ts";

/** decision null: the signup is gone (purged or erased meanwhile), so there is nothing to confirm. */
export type ConfirmationRequestDecision = { newsletterId: string; decision: Decision | null };

export async function decideConfirmationRequest(opts: { subscriberId: string; newsletterIds: string[]; now: Date }): Promise<ConfirmationRequestDecision[]> {
  const [subs, org, newsletters] = await Promise.all([
    db.subscription.findMany({ where: { subscriberId: opts.subscriberId, newsletterId: { in: opts.newsletterIds } }, select: { id: true, newsletterId: true } }),
    loadOrganisation(),
    db.newsletter.findMany({ where: { id: { in: opts.newsletterIds } }, select: { id: true, categories: true, similarMap: true } }),
  ]);
  const rows = await loadRecipients(db, subs.map((s) => s.id));
  return opts.newsletterIds.map((newsletterId) => {
    const sub = subs.find((s) => s.newsletterId === newsletterId);
    const r = sub && rows.get(sub.id);
    const newsletter = newsletters.find((n) => n.id === newsletterId);
    if (!r || !newsletter) return { newsletterId, decision: null };
    const facts = recipientFacts({
      now: opts.now, org, newsletter, issue: { categories: [], thirdPartyPromotion: false, basis: "consent" }, rows: r,
      // The DOI mail carries no unsubscribe link or List-Unsubscribe (there is nothing to leave yet).
      message: { unsubscribeLink: false, listUnsubscribeHeaders: false, senderIdentity: true },
    });
    return { newsletterId, decision: decideSend({ ...facts, message: { ...facts.message, kind: "confirmation-request", marketingContent: false } }) };
  });
}
