// Renders an issue once per send into an HTML and a plain-text template (react-email for HTML that holds
// up in common clients; marked + sanitize-html for the editor's Markdown). The per-recipient parts
// (unsubscribe link, preferences link, receipt link, why-you-get-this line) are markers that
// build-newsletter-message.ts fills in with plain string replacement, so 100,000 recipients cost one
// React render, not 100,000. The markers carry a random nonce so nothing an editor types can collide.
import { randomBytes } from "node:crypto";
import { marked } from "marked";
import { htmlToPlainText } from "./html-to-plain-text.ts";
import sanitizeHtml from "sanitize-html";
// The individual @react-email packages (the same ones @react-email/components re-exports): importing the
// umbrella package also loads Tailwind and Prism, ~35 MB more in every worker process.
import { Body } from "@react-email/body";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Preview } from "@react-email/preview";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import { render } from "@react-email/render";
import { translator } from "../i18n/translator.ts";
import type { Branding } from "../settings/get-branding.ts";
import { brandHeaderHtml } from "./brand-header.ts";

export type Lang = "nl" | "en";

export type IssueContent = { subject: string; preheader: string; bodyMarkdown: string };
/** `footer`: the newsletter's own text above the standard footer (plain text, line by line). */
export type NewsletterInfo = { name: string; language: string; footer?: string };
export type OrgIdentity = { name: string; address: string; contactEmail: string; privacyUrl: string };

export type RenderedIssue = {
  subject: string;
  lang: Lang;
  html: string;
  text: string;
  markers: { unsubscribeUrl: string; preferencesUrl: string; receiptUrl: string; why: string };
};

export const langOf = (language: string | null | undefined): Lang => (language === "en" ? "en" : "nl");

const FOOTER = {
  nl: {
    unsubscribe: "Afmelden voor deze nieuwsbrief",
    preferences: "Je gegevens en voorkeuren",
    sentBy: "Verstuurd door",
    privacy: "Privacyverklaring",
  },
  en: {
    unsubscribe: "Unsubscribe from this newsletter",
    preferences: "Your data and preferences",
    sentBy: "Sent by",
    privacy: "Privacy statement",
  },
} as const;

/** Known pixel widths of images by their src (uploads record theirs, lib/uploads/image-widths.ts). */
export type ImageWidths = Record<string, number>;

// The body column's width (600 px container less 2 × 24 px padding): an image is never wider there.
const COLUMN_PX = 552;

/**
 * Editor Markdown → safe HTML: no scripts, no event handlers, no iframes; links kept exactly as written.
 * Images are responsive (max-width:100%; height:auto, which every major client honours) and carry a width
 * attribute where their size is known, for Outlook on Windows, which ignores max-width.
 */
export function markdownToSafeHtml(markdown: string, imageWidths: ImageWidths = {}): string {
  const raw = marked.parse(markdown, { async: false, gfm: true }) as string;
  return sanitizeHtml(raw, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, "img", "h1", "h2"],
    allowedAttributes: { a: ["href", "title"], img: ["src", "alt", "title", "width", "style"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["https", "http"] },
    // Replaces every attribute the editor gave but these: their own style never survives.
    transformTags: {
      img: (tagName, a) => {
        const known = imageWidths[a.src ?? ""];
        const width = known ? Math.min(known, COLUMN_PX) : Number(a.width) > 0 ? Math.min(Math.floor(Number(a.width)), COLUMN_PX) : null;
        return {
          tagName,
          attribs: {
            src: a.src ?? "", alt: a.alt ?? "", ...(a.title ? { title: a.title } : {}), ...(width ? { width: String(width) } : {}),
            style: "display:block;max-width:100%;height:auto;border:0",
          },
        };
      },
    },
  });
}

/** The images of the editor's Markdown that have no alt text (their src), in order. */
export function imagesWithoutAlt(markdown: string): string[] {
  const html = markdownToSafeHtml(markdown);
  return [...html.matchAll(/<img\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !/\salt="[^"]*[^"\s][^"]*"/.test(tag)).map((tag) => /\ssrc="([^"]*)"/.exec(tag)?.[1] ?? "");
}

/** The purpose version the person agreed to, quoted in the footer (O-WHY-YOU-GET-THIS). */
export type AgreedPurpose = { version: number; name: string; description: string; agreedAt: Date | null };

/** Why-you-get-this line (O-WHY-YOU-GET-THIS), plain text; the caller escapes it for HTML. */
export function whyLine(opts: { lang: Lang; basis: "consent" | "existing_customer"; newsletterName: string; orgName: string; since: Date | null; purpose?: AgreedPurpose | null }): string {
  const date = opts.since ? formatDate(opts.since, opts.lang) : null;
  if (opts.basis === "existing_customer") {
    return opts.lang === "nl"
      ? `Je ontvangt dit bericht als klant van ${opts.orgName}. Wil je geen aanbiedingen meer? Meld je hieronder af.`
      : `You receive this as a customer of ${opts.orgName}. Don't want offers any more? Unsubscribe below.`;
  }
  const base = opts.lang === "nl"
    ? `Je ontvangt ${opts.newsletterName} omdat je je hebt aangemeld${date ? ` op ${date}` : ""}.`
    : `You receive ${opts.newsletterName} because you subscribed${date ? ` on ${date}` : ""}.`;
  return opts.purpose ? `${base} ${agreedPurposeLine(opts.purpose, opts.lang)}` : base;
}

// Quotes the version the person agreed to, never today's text (a later cosmetic edit stays unquoted).
function agreedPurposeLine(p: AgreedPurpose, lang: Lang): string {
  const on = p.agreedAt ? formatDate(p.agreedAt, lang) : null;
  const what = `“${singleLine(p.name)}”${p.description.trim() ? `: ${singleLine(p.description)}` : ""}`;
  return lang === "nl"
    ? `Je hebt${on ? ` op ${on}` : ""} ingestemd met dit doel (doelversie ${p.version}): ${what}`
    : `The purpose you agreed to${on ? ` on ${on}` : ""} (purpose version ${p.version}): ${what}`;
}

const formatters = { nl: new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Amsterdam" }), en: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Amsterdam" }) };
export const formatDate = (d: Date, lang: Lang) => formatters[lang].format(d);

// The receipt page's link (issue 12 D6): why this person got this message, and the message as sent.
const receiptLabel = (lang: Lang) => translator(lang, "receipt")("footerLink");

const footerLines = (footer: string | undefined) => (footer ?? "").split("\n").map((l) => l.trim()).filter(Boolean);

function IssueEmail(p: { bodyHtml: string; bodyLang?: Lang; preheader: string; newsletterName: string; footer?: string; org: OrgIdentity; lang: Lang; m: RenderedIssue["markers"]; brand: Branding | null }) {
  const t = FOOTER[p.lang];
  const small = { fontSize: "12px", lineHeight: "18px", color: "#555555", margin: "4px 0" };
  const linkColor = p.brand?.accent ?? "#3730a3";
  return (
    <Html lang={p.lang}>
      <Head />
      {p.preheader ? <Preview>{p.preheader}</Preview> : null}
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", maxWidth: "600px", padding: "24px" }}>
          {p.brand ? <div dangerouslySetInnerHTML={{ __html: brandHeaderHtml(p.brand) }} /> : null}
          <Text style={{ fontSize: "13px", color: p.brand?.accent ?? "#555555", margin: "0 0 12px" }}>{p.newsletterName}</Text>
          <Section>
            <div lang={p.bodyLang} style={{ fontSize: "16px", lineHeight: "24px", color: "#111111" }} dangerouslySetInnerHTML={{ __html: p.bodyHtml }} />
          </Section>
          <Hr style={{ borderColor: p.brand?.accent ?? "#e4e4e7", margin: "24px 0 12px" }} />
          <Section>
            {footerLines(p.footer).map((line, i) => <Text key={i} style={small}>{line}</Text>)}
            <Text style={small}>{p.m.why}</Text>
            <Text style={small}>
              <a href={p.m.receiptUrl} style={{ color: linkColor, textDecoration: "underline" }}>{receiptLabel(p.lang)}</a>
            </Text>
            <Text style={small}>
              <a href={p.m.unsubscribeUrl} style={{ color: linkColor, textDecoration: "underline" }}>{t.unsubscribe}</a>
              {" · "}
              <a href={p.m.preferencesUrl} style={{ color: linkColor, textDecoration: "underline" }}>{t.preferences}</a>
              {p.org.privacyUrl ? (
                <>
                  {" · "}
                  <a href={p.org.privacyUrl} style={{ color: linkColor, textDecoration: "underline" }}>{t.privacy}</a>
                </>
              ) : null}
            </Text>
            <Text style={small}>
              {t.sentBy} {p.org.name}
              {p.org.address ? `, ${p.org.address}` : ""}
              {p.org.contactEmail ? ` · ${p.org.contactEmail}` : ""}
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

function textVersion(p: { bodyHtml: string; newsletterName: string; footer?: string; org: OrgIdentity; lang: Lang; m: RenderedIssue["markers"] }): string {
  const t = FOOTER[p.lang];
  const lines = [
    p.newsletterName,
    "",
    htmlToPlainText(p.bodyHtml),
    "",
    "-- ",
    ...footerLines(p.footer),
    p.m.why,
    `${receiptLabel(p.lang)}: ${p.m.receiptUrl}`,
    "",
    `${t.unsubscribe}: ${p.m.unsubscribeUrl}`,
    `${t.preferences}: ${p.m.preferencesUrl}`,
    ...(p.org.privacyUrl ? [`${t.privacy}: ${p.org.privacyUrl}`] : []),
    "",
    `${t.sentBy} ${p.org.name}${p.org.address ? `, ${p.org.address}` : ""}${p.org.contactEmail ? ` · ${p.org.contactEmail}` : ""}`,
  ];
  return lines.join("\n") + "\n";
}

/** One render per issue (per send); per-recipient parts stay markers. */
export async function renderIssue(opts: {
  issue: IssueContent; newsletter: NewsletterInfo; org: OrgIdentity; brand?: Branding | null; imageWidths?: ImageWidths;
  /** The language the body is written in, when it is not the reader's (`newsletter.language`). */
  bodyLanguage?: string;
}): Promise<RenderedIssue> {
  const lang = langOf(opts.newsletter.language);
  const bodyLang = opts.bodyLanguage && langOf(opts.bodyLanguage) !== lang ? langOf(opts.bodyLanguage) : undefined;
  const nonce = randomBytes(6).toString("hex");
  const markers = {
    unsubscribeUrl: `https://pm-${nonce}.invalid/unsubscribe`,
    preferencesUrl: `https://pm-${nonce}.invalid/preferences`,
    receiptUrl: `https://pm-${nonce}.invalid/receipt`,
    why: `PM${nonce}WHY`,
  };
  const bodyHtml = markdownToSafeHtml(opts.issue.bodyMarkdown, opts.imageWidths);
  const html = await render(
    <IssueEmail bodyHtml={bodyHtml} bodyLang={bodyLang} preheader={opts.issue.preheader} newsletterName={opts.newsletter.name} footer={opts.newsletter.footer} org={opts.org} lang={lang} m={markers} brand={opts.brand ?? null} />,
  );
  const text = textVersion({ bodyHtml, newsletterName: opts.newsletter.name, footer: opts.newsletter.footer, org: opts.org, lang, m: markers });
  return { subject: singleLine(opts.issue.subject), lang, html, text, markers };
}

/** Header values never carry CR/LF (or other control characters). */
export const singleLine = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
