// Everything one recipient's gate decision needs: the issue's context (loaded and rendered once per send)
// and, per recipient, the built message plus lib/rules' decision on facts that include what that built
// message really carries. The pre-send report and the delivery worker both go through here, so the
// report counts exactly what the worker will decide (unless something changes in between).
import { db, type Db, type Tx } from "../db/index.ts";
import { decideSend, type Decision, type Facts } from "../rules/index.ts";
import { factsDigest } from "./facts-digest.ts";
import { loadImageWidths } from "../uploads/image-widths.ts";
import { renderIssue, whyLine, type OrgIdentity, type RenderedIssue } from "../mail/render-issue.tsx";
import { buildNewsletterMessage, messageCompliance, type NewsletterSender } from "../mail/build-newsletter-message.ts";
import type { OutgoingMail } from "../mail/transport.ts";
import { preferencesUrl, receiptUrl, unsubscribeMailbox, unsubscribeMailto, unsubscribeUrl } from "../subscribers/links.ts";
import { recipientFacts, type OrgRules, type RecipientRows } from "./recipient-facts.ts";
import { loadPurposeRevisions, type PurposeIndex } from "./load-purpose-revisions.ts";
import { parseStoredBasis } from "../subscribers/basis.ts";
import { getMailBranding } from "../settings/get-branding.ts";
import { inLanguage, textIn, TEXTS, type NewsletterTextRow } from "../newsletters/newsletter-texts.ts";
import { purposeTextsIn } from "../newsletters/purpose-fields.ts";

export type SendContext = {
  issueId: string;
  newsletter: NewsletterSender & { id: string; categories: unknown; similarMap: unknown; language: string; texts?: NewsletterTextRow[] };
  issue: { categories: unknown; thirdPartyPromotion: boolean; basis: string; declaredAt: Date | null; declaredById: string | null; bodyMarkdown: string };
  org: OrgIdentity & OrgRules;
  /** Rendered in the primary language's texts; `templates` has it for each other language with texts of its own. */
  template: RenderedIssue;
  templates?: Record<string, RenderedIssue>;
  /** The newsletter's purpose versions, loaded once per send. */
  purposes: PurposeIndex | null;
};

const ORG_DEFAULTS = { name: "", address: "", contactEmail: "", privacyUrl: "", requireDoubleOptIn: true, customerWindowMonths: 24 as number | null, isCharity: false };

export async function loadOrganisation(client: Db | Tx = db): Promise<SendContext["org"]> {
  const o = await client.organisation.findUnique({ where: { id: 1 }, omit: { logo: true } });
  return o
    ? { name: o.name, address: o.address, contactEmail: o.contactEmail, privacyUrl: o.privacyUrl, requireDoubleOptIn: o.requireDoubleOptIn, customerWindowMonths: o.customerWindowMonths, isCharity: o.isCharity }
    : { ...ORG_DEFAULTS };
}

/** Loads and renders an issue once. `content` overrides the stored text (live preview of unsaved edits). */
export async function loadSendContext(issueId: string, content?: { subject: string; preheader: string; bodyMarkdown: string }): Promise<SendContext | null> {
  const issue = await db.issue.findUnique({ where: { id: issueId }, include: { newsletter: { include: { texts: TEXTS } } } });
  if (!issue) return null;
  const org = await loadOrganisation();
  const brand = await getMailBranding(db, [issue.newsletter.template]);
  const shown = content ?? issue;
  const imageWidths = await loadImageWidths(shown.bodyMarkdown);
  // The body stays the issue's (in the newsletter's primary language); the name, footer and the footer's
  // links are in the reader's language.
  const render = (language: string) =>
    renderIssue({ issue: shown, newsletter: { ...inLanguage(issue.newsletter, language), language }, bodyLanguage: issue.newsletter.language, org, brand, imageWidths });
  const template = await render(issue.newsletter.language);
  const templates = Object.fromEntries(await Promise.all(issue.newsletter.texts.map(async (t) => [t.language, await render(t.language)] as const)));
  const purposes = await loadPurposeRevisions({ newsletterId: issue.newsletterId });
  return { issueId, newsletter: issue.newsletter, issue, org, template, templates, purposes };
}

/**
 * The per-send record (issue 12 D1): what the gate decided, on which basis, at which moment (facts.now),
 * and the hash of the facts it saw. Stored on the Delivery with the outcome, with lib/rules RULES_VERSION.
 */
export type SendRecord = { basis: string; reason: string; factsHash: string; decidedAt: Date };
export type Prepared = { mail: OutgoingMail; decision: Decision; record: SendRecord };

type Compliance = ReturnType<typeof messageCompliance>;
const sampleCompliance = new WeakMap<SendContext, Compliance>();

/**
 * The gate's decision without building the recipient's message, for the pre-send report: the message facts
 * come from one sample message built from the same template (the worker still checks every real message).
 */
export function decideForReport(ctx: SendContext, rows: RecipientRows, now = new Date()): Decision {
  return reportDecision(ctx, rows, now).decision;
}

/** decideForReport with the facts it decided on (the report names which suppression excluded someone). */
export function reportDecision(ctx: SendContext, rows: RecipientRows, now = new Date()): { decision: Decision; facts: Facts } {
  let message = sampleCompliance.get(ctx);
  if (!message) {
    const sample = { ...rows, subscription: { ...rows.subscription, id: "samplesubscription0" }, subscriber: { ...rows.subscriber, id: "samplesubscriber00" } };
    const built = buildFor(ctx, sample, "report-sample", now);
    sampleCompliance.set(ctx, (message = messageCompliance(built.mail, built.unsub, ctx.org, built.mailto)));
  }
  const facts = recipientFacts({ now, org: ctx.org, newsletter: ctx.newsletter, issue: ctx.issue, rows, message, purpose: ctx.purposes });
  return { decision: decideSend(facts), facts };
}

// `now` dates the preferences link (links carry their signed date), so the receipt page can rebuild this
// exact message from the delivery's decidedAt (lib/receipts/render-sent-message.ts).
function buildFor(ctx: SendContext, rows: RecipientRows, messageKey: string, now: Date) {
  const unsub = unsubscribeUrl(rows.subscription.id);
  // No usable mailbox: an empty entry, which messageCompliance reports (DENY_MISSING_LIST_UNSUBSCRIBE).
  const mailbox = unsubscribeMailbox(ctx.org.contactEmail, ctx.newsletter.fromEmail);
  const mailto = mailbox ? unsubscribeMailto(rows.subscription.id, mailbox) : "";
  const basis = parseStoredBasis(rows.subscription.basis) ?? "consent";
  // Name, footer and sender name in the language they signed up in (else the primary one).
  const language = rows.formVersionLanguage ?? ctx.newsletter.language;
  const template = ctx.templates?.[language] ?? ctx.template;
  const mail = buildNewsletterMessage({
    template,
    newsletter: { ...ctx.newsletter, fromName: textIn(ctx.newsletter, language, "fromName") },
    org: ctx.org,
    to: rows.subscriber.email,
    unsubscribeUrl: unsub,
    unsubscribeMailto: mailto,
    preferencesUrl: preferencesUrl(rows.subscriber.id, now),
    // Signed from the delivery id like the unsubscribe link: no lookup per recipient.
    receiptUrl: receiptUrl(messageKey),
    why: whyLine({
      lang: template.lang, basis, newsletterName: textIn(ctx.newsletter, language, "name"), orgName: ctx.org.name,
      since: rows.subscription.confirmedAt ?? rows.subscription.givenAt ?? rows.subscription.createdAt,
      purpose: agreedPurpose(ctx, rows, language),
    }),
    messageKey,
    campaignId: ctx.issueId,
  });
  return { mail, unsub, mailto };
}

// The purpose version this recipient agreed to (none recorded: the first), from the per-send index. It is
// part of the why line, which is merged per recipient (lib/mail/mail-merge.ts), so recipients may differ.
function agreedPurpose(ctx: SendContext, rows: RecipientRows, language: string) {
  if (!ctx.purposes) return null;
  const id = rows.subscription.purposeVersionId;
  const pv = (id && ctx.purposes.byId.get(id)) || ctx.purposes.first;
  if (!pv) return null;
  const sub = rows.subscription;
  const { name, description } = purposeTextsIn(pv, language); // as they read it
  return { version: pv.version, name, description, agreedAt: sub.purposeAgreedAt ?? sub.confirmedAt ?? sub.givenAt };
}

function factsFor(ctx: SendContext, rows: RecipientRows, built: ReturnType<typeof buildFor>, now: Date): Facts {
  return recipientFacts({
    now, org: ctx.org, newsletter: ctx.newsletter, issue: ctx.issue, rows, purpose: ctx.purposes,
    message: messageCompliance(built.mail, built.unsub, ctx.org, built.mailto),
  });
}

/**
 * The facts the gate sees for one recipient's message at `now`: what prepareMessage decides on. With a
 * delivery's id as messageKey and its decidedAt as `now`, this rebuilds the facts behind its factsHash.
 */
export function sendFacts(ctx: SendContext, rows: RecipientRows, messageKey: string, now: Date): Facts {
  return factsFor(ctx, rows, buildFor(ctx, rows, messageKey, now), now);
}

/** One recipient's message as prepareMessage built it for the delivery `messageKey` decided at `now`. */
export function buildRecipientMessage(ctx: SendContext, rows: RecipientRows, messageKey: string, now: Date): OutgoingMail {
  return buildFor(ctx, rows, messageKey, now).mail;
}

/** Builds one recipient's message and runs the gate on it. `now` is the moment of the decision. */
export function prepareMessage(ctx: SendContext, rows: RecipientRows, messageKey: string, now = new Date()): Prepared {
  const built = buildFor(ctx, rows, messageKey, now);
  const facts = factsFor(ctx, rows, built, now);
  const decision = decideSend(facts);
  return { mail: built.mail, decision, record: { basis: facts.basis, reason: decision.reason, factsHash: factsDigest(facts), decidedAt: now } };
}
