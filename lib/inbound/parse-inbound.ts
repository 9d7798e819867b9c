// One parser for everything that comes back in (issue 14 D1/D2): RFC 3464 delivery status notifications
// (multipart/report; report-type=delivery-status), RFC 5965 ARF complaints (report-type=feedback-report),
// the common non-standard bounces (a text body from Exim, qmail and the like that quotes the original
// headers), and replies to our List-Unsubscribe mailto address.
//
// What it says about the event (kind, status, diagnostic, the reported recipient) is read from the report
// and is only a description. Who it is about is never read from the text: only a signed id of ours names a
// delivery — the VERP address the report was sent to, or the X-Proofmail-Delivery header in the returned
// original — and the mac must verify (lib/mail/delivery-id.ts). A reply-unsubscribe names its subscription
// by the signed token in its subject (lib/subscribers/links.ts). Without a valid id the result is unmatched.
import { simpleParser } from "mailparser";
import { DELIVERY_HEADER, tokenFromVerp, verifyDeliveryToken } from "../mail/delivery-id.ts";
import { verifyUnsubscribeToken } from "../subscribers/links.ts";
import { fieldGroups, headerFields, mimeParts, splitHead, type MimePart } from "./mime-parts.ts";

export type InboundKind = "hard-bounce" | "soft-bounce" | "complaint" | "unsubscribe-reply" | "unknown";
export type InboundFormat = "dsn" | "arf" | "text-bounce" | "reply" | "webhook" | "other";

export type ParsedInbound = {
  kind: InboundKind;
  format: InboundFormat;
  /** The delivery our verified id names; null: none found, or its mac did not verify. */
  deliveryId: string | null;
  /** Where the delivery id was found: the envelope/VERP address, or the returned original's headers. */
  matchedBy: "verp" | "returned-headers" | "body" | "provider-field" | null;
  /** For a reply-unsubscribe: the subscription its verified token names. */
  subscriptionId: string | null;
  /** The recipient the report names (Final-Recipient, Original-Rcpt-To, …): information only, never acted on. */
  recipient: string | null;
  /** Enhanced status code (RFC 3463), e.g. "5.1.1". */
  status: string | null;
  diagnostic: string | null;
  /** Who reported it: the ARF User-Agent / report sender's domain, or the DSN's Reporting-MTA. */
  provider: string | null;
  feedbackType: string | null;
  subject: string | null;
};

export type InboundEnvelope = { /** RCPT TO addresses the message was delivered to (SMTP door), if known. */ to?: string[] };

const DELIVERY_RE = new RegExp(`${DELIVERY_HEADER}:[ \\t]*(?:\\r?\\n[ \\t]+)?([A-Za-z0-9]{10,40}\\.[0-9A-Fa-f]{24})\\b`, "gi");
const VERP_RE = /[A-Za-z0-9._%-]+\+[A-Za-z0-9]{10,40}\.[0-9A-Fa-f]{24}@[A-Za-z0-9.-]+/g;
const STATUS_RE = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;
const SMTP_CODE_RE = /\b([45])\d\d(?:[ -]|: )(?:([45]\.\d{1,3}\.\d{1,3})\b)?/;
// The unsubscribe token of lib/subscribers/links.ts in a subject such as "unsubscribe <token>" or "Re: unsubscribe <token>".
const UNSUB_SUBJECT_RE = /\bunsubscribe(?:\s+|%20)([a-z0-9]{10,40}\.[A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])/i;
// Subjects and senders of non-standard bounces (Exim, qmail, Sendmail, Yahoo's and others' plain-text reports).
const BOUNCE_SUBJECT_RE = /(undeliver|undelivered|delivery (status notification|failure|has failed)|mail delivery failed|returned mail|failure notice|delivery problem|could not be delivered|nondeliverable|warning: message .* delayed|delayed mail)/i;
const BOUNCE_SENDER_RE = /^(mailer-daemon|postmaster|mail delivery (system|subsystem))\b|<(mailer-daemon|postmaster)@/i;
const TEMPORARY_TEXT_RE = /(has not yet been delivered|will (continue|be retried|retry)|delayed|temporary (problem|failure|error)|try again later|this is a warning only)/i;
const PERMANENT_TEXT_RE = /(permanent (error|failure)|unable to deliver|i've given up|could not be delivered|couldn't be delivered|address(es)? failed|no mailbox here|user unknown|does not exist)/i;
const COMPLAINT_TYPES = new Set(["abuse", "fraud", "virus", "other"]);

const MAX_RAW = 2 * 1024 * 1024; // a report larger than this is read only this far

const clip = (s: string | null | undefined, n = 500) => (s ? s.replace(/\s+/g, " ").trim().slice(0, n) : null);
const stripAddressType = (v: string | undefined) => (v ? v.replace(/^[^;]*;\s*/, "").replace(/^<|>$/g, "").trim().toLowerCase() || null : null);
const domainOf = (address: string | null) => (address && address.includes("@") ? address.slice(address.lastIndexOf("@") + 1).replace(/>.*$/, "").toLowerCase() : null);

/** Enhanced status of a DSN field or an SMTP reply text. */
function statusOf(...texts: (string | null | undefined)[]): string | null {
  for (const t of texts) {
    if (!t) continue;
    const m = STATUS_RE.exec(t);
    if (m && m[1] !== "2") return `${m[1]}.${m[2]}.${m[3]}`;
    const code = SMTP_CODE_RE.exec(t);
    if (code) return code[2] ?? `${code[1]}.0.0`;
  }
  return null;
}

// RFC 3463: class 5 is permanent, class 4 transient. A full mailbox (X.2.2) is reported as 5.2.2 by some
// servers (Exchange) though it clears by itself: it counts as soft, as RFC 3463 §3.3 describes it.
function bounceKind(status: string | null, temporary: boolean): "hard-bounce" | "soft-bounce" {
  if (temporary || !status) return temporary ? "soft-bounce" : "hard-bounce";
  if (status.startsWith("4.") || status === "5.2.2") return "soft-bounce";
  return "hard-bounce";
}

/** Our signed delivery id, from the envelope (VERP) first, then the returned original's headers, then any text. */
function findDelivery(envelopeAddresses: string[], returned: string[], text: string[]): { id: string; by: ParsedInbound["matchedBy"] } | null {
  for (const a of envelopeAddresses) {
    const token = tokenFromVerp(a);
    const id = token && verifyDeliveryToken(token);
    if (id) return { id, by: "verp" };
  }
  for (const [texts, by] of [[returned, "returned-headers"], [text, "body"]] as const) {
    for (const t of texts) {
      for (const m of t.matchAll(DELIVERY_RE)) {
        const id = verifyDeliveryToken(m[1]);
        if (id) return { id, by };
      }
      for (const m of t.matchAll(VERP_RE)) {
        const token = tokenFromVerp(m[0]);
        const id = token && verifyDeliveryToken(token);
        if (id) return { id, by };
      }
    }
  }
  return null;
}

/** Our verified delivery id in any of these texts (a provider's copy of our headers or of the bounce), or null. */
export function deliveryIdIn(texts: string[]): string | null {
  return findDelivery([], texts, [])?.id ?? null;
}

export async function parseInbound(input: string | Buffer, envelope: InboundEnvelope = {}): Promise<ParsedInbound> {
  const raw = (typeof input === "string" ? input : input.toString("utf8")).slice(0, MAX_RAW);
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true });
  const top = splitHead(raw).head;
  const topFields = headerFields(top);
  const subject = clip(mail.subject ?? null, 300);
  const from = mail.from?.value?.[0]?.address?.toLowerCase() ?? null;
  const fromText = mail.from?.text ?? "";
  const ct = mail.headers.get("content-type") as { value?: string; params?: Record<string, string> } | undefined;
  const reportType = ct?.value === "multipart/report" ? (ct.params?.["report-type"] ?? "").toLowerCase() : "";

  const parts: MimePart[] = mimeParts(raw);
  const returnedHeaders = parts
    .filter((p) => p.contentType === "message/rfc822" || p.contentType === "text/rfc822-headers" || p.contentType === "message/global" || p.contentType === "message/global-headers")
    .map((p) => splitHead(p.contentType.endsWith("headers") ? p.body + "\n\n" : p.body).head);
  const texts = [...parts.filter((p) => p.contentType.startsWith("text/")).map((p) => p.body), mail.text ?? ""];
  // The addresses this message was delivered to: the SMTP envelope, then what the receiving servers recorded.
  const deliveredTo = [
    ...(envelope.to ?? []),
    ...topFields.filter(([k]) => ["delivered-to", "x-original-to", "envelope-to", "to"].includes(k)).flatMap(([, v]) => v.match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? []),
  ];
  const found = findDelivery(deliveredTo, returnedHeaders, texts);
  const base = {
    deliveryId: found?.id ?? null, matchedBy: found?.by ?? null, subscriptionId: null, subject,
    recipient: null as string | null, status: null as string | null, diagnostic: null as string | null, provider: null as string | null, feedbackType: null as string | null,
  };

  // RFC 5965 ARF: a complaint (or another kind of feedback report).
  const feedback = parts.find((p) => p.contentType === "message/feedback-report");
  if (reportType === "feedback-report" || feedback) {
    const f = feedback ? new Map(fieldGroups(feedback.body).flatMap((m) => [...m])) : new Map<string, string>();
    const type = (f.get("feedback-type") ?? "").toLowerCase() || null;
    return {
      ...base, format: "arf", kind: type && COMPLAINT_TYPES.has(type) ? "complaint" : "unknown", feedbackType: type,
      recipient: stripAddressType(f.get("original-rcpt-to") ?? f.get("removal-recipient")),
      provider: clip(domainOf(from) ?? f.get("reporting-mta")?.replace(/^dns;\s*/i, "") ?? f.get("user-agent"), 120),
      diagnostic: clip(f.get("user-agent") ?? null, 200),
    };
  }

  // RFC 3464 DSN.
  const dsn = parts.find((p) => p.contentType === "message/delivery-status" || p.contentType === "message/global-delivery-status");
  if (dsn) {
    const groups = fieldGroups(dsn.body);
    const perMessage = groups.find((g) => g.has("reporting-mta")) ?? groups[0];
    const recipients = groups.filter((g) => g.has("action") || g.has("final-recipient"));
    // The first recipient that failed, else the first delayed one; "delivered", "relayed", "expanded" are no bounce.
    const failed = recipients.find((g) => /^failed/i.test(g.get("action") ?? "")) ?? recipients.find((g) => /^delayed/i.test(g.get("action") ?? ""));
    const provider = clip(perMessage?.get("reporting-mta")?.replace(/^[^;]*;\s*/, "") ?? domainOf(from), 120);
    if (!failed) return { ...base, format: "dsn", kind: "unknown", provider, recipient: stripAddressType(recipients[0]?.get("final-recipient")) };
    const action = (failed.get("action") ?? "").toLowerCase();
    const diagnostic = clip(failed.get("diagnostic-code")?.replace(/^[^;]*;\s*/, "") ?? null);
    const status = statusOf(failed.get("status"), diagnostic);
    return {
      ...base, format: "dsn", kind: bounceKind(status, action.startsWith("delayed")), status, diagnostic, provider,
      recipient: stripAddressType(failed.get("final-recipient") ?? failed.get("original-recipient")),
    };
  }

  // Non-standard bounces: from a mailer daemon or with a bounce subject, the reason in the text.
  const autoSubmitted = (mail.headers.get("auto-submitted") as string | undefined)?.toLowerCase() ?? "no";
  if (BOUNCE_SENDER_RE.test(fromText) || BOUNCE_SENDER_RE.test(from ?? "") || (subject && BOUNCE_SUBJECT_RE.test(subject) && (autoSubmitted !== "no" || !from || /daemon|postmaster/i.test(from)))) {
    const text = mail.text ?? "";
    // Only the report itself, not the returned copy of the message.
    const report = text.split(/^-{2,}\s*(?:This is a copy of|Below this line is a copy of|Original message)|^\s*-{3,} ?Original message/im)[0];
    const temporary = TEMPORARY_TEXT_RE.test(report) || TEMPORARY_TEXT_RE.test(subject ?? "");
    const diagLine = report.split(/\r?\n/).map((l) => l.trim()).find((l) => STATUS_RE.test(l) || /^[45]\d\d(?:[ -]|: )/.test(l) || /\(#[45]\.\d+\.\d+\)/.test(l)) ?? null;
    const status = statusOf(diagLine, report);
    const failedHeader = (mail.headers.get("x-failed-recipients") as string | undefined) ?? null;
    const recipient = (failedHeader ?? report.match(/<?([^\s<>@]+@[^\s<>@:]+\.[a-z]{2,})>?:?\s*$/im)?.[1] ?? null)?.trim().toLowerCase() ?? null;
    if (status || PERMANENT_TEXT_RE.test(report) || temporary) {
      return { ...base, format: "text-bounce", kind: bounceKind(status, temporary), status, diagnostic: clip(diagLine), recipient, provider: clip(domainOf(from), 120) };
    }
    return { ...base, format: "text-bounce", kind: "unknown", provider: clip(domainOf(from), 120) };
  }

  // A reply to the List-Unsubscribe mailto address: the signed token in the subject (RFC 2369). Automatic
  // replies (RFC 3834 Auto-Submitted) are never taken as someone's request.
  const unsub = subject ? UNSUB_SUBJECT_RE.exec(subject) : null;
  const subscriptionId = unsub && autoSubmitted === "no" ? verifyUnsubscribeToken(unsub[1]) : null;
  if (unsub) return { ...base, format: "reply", kind: subscriptionId ? "unsubscribe-reply" : "unknown", subscriptionId, recipient: from };

  return { ...base, format: "other", kind: "unknown" };
}
