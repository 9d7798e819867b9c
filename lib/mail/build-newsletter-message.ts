// One recipient's message from the issue's rendered template: From = the newsletter's sender, a stable
// Message-ID per delivery (a resend after a crash carries the same id), RFC 2369/8058 unsubscribe headers,
// List-Id, the footer's unsubscribe/preferences/receipt links and why-you-get-this line. No tracking pixels and
// no link rewriting: the editor's links go out exactly as written.
// `messageCompliance` reads the BUILT message to tell the send gate whether the obligations are met;
// nothing is assumed true.
import { config } from "../config/index.ts";
import { escapeHtml } from "../util/escape-html.ts";
import type { OutgoingMail } from "./transport.ts";
import { DELIVERY_HEADER, deliveryToken, verpAddress } from "./delivery-id.ts";
import { deliveryEchoHeaders } from "./delivery-echo.ts";
import { singleLine, type RenderedIssue, type OrgIdentity } from "./render-issue.tsx";

export const ONE_CLICK = "List-Unsubscribe=One-Click";

// nodemailer's default DKIM header list plus List-Unsubscribe-Post (RFC 8058 §4 wants both headers signed)
// and Feedback-ID (Gmail's feedback loop only trusts a signed one).
const DKIM_HEADERS =
  "From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:" +
  "List-Id:List-Unsubscribe:List-Unsubscribe-Post:Feedback-ID";

export type NewsletterSender = { slug: string; name: string; fromName: string; fromEmail: string; replyTo: string | null };

export type BuildMessageInput = {
  template: RenderedIssue;
  newsletter: NewsletterSender;
  org: OrgIdentity;
  to: string;
  unsubscribeUrl: string;
  /** RFC 2369 mailto alternative, `mailto:ADDRESS?subject=unsubscribe%20TOKEN` (lib/subscribers/links.ts) */
  unsubscribeMailto: string;
  preferencesUrl: string;
  /** "Why did I get this? / View in browser": the delivery's receipt page (lib/subscribers/links.ts receiptUrl). */
  receiptUrl: string;
  why: string;
  /** A stable id (the delivery id): the Message-ID, the signed X-Proofmail-Delivery header and the VERP sender are derived from it. */
  messageKey: string;
  /** The send's campaign for Gmail's feedback loop (Feedback-ID): the issue id. */
  campaignId: string;
  test?: boolean;
};

export type MessageCompliance = { unsubscribeLink: boolean; listUnsubscribeHeaders: boolean; senderIdentity: boolean };

const domainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1).replace(/[^a-z0-9.-]/gi, "") || "localhost";
const headerText = (s: string) => singleLine(s).replace(/[<>"]/g, "");
// A Feedback-ID field: no colons (they separate the fields), nothing a header could be split on.
const feedbackField = (s: string) => s.replace(/[^a-zA-Z0-9._-]/g, "").slice(0, 64) || "none";

// One pass over the template (it is filled once per recipient, so fewer copies means less garbage).
const markerPatterns = new WeakMap<RenderedIssue["markers"], RegExp>();
type Values = { unsubscribeUrl: string; preferencesUrl: string; receiptUrl: string; why: string };
function fill(s: string, m: RenderedIssue["markers"], v: Values) {
  let re = markerPatterns.get(m);
  if (!re) markerPatterns.set(m, (re = new RegExp([m.unsubscribeUrl, m.preferencesUrl, m.receiptUrl, m.why].map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g")));
  return s.replace(re, (hit) => (hit === m.unsubscribeUrl ? v.unsubscribeUrl : hit === m.preferencesUrl ? v.preferencesUrl : hit === m.receiptUrl ? v.receiptUrl : v.why));
}

export function buildNewsletterMessage(input: BuildMessageInput): OutgoingMail {
  const { template: t, newsletter: n } = input;
  const htmlValues = { unsubscribeUrl: escapeHtml(input.unsubscribeUrl), preferencesUrl: escapeHtml(input.preferencesUrl), receiptUrl: escapeHtml(input.receiptUrl), why: escapeHtml(input.why) };
  const textValues = { unsubscribeUrl: input.unsubscribeUrl, preferencesUrl: input.preferencesUrl, receiptUrl: input.receiptUrl, why: input.why };
  const domain = domainOf(n.fromEmail);
  const dkim = config().dkim;
  const to = singleLine(input.to);
  // With BOUNCE_ADDRESS, bounces come back to an address that names this delivery (VERP).
  const verp = verpAddress(input.messageKey);
  return {
    from: { name: headerText(n.fromName), address: singleLine(n.fromEmail) },
    to,
    ...(verp ? { envelope: { from: verp, to: [to] } } : {}),
    ...(n.replyTo ? { replyTo: singleLine(n.replyTo) } : {}),
    subject: input.test ? `[TEST] ${t.subject}` : t.subject,
    messageId: `<${input.messageKey.replace(/[^a-zA-Z0-9._-]/g, "")}@${domain}>`,
    headers: {
      "List-Unsubscribe": listUnsubscribe(input.unsubscribeUrl, input.unsubscribeMailto),
      "List-Unsubscribe-Post": ONE_CLICK,
      "List-Id": `${headerText(n.name)} <${n.slug.replace(/[^a-z0-9-]/gi, "")}.${domain}>`,
      // Gmail's feedback loop reports complaint rates per field: campaign:newsletter:type:sender.
      "Feedback-ID": `${feedbackField(input.campaignId)}:${feedbackField(n.slug)}:newsletter:proofmail`,
      // Returned in bounces and complaints (their copy of our headers): lib/inbound matches by it.
      [DELIVERY_HEADER]: deliveryToken(input.messageKey),
      // Right after it (mail-merge.ts places them as one block): the same id where provider webhooks echo it.
      ...deliveryEchoHeaders(deliveryToken(input.messageKey)),
    },
    // base64 instead of nodemailer's default quoted-printable: same result for every client, a fraction of
    // the CPU (QP encoding in JavaScript was the largest single cost of the send pipeline). `encoding` fixes
    // it for both bodies (whatever their content), which is what lets lib/mail/mail-merge.ts merge them.
    textEncoding: "base64",
    encoding: "base64",
    text: fill(t.text, t.markers, textValues),
    html: fill(t.html, t.markers, htmlValues),
    ...(dkim ? { dkim: { ...dkim, headerFieldNames: DKIM_HEADERS } } : {}),
  };
}

// RFC 2369: the https URL first (RFC 8058 one-click applies to it), then the mailto alternative.
const listUnsubscribe = (url: string, mailto: string) => `<${singleLine(url)}>, <${singleLine(mailto).replace(/[\s<>]/g, "")}>`;
const VALID_MAILTO = /^mailto:[A-Za-z0-9.!#$%&'*+/=^_`{|}~-]+@[A-Za-z0-9.-]+\?subject=unsubscribe%20[A-Za-z0-9._-]+$/;

/** What the built message really carries (catalogue O-UNSUB-LINK, O-LIST-UNSUBSCRIBE, O-SENDER-IDENTITY). */
export function messageCompliance(mail: OutgoingMail, unsubscribeUrl: string, org: OrgIdentity, unsubscribeMailto: string): MessageCompliance {
  const html = decodeBasicEntities(typeof mail.html === "string" ? mail.html : "");
  const text = typeof mail.text === "string" ? mail.text : "";
  const headers = (mail.headers ?? {}) as Record<string, unknown>;
  const validUrl = /^https?:\/\/[^\s<>]+$/.test(unsubscribeUrl);
  const from = mail.from as { name?: string; address?: string } | undefined;
  const orgName = org.name.trim();
  const orgAddress = org.address.trim();
  return {
    unsubscribeLink: validUrl && html.includes(`href="${unsubscribeUrl}"`) && text.includes(unsubscribeUrl),
    listUnsubscribeHeaders:
      validUrl && VALID_MAILTO.test(unsubscribeMailto) && headers["List-Unsubscribe"] === `<${unsubscribeUrl}>, <${unsubscribeMailto}>` &&
      headers["List-Unsubscribe-Post"] === ONE_CLICK,
    senderIdentity:
      !!from?.name?.trim() && /^[^\s@]+@[^\s@]+$/.test(from.address ?? "") &&
      orgName !== "" && orgAddress !== "" &&
      html.includes(orgName) && html.includes(orgAddress) &&
      text.includes(orgName) && text.includes(orgAddress),
  };
}

// React and escapeHtml spell a few entities differently (&#x27; vs &#39;); compare decoded text.
function decodeBasicEntities(html: string): string {
  return html.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (e) => ({ "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#x27;": "'" })[e]!);
}
