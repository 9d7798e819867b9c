// R-CHILD-UNDER-16 end to end below the browser (real database, real SMTP server): a form offering a
// newsletter aimed at children asks the age; under 16 the double opt-in goes only to the parent, whose
// confirm gives a consent givenBy = parent that the send gate allows; without a usable parent address
// the signup is refused with a field message and nothing is written; an adult on the same form is unchanged.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { useSmtpSink } from "../testing/use-smtp-sink.ts";

const sink = await useSmtpSink();

const { db } = await import("../db/index.ts");
const { submitSignup } = await import("./submit-signup.ts");
const { confirmSignup } = await import("./confirm-signup.ts");
const { getCurrentFormVersion } = await import("./get-current-form-version.ts");
const { getOptinLink } = await import("./get-optin-link.ts");
const { preSendReport } = await import("../sending/pre-send-report.ts");
const { verifyLedger } = await import("./ledger.ts");
const { CHILD_PLACEHOLDER } = await import("./confirmation-mail.ts");
const { seedForm, seedNewsletter, seedOrganisation, counts, uid } = await import("./test-helpers.ts");

afterAll(() => sink.stop());
beforeAll(() => seedOrganisation());

const mailsTo = (addr: string) => sink.received.filter((m) => m.envelopeTo.includes(addr));
const ip = () => `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const tokenIn = (text: string | undefined) => (text ?? "").match(/\/confirm\/([A-Za-z0-9_-]+)/)![1];

/** A fresh children's newsletter K and an ordinary one A on one Dutch form. */
async function childrenForm() {
  const K = await seedNewsletter("Kidsclub", { aimedAtChildren: true });
  const A = await seedNewsletter("Ouderpraat");
  const { form, version } = await seedForm([K.id, A.id]);
  return { K, A, form, version };
}

async function reportFor(newsletterId: string) {
  const issue = await db.issue.create({ data: { newsletterId, subject: `Nummer ${uid()}`, bodyMarkdown: "Hallo." } });
  return preSendReport({ issueId: issue.id });
}

describe("a form offering a newsletter aimed at children", () => {
  it("publishes with the age question, the parent's field and the proof text saying so", async () => {
    const { version } = await childrenForm();
    expect(version.renderedText).toContain("Hoe oud ben je?");
    expect(version.renderedText).toContain("Ik ben jonger dan 16");
    expect(version.renderedText).toContain("E-mailadres van je ouder of voogd");
    expect(version.renderedText).toContain("leeftijdsvraag");
    expect(version.renderedText).toContain("AVG artikel 6 lid 1 onder a");
  });

  it("under 16: the double opt-in goes to the parent only; the parent's confirm gives a consent givenBy parent that the gate allows", async () => {
    const { K, version } = await childrenForm();
    const child = `kind-${uid()}@example.nl`;
    const parent = `ouder-${uid()}@example.nl`;
    const r = await submitSignup({
      formVersionId: version.id, email: child, newsletterIds: [K.id], age: "under-16", guardianEmail: ` ${parent.toUpperCase()} `,
      via: "form", ip: "198.51.100.4", userAgent: "Child UA",
    });
    expect(r).toMatchObject({ ok: true });

    expect(mailsTo(child)).toHaveLength(0);
    const mails = mailsTo(parent);
    expect(mails).toHaveLength(1);
    const m = mails[0].parsed;
    expect(m.subject).toBe("Toestemming gevraagd voor de aanmelding van je kind voor Kidsclub");
    expect(m.text).toContain(`het e-mailadres ${child} bij Fietsbond Test aangemeld`);
    expect(m.text).toContain("jonger dan 16");
    expect(m.text).toContain("- Kidsclub");

    const before = await db.subscriber.findUniqueOrThrow({ where: { email: child }, include: { subscriptions: true } });
    expect(before).toMatchObject({ ageBand: "under16", guardianEmail: parent });
    expect(before.subscriptions).toEqual([expect.objectContaining({ newsletterId: K.id, status: "pending", givenBy: "parent" })]);
    // the gate: nothing before the parent confirms
    expect(await reportFor(K.id)).toMatchObject({ recipients: 0, excluded: { DENY_CONSENT_PENDING: 1 } });

    expect(await getOptinLink({ token: tokenIn(m.text) })).toMatchObject({ state: "valid", newsletterNames: ["Kidsclub"], forChild: true });
    const confirmed = await confirmSignup({ token: tokenIn(m.text), ip: "198.51.100.77", userAgent: "Parent UA" });
    expect(confirmed).toMatchObject({ state: "confirmed", newsletterNames: ["Kidsclub"], givenBy: "parent" });
    const after = await db.subscriber.findUniqueOrThrow({ where: { email: child }, include: { subscriptions: true } });
    expect(after).toMatchObject({ ageBand: "under16", guardianEmail: parent });
    expect(after.subscriptions[0]).toMatchObject({ status: "confirmed", givenBy: "parent" });

    const events = await db.consentEvent.findMany({ where: { subscriberId: after.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.type, e.actor])).toEqual([["signup", "subject"], ["optin_sent", "system"], ["confirm", "parent"]]);
    expect(events[0].details).toMatchObject({ ageBand: "under16", givenBy: "parent" });
    expect(events[2]).toMatchObject({ ip: "198.51.100.77", userAgent: "Parent UA", details: expect.objectContaining({ givenBy: "parent" }) });
    // the ledger keeps the mail as sent, but neither address
    expect((events[1].details as { text: string }).text).toContain(CHILD_PLACEHOLDER);
    expect(JSON.stringify(events)).not.toContain(child);
    expect(JSON.stringify(events)).not.toContain(parent);
    expect((await verifyLedger(db)).ok).toBe(true);

    expect(await reportFor(K.id)).toMatchObject({ recipients: 1, excluded: {} });
    // the same child without the parent's consent is refused by the gate (it really checks givenBy)
    await db.subscription.update({ where: { id: after.subscriptions[0].id }, data: { givenBy: "subject" } });
    expect(await reportFor(K.id)).toMatchObject({ recipients: 0, excluded: { DENY_CHILD_PARENTAL_CONSENT_REQUIRED: 1 } });
  });

  it.each<[string, Record<string, unknown>, string, string, string]>([
    ["under 16 without a parent's address", { age: "under-16" }, "guardian_required", "guardianEmail", "Je bent jonger dan 16: vul het e-mailadres van je ouder of voogd in. Zij krijgen de bevestigingsmail."],
    ["under 16 with a parent's address that is not one", { age: "under-16", guardianEmail: "mama at home" }, "guardian_invalid", "guardianEmail", "Vul een geldig e-mailadres in voor je ouder of voogd."],
    ["under 16 giving their own address as the parent's", { age: "under-16", guardianEmail: "SELF" }, "guardian_same", "guardianEmail", "Vul het e-mailadres van je ouder of voogd in, niet je eigen adres."],
    ["no answer to the age question", { guardianEmail: "ouder@example.nl" }, "age_unanswered", "age", "Geef aan of je 16 jaar of ouder bent of jonger dan 16."],
  ])("%s is refused with a field message and writes nothing", async (_name, extra, code, field, message) => {
    const { K, form, version } = await childrenForm();
    const child = `kind-${uid()}@example.nl`;
    const before = await counts();
    const sent = sink.received.length;
    const r = await submitSignup({
      formVersionId: version.id, email: child, newsletterIds: [K.id], via: "form", ip: ip(), userAgent: "t",
      ...extra, ...(extra.guardianEmail === "SELF" ? { guardianEmail: child.toUpperCase() } : {}),
    });
    expect(r).toEqual({ ok: false, status: 422, code, field, message, language: "nl", formPath: `/f/${form.slug}` });
    expect(await counts()).toEqual(before);
    expect(sink.received.length).toBe(sent);
  });

  it("an adult on the same form confirms themself, as before; a parent's address they typed is not stored", async () => {
    const { K, A, version } = await childrenForm();
    const adult = `volwassen-${uid()}@example.nl`;
    const r = await submitSignup({
      formVersionId: version.id, email: adult, newsletterIds: [K.id, A.id], age: "16-or-older", guardianEmail: "iemand@example.nl",
      via: "form", ip: ip(), userAgent: "t",
    });
    expect(r).toMatchObject({ ok: true });
    expect(mailsTo("iemand@example.nl")).toHaveLength(0);
    const mail = mailsTo(adult);
    expect(mail).toHaveLength(1);
    expect(mail[0].parsed.subject).toBe("Bevestig je aanmelding voor Kidsclub en Ouderpraat");
    const sub = await db.subscriber.findUniqueOrThrow({ where: { email: adult }, include: { subscriptions: true } });
    expect(sub).toMatchObject({ ageBand: "adult", guardianEmail: null });
    expect(sub.subscriptions.map((s) => s.givenBy)).toEqual(["subject", "subject"]);
    expect(await confirmSignup({ token: tokenIn(mail[0].parsed.text), ip: "10.0.0.2", userAgent: "t" })).toMatchObject({ state: "confirmed", givenBy: "subject" });
    expect(await reportFor(K.id)).toMatchObject({ recipients: 1, excluded: {} });
  });

  it("only the ordinary newsletter chosen: the age question may stay unanswered", async () => {
    const { A, version } = await childrenForm();
    const email = `ouder-${uid()}@example.nl`;
    expect(await submitSignup({ formVersionId: version.id, email, newsletterIds: [A.id], via: "form", ip: ip(), userAgent: "t" })).toMatchObject({ ok: true });
    expect(await db.subscriber.findUniqueOrThrow({ where: { email } })).toMatchObject({ ageBand: null, guardianEmail: null });
    expect(mailsTo(email)).toHaveLength(1);
  });

  it("a newsletter marked for children later: the form is re-rendered with the question, the old version cannot sign up for it", async () => {
    const K = await seedNewsletter("Later kids");
    const { form, version: v1 } = await seedForm([K.id]);
    expect(v1.renderedText).not.toContain("Hoe oud ben je?");
    await db.newsletter.update({ where: { id: K.id }, data: { aimedAtChildren: true } });
    const r = await submitSignup({ formVersionId: v1.id, email: `oud-${uid()}@example.nl`, newsletterIds: [K.id], age: "under-16", guardianEmail: "o@example.nl", via: "form", ip: ip(), userAgent: "t" });
    expect(r).toMatchObject({ ok: false, code: "form_outdated", status: 400 });
    const shown = await getCurrentFormVersion({ formSlug: form.slug });
    expect(shown).toMatchObject({ state: "ok", version: { version: 2 } });
    if (shown.state === "ok") expect(shown.version.renderedText).toContain("Hoe oud ben je?");
  });

  it("an unknown answer to the age question is bad input", async () => {
    const { K, version } = await childrenForm();
    const r = await submitSignup({ formVersionId: version.id, email: `x-${uid()}@example.nl`, newsletterIds: [K.id], age: "12", via: "form", ip: ip(), userAgent: "t" });
    expect(r).toMatchObject({ ok: false, code: "invalid_input", status: 400 });
  });
});
