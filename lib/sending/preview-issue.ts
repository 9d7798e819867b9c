// The composer's live preview and the test send: the real template, with sample values for the
// per-recipient parts. A test mail's unsubscribe link (header and footer) is a signed test link naming the
// issue, not a subscription: it opens the unsubscribe page's layout saying this was a test, and its
// one-click POST answers 200 without unsubscribing anyone; the receipt link opens a page saying it is a
// test mail's. The preview's links point at a "not valid" page.
import { randomBytes } from "node:crypto";
import { config } from "../config/index.ts";
import { whyLine } from "../mail/render-issue.tsx";
import { buildNewsletterMessage } from "../mail/build-newsletter-message.ts";
import { SAMPLE_RECEIPT_TOKEN, testLinkToken, unsubscribeMailbox } from "../subscribers/links.ts";
import { sendMail, type OutgoingMail } from "../mail/transport.ts";
import { hit } from "../security/rate-limit.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { db } from "../db/index.ts";
import { loadSendContext } from "./prepare-message.ts";
import { altTextProblem, issueInputSchema, type IssueInput } from "./save-issue.ts";

async function sampleMessage(issueId: string, to: string, content: IssueInput | undefined, test: boolean): Promise<OutgoingMail | null> {
  const ctx = await loadSendContext(issueId, content);
  if (!ctx) return null;
  const base = config().appUrl;
  return buildNewsletterMessage({
    template: ctx.template, newsletter: ctx.newsletter, org: ctx.org, to,
    unsubscribeUrl: `${base}/u/${test ? testLinkToken(issueId) : "sample"}`, preferencesUrl: `${base}/p/sample`,
    // Opens a page that says it belongs to a test mail (no delivery, so no one's receipt).
    receiptUrl: `${base}/m/${SAMPLE_RECEIPT_TOKEN}`,
    unsubscribeMailto: `mailto:${unsubscribeMailbox(ctx.org.contactEmail, ctx.newsletter.fromEmail) ?? ""}?subject=unsubscribe%20sample`,
    why: whyLine({ lang: ctx.template.lang, basis: "consent", newsletterName: ctx.newsletter.name, orgName: ctx.org.name, since: new Date() }),
    messageKey: `${test ? "test" : "preview"}-${randomBytes(8).toString("hex")}`, campaignId: issueId, test,
  });
}

export async function previewIssue(opts: { issueId: string; content?: unknown }): Promise<{ ok: true; subject: string; html: string; text: string } | { ok: false; error: string }> {
  let content: IssueInput | undefined;
  if (opts.content !== undefined) {
    const parsed = issueInputSchema.safeParse(opts.content);
    if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input." };
    content = parsed.data;
  }
  const mail = await sampleMessage(opts.issueId, "subscriber@example.org", content, false);
  if (!mail) return { ok: false, error: "This issue does not exist." };
  return { ok: true, subject: String(mail.subject), html: String(mail.html), text: String(mail.text) };
}

/** Sends the saved issue to the signed-in staff member's own address only, subject prefixed [TEST]. */
export async function sendTestIssue(opts: { issueId: string; staff: { id: string; email: string } }): Promise<{ ok: boolean; error?: string }> {
  const limit = await hit("test-send", opts.staff.id, { points: 30, durationSec: 3600 });
  if (!limit.ok) return { ok: false, error: `Too many test sends; try again in ${Math.ceil(limit.retryAfterSec / 60)} minutes.` };
  const saved = await db.issue.findUnique({ where: { id: opts.issueId }, select: { bodyMarkdown: true } });
  const noAlt = saved && altTextProblem(saved.bodyMarkdown);
  if (noAlt) return { ok: false, error: noAlt.error };
  const mail = await sampleMessage(opts.issueId, opts.staff.email, undefined, true);
  if (!mail) return { ok: false, error: "This issue does not exist." };
  try {
    await sendMail(mail);
  } catch (err) {
    return { ok: false, error: `The mail server did not accept the test: ${(err as Error).message}` };
  }
  await audit(db, opts.staff as AuditActor, "issue.test_send", opts.issueId);
  return { ok: true };
}
