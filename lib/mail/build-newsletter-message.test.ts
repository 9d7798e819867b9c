import { describe, it, expect } from "vitest";
import nodemailer from "nodemailer";
import { simpleParser } from "mailparser";
import { renderIssue, markdownToSafeHtml, whyLine } from "./render-issue.tsx";
import { buildNewsletterMessage, messageCompliance, ONE_CLICK } from "./build-newsletter-message.ts";

const org = { name: "Fietsen & Co", address: "Keizersgracht 1, 1015 AB Amsterdam", contactEmail: "privacy@fietsen.nl", privacyUrl: "https://fietsen.nl/privacy" };
const newsletter = { slug: "fiets-nieuws", name: "Fietsnieuws", fromName: "Fietsen & Co", fromEmail: "nieuws@fietsen.nl", replyTo: null, language: "nl" };
const unsub = "http://localhost:3999/u/abcdefghij.XYZ_-123";
const mailto = "mailto:afmelden@fietsen.nl?subject=unsubscribe%20abcdefghij.XYZ_-123";

async function build(overrides: Partial<Parameters<typeof buildNewsletterMessage>[0]> = {}, md = "# Hallo\n\nNieuwe [fietsen](https://fietsen.nl/nieuw?a=1&b=2).") {
  const template = await renderIssue({ issue: { subject: "Voorjaar\r\nBcc: evil@x.nl", preheader: "De nieuwste modellen", bodyMarkdown: md }, newsletter, org });
  return buildNewsletterMessage({
    template, newsletter, org, to: "jan@example.nl", unsubscribeUrl: unsub, unsubscribeMailto: mailto, preferencesUrl: "http://localhost:3999/p/tok.en",
    why: whyLine({ lang: "nl", basis: "consent", newsletterName: "Fietsnieuws", orgName: org.name, since: new Date("2025-01-10T09:05:00Z") }),
    messageKey: "delivery123", campaignId: "issue42", ...overrides,
  });
}

async function raw(mail: Awaited<ReturnType<typeof build>>) {
  const t = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const info = (await t.sendMail(mail)) as unknown as { message: Buffer };
  return simpleParser(info.message);
}

describe("buildNewsletterMessage", () => {
  it("carries the RFC 2369/8058 headers, List-Id, a stable Message-ID and the sender", async () => {
    const p = await raw(await build());
    expect(p.headerLines.find((h) => h.key === "list-unsubscribe-post")?.line).toBe(`List-Unsubscribe-Post: ${ONE_CLICK}`);
    // RFC 2369: the https URL and the mailto alternative with the same token (folded, as a long header may be)
    expect(p.headerLines.find((h) => h.key === "list-unsubscribe")?.line.replace(/\r\n\s+/g, " ")).toBe(`List-Unsubscribe: <${unsub}>, <${mailto}>`);
    expect(p.headerLines.find((h) => h.key === "list-id")?.line).toContain("<fiets-nieuws.fietsen.nl>");
    expect(p.messageId).toBe("<delivery123@fietsen.nl>");
    expect(p.headerLines.find((h) => h.key === "feedback-id")?.line).toBe("Feedback-ID: issue42:fiets-nieuws:newsletter:proofmail");
    expect(p.from?.value[0]).toMatchObject({ name: "Fietsen & Co", address: "nieuws@fietsen.nl" });
    // CR/LF in the subject never reaches a header
    expect(p.subject).toBe("Voorjaar Bcc: evil@x.nl");
    expect(p.bcc).toBeUndefined();
  });

  it("has a Dutch footer with unsubscribe, preferences, why-you-get-this and the organisation, in both parts", async () => {
    const mail = await build();
    const p = await raw(mail);
    for (const part of [p.text!, p.html as string]) {
      expect(part).toContain("Afmelden voor deze nieuwsbrief");
      expect(part).toContain("Je gegevens en voorkeuren");
      expect(part).toContain("10 januari 2025");
      expect(part).toContain("Keizersgracht 1, 1015 AB Amsterdam");
    }
    expect(p.html).toContain(`href="${unsub}"`);
    expect(p.text).toContain(unsub);
    // no link rewriting, no tracking pixel
    expect(p.html).toContain('href="https://fietsen.nl/nieuw?a=1&amp;b=2"');
    expect(p.html).not.toMatch(/<img/i);
    expect(messageCompliance(mail, unsub, org, mailto)).toEqual({ unsubscribeLink: true, listUnsubscribeHeaders: true, senderIdentity: true });
  });

  it("speaks English for an English newsletter", async () => {
    const template = await renderIssue({ issue: { subject: "Spring", preheader: "", bodyMarkdown: "Hi" }, newsletter: { ...newsletter, language: "en" }, org });
    expect(template.text).toContain("Unsubscribe from this newsletter");
    expect(template.html).toContain('lang="en"');
  });

  it("compliance is read from the built message, not assumed", async () => {
    const mail = await build();
    const noLink = { ...mail, html: String(mail.html).split(unsub).join("https://elsewhere.example/") };
    expect(messageCompliance(noLink, unsub, org, mailto).unsubscribeLink).toBe(false);
    const noHeader = { ...mail, headers: { ...(mail.headers as Record<string, string>), "List-Unsubscribe-Post": "" } };
    expect(messageCompliance(noHeader, unsub, org, mailto).listUnsubscribeHeaders).toBe(false);
    expect(messageCompliance(mail, unsub, { ...org, address: "" }, mailto).senderIdentity).toBe(false);
    expect(messageCompliance(mail, "not a url", org, mailto).listUnsubscribeHeaders).toBe(false);
    // the mailto entry is required too (RFC 2369 alongside RFC 8058), and must be the one in the header
    const httpsOnly = { ...mail, headers: { ...(mail.headers as Record<string, string>), "List-Unsubscribe": `<${unsub}>` } };
    expect(messageCompliance(httpsOnly, unsub, org, mailto).listUnsubscribeHeaders).toBe(false);
    expect(messageCompliance(mail, unsub, org, "").listUnsubscribeHeaders).toBe(false);
    expect(messageCompliance(mail, unsub, org, mailto.replace("abcdefghij", "otherother")).listUnsubscribeHeaders).toBe(false);
  });

  it("a test send is marked [TEST]", async () => {
    expect((await build({ test: true })).subject).toMatch(/^\[TEST\] Voorjaar/);
  });
});

describe("markdownToSafeHtml", () => {
  it("strips scripts, handlers and javascript: links", () => {
    const html = markdownToSafeHtml('<script>alert(1)</script><img src="x" onerror="alert(1)">[x](javascript:alert(1)) <iframe src="https://x"></iframe>\n\n[x](javascript:alert(1)) and [y](https://ok.example/)');
    expect(html).not.toMatch(/<script|onerror|href="javascript:|iframe/i);
    expect(html).toContain('href="https://ok.example/"');
  });
});
