// The consent proof as a PDF (pdfkit, built-in Helvetica). Same content as the HTML document.
import PDFDocument from "pdfkit";
import type { ProofDocument } from "./get-proof.ts";

// The built-in fonts only cover WinAnsi; replace what they cannot draw rather than emitting garbage.
const safe = (s: unknown) => String(s ?? "—").replace(/[^\x09\x0a\x0d\x20-\x7e\u00a0-\u00ff]/g, "?");

export async function renderProofPdf(doc: ProofDocument): Promise<Buffer> {
  const pdf = new PDFDocument({ size: "A4", margin: 50, compress: false, info: { Title: `Consent proof ${doc.subscriber.id}`, Producer: "Proofmail", Keywords: doc.formVersions.map((v) => v.contentHash).join(" ") } });
  const chunks: Buffer[] = [];
  pdf.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  const h1 = (t: string) => pdf.moveDown(0.6).font("Helvetica-Bold").fontSize(14).text(safe(t)).moveDown(0.2).font("Helvetica").fontSize(9);
  const kv = (k: string, v: unknown) => pdf.font("Helvetica-Bold").text(`${safe(k)}: `, { continued: true }).font("Helvetica").text(safe(v));

  pdf.font("Helvetica-Bold").fontSize(18).text("Consent proof");
  pdf.font("Helvetica").fontSize(9);
  kv("Subscriber", doc.subscriber.email);
  kv("Subscriber id", doc.subscriber.id);
  kv("Controller", doc.controller?.name);
  kv("Generated", doc.generatedAt);

  h1("Subscriptions");
  for (const s of doc.subscriptions) {
    kv(s.newsletter.name, `${s.status}, basis ${s.basis}, method ${s.method ?? "-"}, source ${s.source}`);
    pdf.text(safe(`given ${s.givenAt ?? "-"}, confirmed ${s.confirmedAt ?? "-"}, unsubscribed ${s.unsubscribedAt ?? "-"}, form version ${s.formVersionId ?? "-"}, proof ${s.proofReference ?? "-"}`));
    pdf.moveDown(0.3);
  }
  h1("Form text shown");
  for (const v of doc.formVersions) {
    kv("Form", `${v.form.slug}, version ${v.version} (${v.language}), published ${v.publishedAt}`);
    kv("Form version id", v.id);
    kv("Content hash (sha256)", `${v.contentHash} ${v.hashMatchesText ? "(matches the text)" : "(DOES NOT match the text)"}`);
    pdf.moveDown(0.2).font("Courier").fontSize(8).text(safe(v.renderedText)).font("Helvetica").fontSize(9).moveDown(0.5);
  }
  if (doc.formVersions.length === 0) pdf.text("No form version is recorded.");
  h1("Confirmation emails sent");
  for (const m of doc.confirmationEmails) {
    kv(m.at, m.subject);
    pdf.font("Courier").fontSize(8).text(safe(m.text)).font("Helvetica").fontSize(9).moveDown(0.4);
  }
  if (doc.confirmationEmails.length === 0) pdf.text("No confirmation email is recorded.");
  h1("Ledger events");
  for (const e of doc.events) {
    kv(`#${e.seq} ${e.type}`, `${e.at}  IP ${e.ip ?? "-"}  form ${e.formVersionId ?? "-"}  actor ${e.actor}`);
    pdf.text(safe(`user agent: ${e.userAgent ?? "-"}`));
    if (e.details) pdf.text(safe(`details: ${JSON.stringify(e.details)}`));
    pdf.text(safe(`hash ${e.hash} ${e.hashOk ? "(intact)" : "(EDITED)"}`)).moveDown(0.3);
  }
  if (doc.purchases.length) {
    h1("Purchases");
    for (const p of doc.purchases) pdf.text(safe(`${p.at}  ${p.category}  opt-out offered: ${p.optOutOfferedAtCollection ? "yes" : "no"}  objected: ${p.objected ? "yes" : "no"}`));
  }
  pdf.end();
  return done;
}
