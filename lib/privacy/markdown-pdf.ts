// The Markdown documents of lib/privacy as a PDF (pdfkit, built-in Helvetica, like the consent proof in
// lib/export/render-proof-pdf.ts). Deliberately simple: headings, paragraphs, (nested) list items, and
// table rows as lines; Markdown escapes and emphasis marks are removed, nothing else is interpreted.
import PDFDocument from "pdfkit";
import type { Locale } from "../i18n/translator.ts";

// The built-in fonts only cover WinAnsi; replace what they cannot draw rather than emitting garbage.
const safe = (s: string) => s.replace(/[^\x09\x0a\x0d\x20-\x7e\u00a0-\u00ff]/g, "?");
/** Markdown inline text → plain text: `\*` → `*`, `**bold**` → `bold`, `` `code` `` → `code`. */
const plain = (s: string) => safe(s.replace(/\*\*|__|`/g, "").replace(/\\(.)/g, "$1").trim());

const HEADING_SIZES = [18, 14, 12, 10.5];

export async function renderMarkdownPdf(markdown: string, opts: { title: string; locale: Locale }): Promise<Buffer> {
  const pdf = new PDFDocument({ size: "A4", margin: 50, compress: false, lang: opts.locale, info: { Title: safe(opts.title), Producer: "Proofmail" } });
  const chunks: Buffer[] = [];
  pdf.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  const left = pdf.page.margins.left;
  const body = () => pdf.font("Helvetica").fontSize(9.5);
  body();

  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) pdf.text(plain(paragraph.join(" ")), left).moveDown(0.5);
    paragraph = [];
  };
  for (const line of markdown.split("\n")) {
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    const item = /^(\s*)[-*]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      pdf.moveDown(heading[1].length === 1 ? 0 : 0.4).font("Helvetica-Bold").fontSize(HEADING_SIZES[heading[1].length - 1]).text(plain(heading[2]), left).moveDown(0.3);
      body();
    } else if (item) {
      flush();
      const depth = Math.floor(item[1].length / 2);
      pdf.text(`-  ${plain(item[2])}`, left + 12 * (depth + 1), undefined, { indent: 0 }).moveDown(0.15);
    } else if (/^\s*\|/.test(line)) {
      flush();
      // A table row as one line of its cells; the |---| separator row is left out.
      const cells = line.trim().replace(/^\||\|$/g, "").split(/(?<!\\)\|/).map((c) => c.trim());
      if (!cells.every((c) => /^:?-+:?$/.test(c))) pdf.text(plain(cells.join("  /  ")), left).moveDown(0.15);
    } else if (line.trim() === "") {
      flush();
    } else {
      paragraph.push(line.trim());
    }
  }
  flush();
  pdf.end();
  return done;
}
