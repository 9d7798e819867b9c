// Our mail template's HTML and inline CSS checked against caniemail.com's data (the caniemail package) for
// the major clients: Gmail (web, Android, iOS, mobile web), Outlook on Windows, Outlook for Mac,
// Outlook.com, Apple Mail (macOS, iOS) and Yahoo (web, Android, iOS). Every feature the template uses
// must be supported there ("not supported" = an error); the only exceptions are listed below, each with
// why it does no harm, and each accepted only where it occurs for that reason.
import { describe, it, expect } from "vitest";
import { caniemail } from "caniemail";
import { renderIssue } from "./render-issue.tsx";

const CLIENTS = ["gmail.*", "outlook.windows", "outlook.macos", "outlook.outlook-com", "apple-mail.*", "yahoo.*"] as const;

// The preheader (react-email's Preview) is hidden by several properties at once; a client that ignores
// some of them still hides it with another (each client below supports at least one of the four).
const PREHEADER_HIDING = new Set(["display:none", "max-height property", "opacity", "overflow"]);

type FeatureIssue = { title: string; notes: string[]; position?: { start: { line: number; column: number } } };
type Found = { client: string; issue: FeatureIssue; at: string };

function exception(f: Found, all: Found[]): boolean {
  const title = f.issue.title;
  // Clients that drop <body> attributes (Yahoo mobile, Outlook for Mac) lose only its margin and background:
  // the wrapper table's cell repeats them. caniemail also counts every <tbody> as a <body> (its match).
  if (title === "<body> element") return /^<t?body\b/.test(f.at);
  if (PREHEADER_HIDING.has(title)) {
    const missing = all.filter((o) => o.client === f.client && PREHEADER_HIDING.has(o.issue.title)).length;
    return f.at.startsWith("<div") && f.at.includes("display:none") && missing < PREHEADER_HIDING.size;
  }
  // Images say height:auto so no client stretches them; Yahoo ignores it and keeps the natural aspect
  // ratio anyway, as the template never gives an image a height attribute.
  if (title === "height property") return f.client.startsWith("yahoo.") && f.at.startsWith("<img");
  return false;
}

describe("the mail template in the major email clients (caniemail data)", () => {
  it("uses no HTML or CSS feature they lack, but for the listed harmless exceptions", async () => {
    const r = await renderIssue({
      issue: {
        subject: "Voorjaar", preheader: "Nieuwe fietsen",
        bodyMarkdown: "# Voorjaar\n\n## Nieuw\n\nBekijk **de** _collectie_ en [de sale](https://fietsen.example/sale).\n\n- één\n- twee\n\n1. a\n2. b\n\n> citaat met `code`\n\n---\n\n![Een rode fiets](https://fietsen.example/fiets.png)",
      },
      newsletter: { name: "Fietsnieuws", language: "nl" },
      org: { name: "Fietsen & Co", address: "Keizersgracht 1, Amsterdam", contactEmail: "privacy@fietsen.example", privacyUrl: "https://fietsen.example/privacy" },
      imageWidths: { "https://fietsen.example/fiets.png": 800 },
    });
    const lines = r.html.split("\n");
    const res = caniemail({ clients: [...CLIENTS], html: r.html });
    const found: Found[] = [...res.issues.errors].flatMap(([client, list]) => list.map((issue) => {
      const p = issue.position?.start;
      return { client, issue, at: p ? lines[p.line - 1].slice(p.column - 1, p.column + 200) : "" };
    }));
    expect(found.length).toBeGreaterThan(0); // the check reads the template (its exceptions occur in it)
    const problems = found.filter((f) => !exception(f, found)).map((f) => `${f.issue.title} is not supported by ${f.client}, at ${f.at.slice(0, 60)}`);
    expect(problems).toEqual([]);
  });

  it("refuses what the template must not use (the check is not blind)", () => {
    const res = caniemail({ clients: [...CLIENTS], html: '<html><body><div style="border-radius:6px;display:flex"><a href="https://x.example" target="_blank">x</a></div></body></html>' });
    const titles = new Set([...res.issues.errors.values()].flat().map((i) => i.title));
    expect([...titles]).toEqual(expect.arrayContaining(["border-radius", "target attribute"]));
  });
});
