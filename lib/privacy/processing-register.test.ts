// The register from what is really configured, on the real database: settings, non-archived newsletters
// with their current purpose version, forms, retention terms (changed through lib/retention) and the
// mail server of SMTP_URL; then the PDF made from it.
import { describe, expect, it, beforeAll } from "vitest";
import { db } from "../db/index.ts";
import { loadConfig } from "../config/index.ts";
import { ADMIN, seedForm, seedOrganisation, uid } from "../consent/test-helpers.ts";
import { saveNewsletter } from "../newsletters/save-newsletter.ts";
import { updateRetentionPolicy } from "../retention/update-retention-policy.ts";
import { updateCustomerRecordTerm } from "../retention/update-customer-record-term.ts";
import { updateOrganisation } from "../settings/update-organisation.ts";
import { getProcessingRegisterFacts, renderPrivacySection, renderProcessingRegister } from "./processing-register.ts";
import { renderMarkdownPdf } from "./markdown-pdf.ts";

/** The text pdfkit drew: its hex-encoded strings, decoded, in order (as lib/export/export.test.ts reads it). */
function pdfText(pdf: Buffer) {
  return [...pdf.toString("latin1").matchAll(/<([0-9a-f]+)>/g)].map((m) => Buffer.from(m[1], "hex").toString("latin1")).join("");
}

const cfg = loadConfig({ ...process.env, SMTP_URL: "smtp://mailuser:s3cret-pass@relay.example.net:587" });

async function newsletter(input: Record<string, unknown>) {
  const r = await saveNewsletter({
    input: { slug: `n-${uid()}`, description: "", language: "nl", fromName: "Fietsbond", fromEmail: "news@fietsbond.test", replyTo: "", frequency: "", categories: [], similarMap: null, ...input },
    actor: ADMIN,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}

const section = (md: string, heading: string) => {
  const start = md.indexOf(heading);
  expect(start, heading).toBeGreaterThan(-1);
  const next = md.indexOf("\n### ", start + heading.length);
  return md.slice(start, next === -1 ? undefined : next);
};

let weekly: { id: string; slug: string };
let shop: { id: string; slug: string };

beforeAll(async () => {
  await seedOrganisation({ dpoContact: null, customerWindowMonths: 18 });
  weekly = await newsletter({ name: "Fietsweekly", description: "Routes and rides, every Friday.", categories: ["routes"] });
  shop = await newsletter({ name: "Winkelnieuws", description: "New bikes in the shop.", categories: ["bikes"], customerProducts: ["bikes"], thirdPartyOffers: true });
  const old = await newsletter({ name: "Oud archief" });
  await db.newsletter.update({ where: { id: old.id }, data: { archivedAt: new Date() } });
  await seedForm([weekly.id], { askName: true });
  await seedForm([shop.id], { askName: false });
});

describe("the processing register from the configuration", () => {
  it("lists each non-archived newsletter's purpose, data, retention and the processor", async () => {
    const facts = await getProcessingRegisterFacts({ config: cfg });
    expect(facts.newsletters.map((n) => n.purpose.name)).toEqual(["Fietsweekly", "Winkelnieuws"]);
    const md = renderProcessingRegister(facts, "en");
    expect(md).not.toContain("Oud archief");

    const w = section(md, "Newsletter Fietsweekly");
    expect(w).toContain("- Purpose: sending the newsletter Fietsweekly: Routes and rides, every Friday.");
    expect(w).toContain("- Purpose version 1 (material revision 1)");
    expect(w).toContain("- Categories: routes");
    expect(w).toContain("Consent: processing GDPR art. 6(1)(a)");
    expect(w).not.toContain("Existing customers");
    expect(w).toMatch(/Name, optional \(asked on: \/f\/form-[0-9a-f]+;/);
    expect(w).toContain("  - E-mail address");
    expect(w).toContain("IP address and user agent");
    expect(w).toContain("- Retention (policy version 0, the default terms):");
    expect(w).toContain("  - Unconfirmed signups are deleted after 7 days");

    const s = section(md, "Newsletter Winkelnieuws");
    expect(s).toContain("- Offers from or on behalf of third parties: yes");
    expect(s).toContain("Existing customers (own similar products, objection offered at checkout): processing GDPR art. 6(1)(f); sending Tw art. 11.7(3)");
    expect(s).toContain("Products whose buyers may get it as existing customers: bikes");
    expect(s).toContain("Mailed on the existing-customer basis for at most 18 months after the last purchase");
    expect(s).toContain("Name: not asked on any current form");
    expect(s).toContain("Purchases: date, product category");
    expect(md).toContain("#### Buyers' records");

    // The processor is the host of SMTP_URL, never its credentials; unknown providers are not guessed.
    expect(md).toContain("E-mail delivery: the mail server relay.example.net (SMTP_URL); provider: not filled in");
    expect(md).toContain("Hosting of the application and its data: not filled in");
    expect(md).not.toMatch(/mailuser|s3cret/);
    const noSmtp = renderProcessingRegister(await getProcessingRegisterFacts({ config: { ...cfg, smtpUrl: null } }), "en");
    expect(noSmtp).toContain("E-mail delivery: no mail server configured (SMTP_URL is not set)");
  });

  it("follows the retention terms set through lib/retention, the customer record term and the settings", async () => {
    const before = renderProcessingRegister(await getProcessingRegisterFacts({ config: cfg }), "nl");
    expect(section(before, "Nieuwsbrief Fietsweekly")).toContain("Onbevestigde aanmeldingen worden na 7 dagen verwijderd");

    const r = await updateRetentionPolicy({ newsletterId: weekly.id, values: { pendingDays: 3, withdrawnGraceDays: 10, keepProofMonths: 0, deliveryLogDays: 20 }, actor: ADMIN });
    expect(r.ok).toBe(true);
    expect((await updateCustomerRecordTerm({ months: 60, actor: ADMIN })).ok).toBe(true);
    const saved = await updateOrganisation({
      actor: ADMIN,
      input: { name: "Fietsbond Test", address: "Dorpsstraat 1, Utrecht", contactEmail: "privacy@fietsbond.test", privacyUrl: "https://fietsbond.test/privacy", dpoContact: "", requireDoubleOptIn: true, customerWindowMonths: 18, isCharity: false, hostingProvider: "Hoster B.V.", emailProvider: "Relay Mail GmbH" },
    });
    expect(saved.ok).toBe(true);

    const facts = await getProcessingRegisterFacts({ config: cfg });
    const after = renderProcessingRegister(facts, "nl");
    const w = section(after, "Nieuwsbrief Fietsweekly");
    expect(w).toMatch(/Bewaartermijnen \(beleidsversie [1-9]\d*, eigen termijnen van deze nieuwsbrief\):/);
    expect(w).toContain("Onbevestigde aanmeldingen worden na 3 dagen verwijderd");
    expect(w).toContain("binnen 10 dagen verwijderd");
    expect(w).toContain("Het bewijs van toestemming wordt samen met de gegevens verwijderd");
    expect(w).toContain("De verzendregistratie verliest na 20 dagen haar persoonsgegevens");
    // The other newsletter keeps the defaults.
    expect(section(after, "Nieuwsbrief Winkelnieuws")).toContain("Onbevestigde aanmeldingen worden na 7 dagen verwijderd");
    expect(after).toContain("Bewaartermijn: 60 maanden na de laatste aankoop");
    expect(after).toContain("leverancier: Relay Mail GmbH");
    expect(after).toContain("Hosting van de applicatie en haar gegevens: Hoster B.V.");

    // The privacy section quotes the same terms, in the forms' own sentence.
    const privacy = renderPrivacySection(facts, "en");
    expect(privacy).toContain("- Fietsweekly: We keep your details for as long as you stay subscribed. If you do not confirm your signup within 3 days");
    expect(privacy).toContain("Our e-mail delivery provider (Relay Mail GmbH, mail server relay.example.net)");
    expect(privacy).toContain("Records of your purchases: 60 months after your last purchase.");
  });

  it("follows the newsletter's current purpose version", async () => {
    const r = await saveNewsletter({
      id: weekly.id,
      input: { slug: weekly.slug, name: "Fietsweekly", description: "Routes, rides and repair tips, every Friday.", language: "nl", fromName: "Fietsbond", fromEmail: "news@fietsbond.test", replyTo: "", frequency: "", categories: ["routes", "repair"], similarMap: null },
      actor: ADMIN,
    });
    expect(r.ok && r.purpose?.version).toBe(2);
    const md = renderProcessingRegister(await getProcessingRegisterFacts({ config: cfg }), "en");
    const w = section(md, "Newsletter Fietsweekly");
    expect(w).toContain("Routes, rides and repair tips, every Friday.");
    expect(w).toMatch(/- Purpose version 2 \(material revision \d\)/);
    expect(w).toContain("- Categories: routes, repair");
  });

  it("the PDF is a valid PDF that contains the newsletter names, in both languages", async () => {
    const facts = await getProcessingRegisterFacts({ config: cfg });
    for (const locale of ["nl", "en"] as const) {
      const pdf = await renderMarkdownPdf(renderProcessingRegister(facts, locale), { title: "register", locale });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      expect(pdf.subarray(-6).toString()).toContain("%%EOF");
      const text = pdfText(pdf);
      expect(text).toContain("Fietsweekly");
      expect(text).toContain("Winkelnieuws");
      expect(text).toContain(locale === "nl" ? "Register van verwerkingsactiviteiten" : "Record of processing activities");
      expect(text).not.toContain("\\"); // Markdown escapes are removed
    }
    const privacy = pdfText(await renderMarkdownPdf(renderPrivacySection(facts, "nl"), { title: "privacy", locale: "nl" }));
    expect(privacy).toContain("Fietsweekly");
    expect(privacy).toContain("Autoriteit Persoonsgegevens");
  });
});

describe("the generated section as the privacy statement's draft", () => {
  it("is added after what the admin wrote, and refused while the statement is hosted elsewhere", async () => {
    const { addGeneratedSectionToDraft } = await import("./add-generated-section.ts");
    const { savePrivacyStatementDraft } = await import("./save-privacy-statement-draft.ts");
    await savePrivacyStatementDraft({ markdown: "# Privacyverklaring\n\nWat wij zelf schreven.", language: "nl", staffId: null });
    expect(await addGeneratedSectionToDraft({ language: "nl", staffId: null })).toEqual({ ok: true });
    const draft = await db.privacyStatementDraft.findUniqueOrThrow({ where: { language: "nl" } });
    expect(draft.markdown.startsWith("# Privacyverklaring\n\nWat wij zelf schreven.\n\n")).toBe(true);
    expect(draft.markdown).toContain("Fietsweekly");
    await savePrivacyStatementDraft({ markdown: "", language: "en", staffId: null, hostedUrl: "https://fietsbond.test/privacy" });
    expect(await addGeneratedSectionToDraft({ language: "en", staffId: null })).toMatchObject({ ok: false, error: expect.stringContaining("hosted elsewhere") });
  });
});
