// The consent proof as a PDF (pdfkit, built-in Helvetica). Same content as the HTML document, in the
// subscriber's language (lib/i18n messages, namespace "proof"); the form text is always as they saw it.
import PDFDocument from "pdfkit";
import type { ProofDocument } from "./get-proof.ts";
import { isLocale, translator, type Locale } from "../i18n/translator.ts";

/** The language the person used with us: that of the latest form they saw, else of their first newsletter. */
export function proofLanguage(doc: ProofDocument): Locale {
  const form = [...doc.formVersions].sort((a, b) => String(b.publishedAt).localeCompare(String(a.publishedAt)))[0]?.language;
  if (isLocale(form)) return form;
  const newsletter = doc.subscriptions[0]?.newsletter.language;
  return isLocale(newsletter) ? newsletter : "en";
}

// The built-in fonts only cover WinAnsi; replace what they cannot draw rather than emitting garbage.
const safe = (s: unknown) => String(s ?? "—").replace(/[^\x09\x0a\x0d\x20-\x7e\u00a0-\u00ff]/g, "?");

export async function renderProofPdf(doc: ProofDocument, locale: Locale = proofLanguage(doc)): Promise<Buffer> {
  const t = translator(locale, "proof");
  const tp = translator(locale, "privacy");
  type Statement = ProofDocument["formVersions"][number]["privacyStatement"];
  const statement = (p: Statement, url?: string) =>
    p ? tp("proof.statement", { version: String(p.version), language: p.language, url: p.url, sha256: p.sha256 }) : url ? tp("proof.linkOnly", { url }) : tp("proof.none");
  const pdf = new PDFDocument({ size: "A4", margin: 50, compress: false, lang: locale, info: { Title: `${t("title")} ${doc.subscriber.id}`, Producer: "Proofmail", Keywords: doc.formVersions.map((v) => v.contentHash).join(" ") } });
  const chunks: Buffer[] = [];
  pdf.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  const h1 = (t: string) => pdf.moveDown(0.6).font("Helvetica-Bold").fontSize(14).text(safe(t)).moveDown(0.2).font("Helvetica").fontSize(9);
  const kv = (k: string, v: unknown) => pdf.font("Helvetica-Bold").text(`${safe(k)}: `, { continued: true }).font("Helvetica").text(safe(v));

  const status = (x: string) => (x === "pending" || x === "confirmed" || x === "unsubscribed" ? t(`status.${x}`) : x);
  const yesNo = (b: boolean) => t(b ? "yes" : "no");
  pdf.font("Helvetica-Bold").fontSize(18).text(safe(t("title")));
  pdf.font("Helvetica").fontSize(9);
  kv(t("subscriber"), doc.subscriber.email);
  kv(t("subscriberId"), doc.subscriber.id);
  kv(t("controller"), doc.controller?.name);
  kv(t("generated"), doc.generatedAt);

  h1(t("subscriptions"));
  for (const s of doc.subscriptions) {
    kv(s.newsletter.name, t("subscription", { status: status(s.status), basis: s.basis, method: s.method ?? "-", source: s.source }));
    pdf.text(safe(t("subscriptionDates", { given: s.givenAt ?? "-", confirmed: s.confirmedAt ?? "-", unsubscribed: s.unsubscribedAt ?? "-", formVersion: s.formVersionId ?? "-", proof: s.proofReference ?? "-" })));
    pdf.moveDown(0.3);
  }
  h1(t("formTextShown"));
  for (const v of doc.formVersions) {
    kv(t("form"), t("formValue", { slug: v.form.slug, version: String(v.version), language: v.language, publishedAt: v.publishedAt ?? "-" }));
    kv(t("formVersionId"), v.id);
    kv(tp("proof.label"), statement(v.privacyStatement, v.privacyUrl));
    kv(t("contentHash"), `${v.contentHash} ${v.hashMatchesText ? t("hashMatches") : t("hashDoesNotMatch")}`);
    pdf.moveDown(0.2).font("Courier").fontSize(8).text(safe(v.renderedText)).font("Helvetica").fontSize(9).moveDown(0.5);
  }
  if (doc.formVersions.length === 0) pdf.text(safe(t("noFormVersion")));
  h1(t("confirmationEmails"));
  for (const m of doc.confirmationEmails) {
    kv(m.at, m.subject);
    pdf.font("Courier").fontSize(8).text(safe(m.text)).font("Helvetica").fontSize(9).moveDown(0.4);
  }
  if (doc.confirmationEmails.length === 0) pdf.text(safe(t("noConfirmationEmail")));
  h1(t("messagesSent"));
  if (doc.messages.length) pdf.text(safe(t("messagesSentIntro", { count: doc.messages.length }))).moveDown(0.3);
  for (const m of doc.messages) {
    kv(m.sentAt ?? "-", t("messageLine", { subject: m.subject, newsletter: m.newsletter.name }));
    pdf.text(safe(t("messageRecord", { basis: m.basis ?? "-", reason: m.reason ?? "-", rulesVersion: m.rulesVersion ?? "-", decidedAt: m.decidedAt ?? "-" })));
    pdf.text(safe(t("messageFactsHash", { hash: m.factsHash ?? "-" }))).moveDown(0.3);
  }
  if (doc.messages.length === 0) pdf.text(safe(t("noMessagesSent")));
  h1(t("ledgerEvents"));
  for (const e of doc.events) {
    kv(`#${e.seq} ${e.type}`, t("eventLine", { at: e.at, ip: e.ip ?? "-", form: e.formVersionId ?? "-", actor: e.actor }));
    pdf.text(safe(t("userAgent", { userAgent: e.userAgent ?? "-" })));
    if (e.privacyStatement) pdf.text(safe(`${tp("proof.label")}: ${statement(e.privacyStatement)}`));
    if (e.details) pdf.text(safe(t("details", { details: JSON.stringify(e.details) })));
    pdf.text(safe(t("eventHash", { hash: e.hash, state: e.hashOk ? t("intact") : t("edited") }))).moveDown(0.3);
  }
  if (doc.purchases.length) {
    h1(t("purchases"));
    for (const p of doc.purchases) pdf.text(safe(t("purchaseLine", { at: p.at, category: p.category, offered: yesNo(p.optOutOfferedAtCollection), objected: yesNo(p.objected) })));
  }
  pdf.end();
  return done;
}
