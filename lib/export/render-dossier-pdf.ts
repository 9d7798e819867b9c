// The complaint dossier as a PDF for people (the admin, the regulator, the person): A4, pdfkit's built-in
// Helvetica, page numbers, in Dutch or English (lib/i18n, namespace "dossier"). Form texts are printed as the
// person saw them (the form version's text, never today's). The JSON form is the one to verify.
import PDFDocument from "pdfkit";
import type { DossierDocument } from "./get-dossier.ts";
import { translator, type Locale } from "../i18n/translator.ts";

// The built-in fonts only cover WinAnsi; replace what they cannot draw rather than emitting garbage ("-" for nothing).
const safe = (s: unknown) => String(s ?? "-").replace(/[^\x09\x0a\x0d\x20-\x7e\u00a0-\u00ff]/g, "?");
// Dates for people: "2025-06-01 12:00 UTC".
const when = (s: string | null | undefined) => (s ? `${s.slice(0, 10)} ${s.slice(11, 16)} UTC` : "-");
const day = (s: string | null | undefined) => (s ? s.slice(0, 10) : "-");

export async function renderDossierPdf(doc: DossierDocument, locale: Locale): Promise<Buffer> {
  const t = translator(locale, "dossier");
  const pdf = new PDFDocument({
    size: "A4", margin: 56, bufferPages: true, compress: false, lang: locale,
    info: { Title: `${t("title")} ${doc.person?.id ?? ""}`.trim(), Producer: "Proofmail", Keywords: doc.formVersions.map((v) => v.contentHash).join(" ") },
  });
  const chunks: Buffer[] = [];
  pdf.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  const h1 = (s: string) => pdf.moveDown(0.8).font("Helvetica-Bold").fontSize(13).fillColor("#111").text(safe(s)).moveDown(0.25).font("Helvetica").fontSize(9.5);
  const h2 = (s: string) => pdf.moveDown(0.3).font("Helvetica-Bold").fontSize(10).text(safe(s)).font("Helvetica").fontSize(9.5);
  const kv = (k: string, v: unknown) => pdf.font("Helvetica-Bold").text(`${safe(k)}: `, { continued: true }).font("Helvetica").text(safe(v === "" || v === null || v === undefined ? "-" : v));
  const p = (s: string) => pdf.text(safe(s));
  const mono = (s: string) => pdf.font("Courier").fontSize(8.5).text(safe(s)).font("Helvetica").fontSize(9.5);
  const status = (x: string) => (x === "pending" || x === "confirmed" || x === "unsubscribed" ? t(`status.${x}`) : x);
  const typeLabel = (x: string) => (t.has(`eventType.${x}` as never) ? t(`eventType.${x}` as never) : x);
  const termsText = (x: { pendingDays: number; withdrawnGraceDays: number; keepProofMonths: number; deliveryLogDays: number }) =>
    t("retentionTerms", { pendingDays: x.pendingDays, withdrawnGraceDays: x.withdrawnGraceDays, keepProofMonths: x.keepProofMonths, deliveryLogDays: x.deliveryLogDays });
  const formName = new Map(doc.formVersions.map((v) => [v.id, `${v.form.slug} v${v.version}`]));
  const purpose = new Map(doc.purposeVersions.map((v) => [v.id, v]));

  pdf.font("Helvetica-Bold").fontSize(20).text(safe(t("title")));
  pdf.font("Helvetica").fontSize(9.5).moveDown(0.3);
  kv(t("generated"), when(doc.generatedAt));
  kv(t("foundBy"), doc.foundBy === "address" ? t("foundByAddress") : t("foundBySubscriber"));
  pdf.moveDown(0.3).fillColor("#444");
  p(t("intro"));
  pdf.fillColor("#111");

  if (doc.erased) {
    h1(t("erasedTitle"));
    p(doc.erased.on ? t("erasedOn", { date: day(doc.erased.on) }) : t("erasedOnUnknown"));
    p(doc.erased.proofKeptUntil ? t("proofKeptUntil", { date: day(doc.erased.proofKeptUntil) }) : t("nothingKept"));
  }

  h1(t("controller"));
  kv(t("controllerName"), doc.controller?.name);
  kv(t("controllerAddress"), doc.controller?.address);
  kv(t("controllerContact"), doc.controller?.contactEmail);
  kv(t("controllerDpo"), doc.controller?.dpoContact);
  kv(t("controllerPrivacy"), doc.controller?.privacyUrl);

  h1(t("person"));
  if (doc.person) {
    kv(t("personEmail"), doc.person.email);
    kv(t("personName"), doc.person.name);
    kv(t("personLanguage"), doc.person.language);
    kv(t("personCreated"), when(doc.person.createdAt));
    kv(t("personId"), doc.person.id);
  } else p(t("noPerson"));

  h1(t("subscriptions"));
  for (const s of doc.subscriptions) {
    h2(s.newsletter.name);
    p(t("subscriptionLine", { status: status(s.status), basis: s.basis, method: s.method ?? "-", source: s.source }));
    p(t("subscriptionDates", { given: when(s.givenAt), confirmed: when(s.confirmedAt), unsubscribed: when(s.unsubscribedAt) }));
  }
  if (doc.subscriptions.length === 0) p(t("noSubscriptions"));

  h1(t("events"));
  for (const e of doc.consentEvents) {
    h2(t("eventTitle", { seq: e.seq, type: typeLabel(e.type), at: when(e.at) }));
    if (e.newsletters.length) p(t("eventNewsletters", { names: e.newsletters.map((n) => n.name ?? n.id).join(", ") }));
    p(t("eventWho", { ip: e.ip ?? "-", userAgent: e.userAgent ?? "-", actor: e.actor }));
    p(t("eventHow", { method: e.method ?? "-", channel: e.channel ?? "-" }));
    if (e.formVersionId) p(t("eventForm", { form: formName.get(e.formVersionId) ?? e.formVersionId }));
    const ps = e.purposeVersions.filter((x) => x.purposeVersionId).map((x) => {
      const v = purpose.get(x.purposeVersionId!);
      return v ? `${v.newsletter.name ?? v.newsletter.id} v${v.version} "${v.shown.name}"` : x.purposeVersionId!;
    });
    if (ps.length) p(t("eventPurpose", { purposes: ps.join("; ") }));
    p(t("eventPrivacy", { version: e.privacyStatementVersion ? String(e.privacyStatementVersion.version) : t("notRecorded") }));
  }
  if (doc.consentEvents.length === 0) p(t("noEvents"));

  h1(t("formTexts"));
  for (const v of doc.formVersions) {
    h2(t("formVersion", { slug: v.form.slug, version: v.version, language: v.language, publishedAt: when(v.publishedAt) }));
    p(t("contentHash", { hash: v.contentHash, state: v.hashMatchesText ? t("hashMatches") : t("hashDoesNotMatch") }));
    pdf.moveDown(0.2);
    mono(v.renderedText);
  }
  if (doc.formVersions.length === 0) p(t("noFormVersion"));

  h1(t("purposes"));
  for (const v of doc.purposeVersions) {
    h2(t("purposeLine", { newsletter: v.newsletter.name ?? v.newsletter.id, version: v.version, revision: v.revision, change: v.change, at: when(v.createdAt) }));
    p(t("purposeName", { name: v.shown.name }));
    p(t("purposeDescription", { description: v.shown.description || "-" }));
    p(t("purposeCategories", { categories: v.categories.join(", ") || "-" }));
  }
  if (doc.purposeVersions.length === 0) p(t("noPurposes"));

  h1(t("confirmationEmails"));
  for (const m of doc.confirmationEmails) {
    h2(`${when(m.at)}: ${m.subject}`);
    mono(m.text);
  }
  if (doc.confirmationEmails.length === 0) p(t("noConfirmationEmail"));

  h1(t("messages"));
  if (doc.messages.length) p(t("messagesIntro", { count: doc.messages.length }));
  for (const m of doc.messages) {
    h2(t("messageLine", { sentAt: when(m.sentAt), subject: m.subject, newsletter: m.newsletter.name }));
    p(t("messageRecord", { basis: m.basis ?? "-", reason: m.reason ?? "-", rulesVersion: m.rulesVersion ?? "-", decidedAt: when(m.decidedAt) }));
    p(t("messageFacts", { hash: m.factsHash ?? "-" }));
  }
  if (doc.messages.length === 0) p(t("noMessages"));

  if (doc.purchases.length) {
    h1(t("purchases"));
    for (const x of doc.purchases) p(t("purchaseLine", { at: when(x.at), category: x.category, offered: t(x.optOutOfferedAtCollection ? "yes" : "no"), objected: t(x.objected ? "yes" : "no") }));
  }

  h1(t("suppressions"));
  for (const s of doc.suppressions) {
    const scope = s.newsletter ? (s.newsletter.name ?? s.newsletter.id) : t("allNewsletters");
    p(t("suppressionLine", { scope, reason: s.reason, at: when(s.at) }) + (s.liftedAt ? `; ${t("suppressionLifted", { at: when(s.liftedAt), reason: s.liftedReason ?? "-" })}` : ""));
  }
  if (doc.suppressions.length === 0) p(t("noSuppressions"));

  h1(t("retention"));
  for (const r of doc.retention.perNewsletter) {
    h2(t("retentionNewsletter", { newsletter: r.newsletter.name, version: r.policyVersion }));
    if (r.promised) p(t("retentionPromised", { version: r.promised.version, terms: termsText(r.promised) }));
    p(t("retentionEffective", { terms: termsText(r.effective) }));
    p(t(`retentionState.${r.state}`, { deleteAt: day(r.deleteAt), proofUntil: r.proofUntil ? day(r.proofUntil) : t("noProof"), days: r.effective.withdrawnGraceDays }));
  }
  pdf.moveDown(0.3);
  if (!doc.erased) p(t(`retentionPerson.${doc.retention.person.state}`, { deleteAt: day(doc.retention.person.deleteAt), proofUntil: doc.retention.person.proofUntil ? day(doc.retention.person.proofUntil) : t("noProof") }));
  if (doc.retention.contractBasisUntil) p(t("contractUntil", { date: day(doc.retention.contractBasisUntil) }));

  h1(t("ledger"));
  p(t("ledgerIntro"));
  pdf.moveDown(0.2);
  for (const e of doc.events) mono(t("ledgerEvent", { seq: e.seq, type: e.type, at: e.at, hash: e.hash }));
  pdf.moveDown(0.2);
  const head = doc.ledgerHead;
  mono(t("head", { seq: head.statement.seq, hash: head.statement.hash, at: head.statement.at, keyId: head.statement.keyId }));
  mono(t("signature", { signature: head.signature }));

  // Page numbers last, on every buffered page; the bottom margin is lifted so the footer does not start a new page.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font("Helvetica").fontSize(8).fillColor("#555")
      .text(safe(t("page", { page: i + 1, pages: range.count })), pdf.page.margins.left, pdf.page.height - 36, { width: pdf.page.width - pdf.page.margins.left - pdf.page.margins.right, align: "center", lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}
