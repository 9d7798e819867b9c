import { describe, it, expect, afterAll } from "vitest";
import { generateKeyPairSync, createPublicKey } from "node:crypto";
// The DKIM verifier only: mailauth's index also loads its BIMI module, whose undici 8 needs Node 22.
import { dkimVerify } from "mailauth/lib/dkim/verify.js";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import type Mail from "nodemailer/lib/mailer/index.js";
import { simpleParser } from "mailparser";
import { renderIssue, whyLine } from "./render-issue.tsx";
import { buildNewsletterMessage } from "./build-newsletter-message.ts";
import { createMailMerge } from "./mail-merge.ts";
import { createSmtpTransport, type OutgoingMail } from "./transport.ts";
import { startSmtpSink } from "../testing/smtp-sink.ts";

const org = { name: "Fietsen & Co", address: "Keizersgracht 1, 1015 AB Amsterdam", contactEmail: "privacy@fietsen.nl", privacyUrl: "https://fietsen.nl/privacy" };
const newsletter = { slug: "fiets-nieuws", name: "Fietsnieuws – Überblick", fromName: "Fietsen & Cö", fromEmail: "nieuws@fietsen.nl", replyTo: "redactie@fietsen.nl", language: "nl" };
const template = await renderIssue({
  issue: { subject: "Voorjaar: de nieuwste modellen, met een onderwerp dat lang genoeg is om gevouwen te worden – één", preheader: "Lente", bodyMarkdown: "# Hallo\n\nNieuwe [fietsen](https://fietsen.nl/nieuw?a=1&b=2). Crème brûlée 🚲\n\n" + "Lange tekst. ".repeat(200) },
  newsletter, org,
});
const at = new Date("2026-11-22T10:00:00Z");

type Purpose = Parameters<typeof whyLine>[0]["purpose"];

function mailFor(i: number, over: { to?: string; unsubscribeUrl?: string; unsubscribeMailto?: string; purpose?: Purpose; messageKey?: string } = {}): OutgoingMail {
  return {
    ...buildNewsletterMessage({
      template, newsletter, org, to: over.to ?? `lezer${i}@example.nl`,
      unsubscribeUrl: over.unsubscribeUrl ?? `https://nieuws.fietsen.nl/u/token${i}.abcDEF-_`,
      unsubscribeMailto: over.unsubscribeMailto ?? `mailto:afmelden@fietsen.nl?subject=unsubscribe%20token${i}.abcDEF-_`, preferencesUrl: `https://nieuws.fietsen.nl/p/pref${i}.xyz`,
      receiptUrl: `https://nieuws.fietsen.nl/m/delivery${i}.rcpt`,
      why: whyLine({ lang: "nl", basis: "consent", newsletterName: newsletter.name, orgName: org.name, since: new Date("2025-01-10T09:05:00Z"), purpose: over.purpose }),
      messageKey: over.messageKey ?? `delivery${i}`, campaignId: "issue1",
    }),
    date: at,
  };
}

const composed = async (mail: OutgoingMail) => (await new MailComposer(mail as Mail.Options).compile().build()).toString("utf8");
// nodemailer draws a random multipart boundary per message; everything else must be the same bytes.
const sameBoundary = (s: string) => s.replace(/--_NmP-[0-9a-f]+-Part_/g, "--_NmP-BOUNDARY-Part_");

describe("mail merge", () => {
  it("produces, for every recipient, the bytes nodemailer composes (but for the boundary)", async () => {
    const merge = await createMailMerge(mailFor(0));
    for (const i of [1, 2, 3]) {
      const mail = mailFor(i);
      const merged = merge(mail);
      expect(merged.raw, "merged").toBeTypeOf("string");
      expect(merged.envelope).toEqual({ from: "nieuws@fietsen.nl", to: [`lezer${i}@example.nl`] });
      expect(merged.messageId).toBe(`<delivery${i}@fietsen.nl>`);
      expect(sameBoundary(merged.raw as string)).toBe(sameBoundary(await composed(mail)));
    }
  });

  it("is byte-identical also when the List-Unsubscribe line is long enough to be folded (real token lengths)", async () => {
    const merge = await createMailMerge(mailFor(0));
    for (const i of [1, 2]) {
      const token = `cm${String(i).repeat(23)}.${"AbCdEfGhIjKlMnOpQrSt_-"}`;
      const mail = mailFor(i, { unsubscribeUrl: `https://nieuwsbrieven.fietsen-en-co.nl/u/${token}`, unsubscribeMailto: `mailto:afmelden@fietsen-en-co.nl?subject=unsubscribe%20${token}` });
      const merged = merge(mail);
      expect(merged.raw, "merged").toBeTypeOf("string");
      expect(merged.raw as string).toMatch(/List-Unsubscribe:.*\r\n /);
      expect(sameBoundary(merged.raw as string)).toBe(sameBoundary(await composed(mail)));
    }
  });

  it("keeps each recipient's own links, address and Message-ID (nothing of another recipient leaks)", async () => {
    const merge = await createMailMerge(mailFor(0));
    const p = await simpleParser(merge(mailFor(7)).raw as string);
    expect(p.to && !Array.isArray(p.to) ? p.to.text : "").toBe("lezer7@example.nl");
    expect(p.messageId).toBe("<delivery7@fietsen.nl>");
    expect(p.headerLines.find((h) => h.key === "list-unsubscribe")?.line.replace(/\r\n\s+/g, " "))
      .toBe("List-Unsubscribe: <https://nieuws.fietsen.nl/u/token7.abcDEF-_>, <mailto:afmelden@fietsen.nl?subject=unsubscribe%20token7.abcDEF-_>");
    expect(p.html).toContain("https://nieuws.fietsen.nl/u/token7.abcDEF-_");
    expect(p.text).toContain("https://nieuws.fietsen.nl/p/pref7.xyz");
    expect(p.text).toContain("Crème brûlée 🚲");
    expect(`${p.html}${p.text}`).not.toMatch(/token0|pref0|lezer0|PMMERGE|merge\.invalid/);
  });

  it("merges each recipient's own agreed purpose version into the footer, byte-identical to composing it", async () => {
    const v1 = { version: 1, name: "Fietsnieuws", description: "Fietsen en onderdelen.", agreedAt: new Date("2025-01-10T09:05:00Z") };
    const v3 = { version: 3, name: "Fietsnieuws – reizen", description: "Fietsen, onderdelen én fietsreizen 🚲", agreedAt: new Date("2026-03-01T12:00:00Z") };
    const merge = await createMailMerge(mailFor(0, { purpose: v1 }));
    for (const [i, purpose] of [[1, v1], [2, v3], [3, null]] as const) {
      const mail = mailFor(i, { purpose });
      const merged = merge(mail);
      expect(merged.raw, "merged").toBeTypeOf("string");
      expect(sameBoundary(merged.raw as string)).toBe(sameBoundary(await composed(mail)));
    }
    const p = await simpleParser(merge(mailFor(2, { purpose: v3 })).raw as string);
    expect(p.text).toContain("(doelversie 3): “Fietsnieuws – reizen”: Fietsen, onderdelen én fietsreizen 🚲");
    expect(p.text).toContain("Je hebt op 1 maart 2026 ingestemd met dit doel");
    expect(p.html).toContain("Fietsnieuws – reizen");
    expect(`${p.text}`).not.toContain("doelversie 1");
  });

  it("carries each recipient's signed delivery id and, with BOUNCE_ADDRESS, their VERP envelope sender, byte-identical", async () => {
    const { config } = await import("../config/index.ts");
    const { deliveryToken, verifyDeliveryToken } = await import("./delivery-id.ts");
    const before = config().bounceAddress;
    Object.assign(config(), { bounceAddress: { local: "bounces", domain: "bounce.fietsen.nl" } });
    try {
      const merge = await createMailMerge(mailFor(0));
      for (const i of [1, 2]) {
        const mail = mailFor(i);
        const merged = merge(mail);
        expect(merged.raw, "merged").toBeTypeOf("string");
        expect(sameBoundary(merged.raw as string)).toBe(sameBoundary(await composed(mail)));
        const token = (merged.raw as string).match(/^X-Proofmail-Delivery: (\S+)\r$/m)![1];
        expect(token).toBe(deliveryToken(`delivery${i}`));
        expect(verifyDeliveryToken(token)).toBeTruthy();
        expect(merged.envelope).toEqual({ from: `bounces+${token}@bounce.fietsen.nl`, to: [`lezer${i}@example.nl`] });
        expect(merged.raw as string).not.toContain("Return-Path");
      }
    } finally {
      Object.assign(config(), { bounceAddress: before });
    }
  });

  it("with provider webhooks configured, carries the id in each provider's echo header too, byte-identical", async () => {
    const { config } = await import("../config/index.ts");
    const { deliveryToken } = await import("./delivery-id.ts");
    const before = { ...config().webhooks };
    Object.assign(config().webhooks, { postmarkAuth: "pm:0123456789abcdef", mailgunSigningKey: "key-0123456789abcdef", sendgridPublicKey: "(a key)", brevoToken: "0123456789abcdef" });
    try {
      const merge = await createMailMerge(mailFor(0));
      // Real delivery ids are cuids (25 characters): their lines are as long as real ones, some folded.
      for (const key of ["cmiq0z1x20000abcdefghijkl", "cmiq0z1x20001abcdefghijkl", "short1"]) {
        const m = mailFor(1, { messageKey: key });
        const merged = merge(m);
        expect(merged.raw, "merged").toBeTypeOf("string");
        expect(sameBoundary(merged.raw as string)).toBe(sameBoundary(await composed(m)));
        const parsed = await simpleParser(merged.raw as string);
        const token = deliveryToken(key);
        expect(parsed.headers.get("x-pm-metadata-proofmail-delivery")).toBe(token);
        expect(JSON.parse(parsed.headers.get("x-mailgun-variables") as string)).toEqual({ proofmail_delivery: token });
        expect(JSON.parse(parsed.headers.get("x-smtpapi") as string)).toEqual({ unique_args: { proofmail_delivery: token } });
        expect(parsed.headers.get("x-mailin-custom")).toBe(`proofmail-delivery:${token}`);
      }
    } finally {
      Object.assign(config().webhooks, before);
    }
  });

  it("leaves to nodemailer what it cannot place verbatim: non-ASCII or odd addresses, spaces in a URL, another subject", async () => {
    const merge = await createMailMerge(mailFor(0));
    for (const mail of [
      mailFor(1, { to: "jöran@example.nl" }),
      mailFor(2, { to: '"Jan Jansen" <jan@example.nl>' }),
      mailFor(3, { unsubscribeUrl: "https://nieuws.fietsen.nl/u/a b" }),
      { ...mailFor(4), subject: "Something else" },
      { ...mailFor(5), headers: { ...(mailFor(5).headers as object), "X-Extra": "1" } },
    ]) expect(merge(mail)).toBe(mail);
  });

  it("is signed with DKIM over the merged bytes when a key is configured, and the signature verifies", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const dkim = { domainName: "fietsen.nl", keySelector: "pm", privateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString() };
    const sample = { ...mailFor(0), dkim };
    const merge = await createMailMerge(sample);
    const merged = merge({ ...mailFor(8), dkim });
    expect(merged.raw).toBeTypeOf("string");
    const sink = await startSmtpSink();
    sinks.push(sink);
    const t = createSmtpTransport(sink.url);
    await t.sendMail(merged);
    t.close();
    const received = (await sink.waitFor(() => true)).raw;
    expect(await dkimVerifies(received, publicKey.export({ type: "spki", format: "pem" }).toString())).toBe(true);
    // and a byte changed after signing breaks it
    expect(await dkimVerifies(received.replace("lezer8@", "lezer9@"), publicKey.export({ type: "spki", format: "pem" }).toString())).toBe(false);
  });
});

const sinks: { close(): Promise<void> }[] = [];
afterAll(async () => { for (const s of sinks) await s.close(); });

/** mailauth's RFC 6376 verifier, with the selector's key record served from here (no DNS needed). */
async function dkimVerifies(message: string, publicKeyPem: string): Promise<boolean> {
  const p = createPublicKey(publicKeyPem).export({ type: "spki", format: "der" }).toString("base64");
  const resolver = async (name: string, rrtype: string) => (rrtype === "TXT" && name === "pm._domainkey.fietsen.nl" ? [[`v=DKIM1; k=rsa; p=${p}`]] : []);
  const { results } = await dkimVerify(Buffer.from(message), { resolver });
  return results.length === 1 && results[0].status.result === "pass";
}
