// The pre-send report: how many recipients the issue will go to and how many are excluded, by reason
// code. Counts only, never addresses. The candidates are every subscription to the issue's newsletter
// (pending and unsubscribed included, so the editor sees why they are left out); nobody without a
// subscription to this newsletter is ever a candidate, so consent for A never delivers B. The same counts
// per subscription basis show what the issue's declaration does to each group (declarationEffects).
// DENY_SUPPRESSED is split by its cause (lib/rules suppressionCause: a hard bounce, a complaint, an
// objection, an unsubscribe…), so what came back in from earlier sends shows as its own lines.
import { db } from "../db/index.ts";
import { suppressionCause } from "../rules/index.ts";
import { loadRecipients } from "./load-recipients.ts";
import { reportDecision, loadSendContext, type SendContext } from "./prepare-message.ts";

export type ReportCounts = { candidates: number; recipients: number; excluded: Record<string, number> };
/**
 * Keys of byBasis are the subscriptions' bases (consent, existing_customer). `causes` splits an exclusion
 * reason by the cause lib/rules names for it: causes.DENY_SUPPRESSED = { SUPPRESSED_BOUNCE: n,
 * SUPPRESSED_COMPLAINT: n, … }, adding up to excluded.DENY_SUPPRESSED.
 */
export type SendReport = ReportCounts & { byBasis: Record<string, ReportCounts>; causes: Record<string, Record<string, number>> };

const count = (c: ReportCounts, allowed: boolean, reason: string) => {
  c.candidates++;
  if (allowed) c.recipients++;
  else c.excluded[reason] = (c.excluded[reason] ?? 0) + 1;
};

const PAGE = 1000;

/** Pages through a newsletter's subscription ids in id order (keyset pagination, bounded memory). */
export async function* subscriptionIdPages(newsletterId: string, page = PAGE): AsyncGenerator<string[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await db.subscription.findMany({
      where: { newsletterId, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: page,
      select: { id: true },
    });
    if (!rows.length) return;
    yield rows.map((r) => r.id);
    after = rows[rows.length - 1].id;
    if (rows.length < page) return;
  }
}

export async function preSendReport(opts: { issueId: string; ctx?: SendContext; now?: Date }): Promise<SendReport | null> {
  const ctx = opts.ctx ?? (await loadSendContext(opts.issueId));
  if (!ctx) return null;
  const now = opts.now ?? new Date();
  const report: SendReport = { candidates: 0, recipients: 0, excluded: {}, byBasis: {}, causes: {} };
  for await (const ids of subscriptionIdPages(ctx.newsletter.id)) {
    const rows = await loadRecipients(db, ids);
    for (const r of rows.values()) {
      const { decision, facts } = reportDecision(ctx, r, now);
      const cause = suppressionCause({ decision, facts, stored: r.suppressions.map((s) => ({ scope: s.scope, reason: s.reason, at: s.at.toISOString() })) });
      if (cause) {
        const by = (report.causes[decision.reason] ??= {});
        by[cause] = (by[cause] ?? 0) + 1;
      }
      count(report, decision.allowed, decision.reason);
      count((report.byBasis[r.subscription.basis] ??= { candidates: 0, recipients: 0, excluded: {} }), decision.allowed, decision.reason);
    }
  }
  return report;
}
