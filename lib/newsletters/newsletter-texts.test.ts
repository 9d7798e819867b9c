// A newsletter's texts per language, on the real database and a real SMTP server: saved and validated with
// the newsletter, empty texts falling back to the primary ones, the form, the confirmation mail and the
// issues' sender name in the signup's language, and a description changed in the second language
// versioning the purpose.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { useSmtpSink } from "../testing/use-smtp-sink.ts";

const sink = await useSmtpSink();

const { db } = await import("../db/index.ts");
const { saveNewsletter } = await import("./save-newsletter.ts");
const { textsIn, TEXTS } = await import("./newsletter-texts.ts");
const { submitSignup } = await import("../consent/submit-signup.ts");
const { defaultFormDraft } = await import("../consent/form-definition.ts");
const { confirmSignup } = await import("../consent/confirm-signup.ts");
const { loadSendContext, prepareMessage } = await import("../sending/prepare-message.ts");
const { loadRecipients } = await import("../sending/load-recipients.ts");
const { getDossier } = await import("../export/get-dossier.ts");
const { seedForm, seedOrganisation, uid, ADMIN } = await import("../consent/test-helpers.ts");

afterAll(() => sink.stop());
beforeAll(() => seedOrganisation());

const EN = { name: "Bike news", description: "New bikes and parts, every month.", fromName: "Cyclists' Union", footer: "You get this as a member." };

const input = (over: Record<string, unknown> = {}) => ({
  slug: `fiets-${uid()}`, name: "Fietsnieuws", description: "Nieuwe fietsen en onderdelen, elke maand.", language: "nl",
  fromName: "Fietsbond", footer: "Je krijgt dit als lid.", fromEmail: "nieuws@fietsbond.test", replyTo: "", frequency: "", categories: ["bikes"], similarMap: null,
  texts: { en: EN }, ...over,
});

async function create(over: Record<string, unknown> = {}) {
  const r = await saveNewsletter({ input: input(over), actor: ADMIN });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}

const load = (id: string) => db.newsletter.findUniqueOrThrow({ where: { id }, include: { texts: TEXTS } });

describe("a newsletter's texts per language", () => {
  it("saves the other language's texts beside the primary ones; empty texts fall back to the primary", async () => {
    const { id, slug } = await create();
    const n = await load(id);
    expect(n.texts).toEqual([{ language: "en", ...EN }]);
    expect(textsIn(n, "en")).toEqual(EN);
    expect(textsIn(n, "nl")).toEqual({ name: "Fietsnieuws", description: "Nieuwe fietsen en onderdelen, elke maand.", fromName: "Fietsbond", footer: "Je krijgt dit als lid." });

    const r = await saveNewsletter({ id, input: input({ slug, texts: { en: { ...EN, description: "", footer: "" } } }), actor: ADMIN });
    expect(r.ok).toBe(true);
    expect(textsIn(await load(id), "en")).toEqual({ ...EN, description: "Nieuwe fietsen en onderdelen, elke maand.", footer: "Je krijgt dit als lid." });

    // A language left empty keeps no row; a text for the primary language is not a second primary.
    await saveNewsletter({ id, input: input({ slug, texts: { en: { name: "", description: "", fromName: "", footer: "" }, nl: { ...EN } } }), actor: ADMIN });
    const after = await load(id);
    expect(after.texts).toEqual([]);
    expect(textsIn(after, "en").name).toBe("Fietsnieuws");
  });

  it("refuses a sender name on two lines in a language with a message for that field, and saves nothing", async () => {
    const { id, slug } = await create();
    const r = await saveNewsletter({ id, input: input({ slug, name: "Nieuw", texts: { en: { ...EN, fromName: "Evil\r\nBcc: x@example.org" } } }), actor: ADMIN });
    expect(r).toEqual({ ok: false, errors: { "texts.en.fromName": "Use one line of text." } });
    const n = await load(id);
    expect([n.name, n.texts[0].fromName]).toEqual(["Fietsnieuws", EN.fromName]);
    // CRLF from a textarea is a line end, not an error.
    expect((await saveNewsletter({ id, input: input({ slug, texts: { en: { ...EN, footer: "Line one\r\nLine two" } } }), actor: ADMIN })).ok).toBe(true);
    expect((await load(id)).texts[0].footer).toBe("Line one\nLine two");
  });

  it("a description changed in the second language makes a material purpose version that keeps both languages' text", async () => {
    const { id, slug } = await create();
    const r = await saveNewsletter({ id, input: input({ slug, texts: { en: { ...EN, description: "Bikes, and trips from our partners." } } }), actor: ADMIN });
    expect(r).toMatchObject({ ok: true, purpose: { version: 2, revision: 2, change: "material" } });
    const versions = await db.purposeVersion.findMany({ where: { newsletterId: id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => (v.texts as Record<string, { description: string }>).en.description)).toEqual([EN.description, "Bikes, and trips from our partners."]);
    expect(versions[1].description).toBe(versions[0].description);
    // The footer is not part of the purpose: no version.
    const footer = await saveNewsletter({ id, input: input({ slug, texts: { en: { ...EN, description: "Bikes, and trips from our partners.", footer: "Other" } } }), actor: ADMIN });
    expect(footer).toMatchObject({ ok: true, purpose: null });
    expect(await db.purposeVersion.count({ where: { newsletterId: id } })).toBe(2);
    const audit = await db.auditLog.findFirst({ where: { action: "newsletter.update", target: id }, orderBy: { at: "asc" } });
    expect(JSON.stringify(audit?.details)).toContain('"language":"en"');
  });

  it.each([["en", "Cyclists' Union", "Bike news"], ["nl", "Fietsbond", "Fietsnieuws"]])("a signup on a form in %s: From name %s, newsletter %s on the form, in the mails and the dossier", async (language, fromName, name) => {
    const { id } = await create();
    const { version } = await seedForm([id], defaultFormDraft({ language: language as "en" | "nl", organisationName: "Fietsbond Test", newsletterIds: [id] }));
    const lines = (version.definition as { lines: { kind: string; text: string }[] }).lines;
    expect(lines.find((l) => l.kind === "checkbox")?.text).toBe(name);
    const email = `texts-${uid()}@example.org`;
    await submitSignup({ formVersionId: version.id, email, newsletterIds: [id], via: "form", ip: "192.0.2.7", userAgent: "Vitest/1" });
    const mail = (await sink.waitFor((m) => m.envelopeTo.includes(email))).parsed;
    expect(mail.from?.value).toEqual([{ name: fromName, address: "nieuws@fietsbond.test" }]);
    expect(mail.text).toContain(name);

    // An issue to them comes from the sender name of the language they signed up in.
    const token = (mail.text ?? "").match(/\/confirm\/([A-Za-z0-9_-]+)/)![1];
    expect((await confirmSignup({ token, ip: "192.0.2.7", userAgent: "Vitest/1" })).state).toBe("confirmed");
    const sub = await db.subscription.findFirstOrThrow({ where: { newsletterId: id, subscriber: { email } } });
    const issue = await db.issue.create({ data: { newsletterId: id, subject: "Voorjaar", bodyMarkdown: "Fietsen." } });
    const prepared = prepareMessage((await loadSendContext(issue.id))!, (await loadRecipients(db, [sub.id])).get(sub.id)!, `texts-${uid()}`);
    expect(prepared.decision.allowed).toBe(true);
    expect(prepared.mail.from).toEqual({ name: fromName, address: "nieuws@fietsbond.test" });
    // ... with the newsletter's name and footer of that language above the standard footer, in both parts.
    const footer = language === "en" ? EN.footer : "Je krijgt dit als lid.";
    const other = language === "en" ? "Je krijgt dit als lid." : EN.footer;
    for (const part of [String(prepared.mail.text), String(prepared.mail.html)]) {
      expect(part).toContain(name);
      expect(part).toContain(footer);
      expect(part).not.toContain(other);
    }

    // Their dossier shows the purpose as they read it, in their language.
    const dossier = (await getDossier({ subscriberId: sub.subscriberId }))!;
    expect(dossier.purposeVersions.map((p) => p.shown)).toEqual([{ language, name, description: language === "en" ? EN.description : "Nieuwe fietsen en onderdelen, elke maand.", fromName }]);
  });
});
