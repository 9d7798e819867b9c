// The plain-text part of a message, made from the HTML the editor's Markdown rendered to: no Markdown
// markers, no tags, each link's address as a numbered footnote under the text (html-to-text does the
// layout; only the footnotes are ours).
import { convert, type FormatCallback } from "html-to-text";

export function htmlToPlainText(html: string): string {
  const links: string[] = [];
  const footnoteLink: FormatCallback = (elem, walk, builder) => {
    const href = typeof elem.attribs?.href === "string" ? elem.attribs.href : "";
    walk(elem.children, builder);
    if (/^(https?:|mailto:)/i.test(href)) {
      let n = links.indexOf(href) + 1;
      if (!n) n = links.push(href);
      builder.addInline(` [${n}]`);
    }
  };
  const text = convert(html, {
    wordwrap: 76,
    formatters: { footnoteLink },
    selectors: [
      { selector: "a", format: "footnoteLink" },
      { selector: "img", format: "skip" },
      { selector: "h1", options: { uppercase: false } },
      { selector: "h2", options: { uppercase: false } },
      { selector: "h3", options: { uppercase: false } },
      { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
    ],
  }).trim();
  return links.length ? `${text}\n\n${links.map((href, i) => `[${i + 1}] ${href}`).join("\n")}` : text;
}
