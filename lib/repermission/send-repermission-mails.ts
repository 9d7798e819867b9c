// Sends the re-permission mail to everyone whose consent covers an earlier purpose revision of a newsletter
// (run by the worker as the `newsletter.repermission` job, which the admin's button queues). Each recipient
// first passes lib/rules' gate as a "repermission-request" on facts that include the built message; only
// an allowed one gets a single-use token (stored hashed, 30 days) and the mail, recorded in the ledger
// (`repermission_sent`). Someone with an unused, unexpired token for the same purpose version is not asked
// twice. The run is audited with its counts (never addresses).
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { appendEvent } from "../consent/ledger.ts";
import { decideSend } from "../rules/index.ts";
import { issueToken } from "../security/tokens.ts";
import { sendMail } from "../mail/transport.ts";
import { messageCompliance } from "../mail/build-newsletter-message.ts";
import { config } from "../config/index.ts";
import { unsubscribeMailbox, unsubscribeMailto, unsubscribeUrl } from "../subscribers/links.ts";
import { loadRecipients } from "../sending/load-recipients.ts";
import { loadOrganisation } from "../sending/prepare-message.ts";
import { subscriptionIdPages } from "../sending/pre-send-report.ts";
import { recipientFacts, type RecipientRows } from "../sending/recipient-facts.ts";
import { loadPurposeRevisions } from "../sending/load-purpose-revisions.ts";
import { buildRepermissionMail } from "./repermission-mail.ts";
import { getLogger } from "../log/logger.ts";

const log = getLogger("repermission");

export const REPERMISSION_DAYS = 30;

export type RepermissionRun = { sent: number; failed: number; alreadyAsked: number; excluded: Record<string, number> };

export async function sendRepermissionMails({ newsletterId, actor, now = () => new Date() }: {
  newsletterId: string; actor: AuditActor; now?: () => Date;
}): Promise<RepermissionRun | null> {
  const newsletter = await db.newsletter.findUnique({ where: { id: newsletterId } });
  const purposes = await loadPurposeRevisions({ newsletterId });
  if (!newsletter || !purposes) return null;
  const target = [...purposes.byId.values()].at(-1)!; // the current version: what they are asked to accept
  const org = await loadOrganisation();
  const lang = newsletter.language === "en" ? "en" : "nl";
  const run: RepermissionRun = { sent: 0, failed: 0, alreadyAsked: 0, excluded: {} };
  const revisionOf = (r: RecipientRows) => (r.subscription.purposeVersionId && purposes.revisionOf.get(r.subscription.purposeVersionId)) || 1;

  for await (const ids of subscriptionIdPages(newsletterId)) {
    const rows = [...(await loadRecipients(db, ids)).values()].filter((r) => r.subscription.status === "confirmed" && revisionOf(r) < purposes.current);
    if (!rows.length) continue;
    const asked = new Set(
      (await db.token.findMany({
        where: { purpose: "repermission", subjectId: { in: rows.map((r) => r.subscriber.id) }, usedAt: null, expiresAt: { gt: now() } },
        select: { data: true },
      })).map((t) => { const d = (t.data ?? {}) as { subscriptionId?: string; toPurposeVersionId?: string }; return `${d.subscriptionId}:${d.toPurposeVersionId}`; }),
    );
    for (const r of rows) {
      const sub = r.subscription;
      if (asked.has(`${sub.id}:${target.id}`)) { run.alreadyAsked++; continue; }
      const agreed = (sub.purposeVersionId && purposes.byId.get(sub.purposeVersionId)) || purposes.first!;
      const unsub = unsubscribeUrl(sub.id);
      const mailbox = unsubscribeMailbox(org.contactEmail, newsletter.fromEmail);
      const mailto = mailbox ? unsubscribeMailto(sub.id, mailbox) : "";
      const build = (url: string) => buildRepermissionMail({
        to: r.subscriber.email, from: { name: newsletter.fromName, address: newsletter.fromEmail }, language: lang, organisation: org,
        newsletterName: newsletter.name, agreed, current: target, url, unsubscribeUrl: unsub, unsubscribeMailto: mailto, validDays: REPERMISSION_DAYS,
      });
      // The gate decides on what the mail really carries; the accept link does not change that.
      const probe = build(`${config().appUrl}/r/pending`).mail;
      const decision = decideSend(recipientFacts({
        now: now(), org, newsletter, issue: { categories: null, thirdPartyPromotion: false, basis: "consent" }, rows: r, purpose: purposes,
        kind: "repermission-request", message: messageCompliance(probe, unsub, org, mailto),
      }));
      if (!decision.allowed) { run.excluded[decision.reason] = (run.excluded[decision.reason] ?? 0) + 1; continue; }

      const { token, id: tokenId } = await issueToken(db, {
        purpose: "repermission", subjectId: r.subscriber.id, now: now(), ttlMs: REPERMISSION_DAYS * 86_400_000,
        data: { subscriptionId: sub.id, newsletterId, fromPurposeVersionId: sub.purposeVersionId ?? agreed.id, toPurposeVersionId: target.id, language: lang },
      });
      const { mail, recorded } = build(`${config().appUrl}/r/${token}`);
      try {
        await sendMail(mail);
      } catch (err) {
        // Never sent, so never valid: the next run asks again.
        await db.token.delete({ where: { id: tokenId } }).catch(() => {});
        log.error({ subscriptionId: sub.id, err }, "re-permission mail failed");
        run.failed++;
        continue;
      }
      await db.$transaction((tx) => appendEvent(tx, {
        type: "repermission_sent", subscriberId: r.subscriber.id, subscriptionId: sub.id, newsletterIds: [newsletterId], actor: "system",
        details: { reason: decision.reason, fromPurposeVersionId: sub.purposeVersionId ?? agreed.id, toPurposeVersionId: target.id, subject: recorded.subject, text: recorded.text },
      }));
      run.sent++;
    }
  }
  await audit(db, actor, "newsletter.repermission", newsletterId, { toPurposeVersionId: target.id, revision: purposes.current, ...run });
  return run;
}
