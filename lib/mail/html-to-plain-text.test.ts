import { describe, it, expect } from "vitest";
import { markdownToSafeHtml } from "./render-issue.tsx";
import { htmlToPlainText } from "./html-to-plain-text.ts";

const md = [
  "# Voorjaar",
  "",
  "Nieuwe **fietsen** en _accessoires_: bekijk [de collectie](https://fietsen.nl/nieuw?a=1&b=2) of [de sale](https://fietsen.nl/sale).",
  "",
  "- één",
  "- twee, opnieuw [de collectie](https://fietsen.nl/nieuw?a=1&b=2)",
  "",
  "> Een citaat met `code`.",
  "",
  "![Een fiets](https://fietsen.nl/fiets.jpg)",
  "",
  "<b>rauwe</b> HTML &amp; tekens",
].join("\n");

describe("htmlToPlainText", () => {
  it("has no Markdown markers or tags, and the links as numbered footnotes (one per address)", () => {
    const text = htmlToPlainText(markdownToSafeHtml(md));
    expect(text).toContain("Voorjaar");
    expect(text).toContain("Nieuwe fietsen en accessoires: bekijk de collectie [1] of de sale [2].");
    expect(text).toContain("twee, opnieuw de collectie [1]");
    expect(text).toMatch(/\n\[1\] https:\/\/fietsen\.nl\/nieuw\?a=1&b=2\n\[2\] https:\/\/fietsen\.nl\/sale$/);
    expect(text).toContain("rauwe HTML & tekens");
    expect(text).not.toMatch(/<\/?[a-z][^>]*>/i); // no tags
    expect(text).not.toMatch(/\*\*|__|^#|\]\(|!\[|`/m); // no Markdown
    expect(text).toContain("Een fiets"); // an image is its alt text
    expect(text).not.toContain("fiets.jpg"); // and not its address
  });
});
