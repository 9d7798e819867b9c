// The plain-text part of a message, made from the HTML the editor's Markdown rendered to: no Markdown
// markers, no tags, each link's address as a numbered footnote under the text, each image as its alt text
// (html-to-text does the layout; only the footnotes and images are ours).
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
  const altText: FormatCallback = (elem, _walk, builder) => {
    const alt = typeof elem.attribs?.alt === "string" ? elem.attribs.alt.trim() : "";
    if (alt) builder.addInline(alt);
  };
  const text = convert(html, {
    wordwrap: 76,
    formatters: { footnoteLink, altText },
    selectors: [
      { selector: "a", format: "footnoteLink" },
      { selector: "img", format: "altText" },
      { selector: "h1", options: { uppercase: false } },
      { selector: "h2", options: { uppercase: false } },
      { selector: "h3", options: { uppercase: false } },
      { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
    ],
  }).trim();
  return links.length ? `${text}\n\n${links.map((href, i) => `[${i + 1}] ${href}`).join("\n")}` : text;
}
