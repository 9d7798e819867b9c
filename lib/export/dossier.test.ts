// Issue 12 D3, the complaint dossier, end to end on the real database and a real SMTP server: a person signs up on
// our form and confirms by the mailed link, buys something (the existing-customer basis), gets three messages (two on
// consent, one as a customer) and unsubscribes from one newsletter. The dossier holds all of it (controller with DPO,
// every event with IP, user agent, method/channel, the form text and purpose version as they were, the messages with
// their per-send record, suppressions, retention and deletion dates); proof:verify passes on its JSON and names the
// event when one byte of an event is changed, an event is dropped or two are swapped. After erasure the typed address
// still finds what is lawfully kept; the PDF is A4 with page numbers, in nl and en.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { startSmtpSink, type SmtpSink } from "../testing/smtp-sink.ts";

const sink: SmtpSink = await startSmtpSink();
process.env.SMTP_URL = sink.url;
const g = globalThis as { __proofmailTransport?: { close(): void } | null };
g.__proofmailTransport = undefined;

const { db } = await import("../db/index.ts");
const { submitSignup } = await import("../consent/submit-signup.ts");
const { confirmSignup } = await import("../consent/confirm-signup.ts");
const { publishFormVersion } = await import("../consent/publish-form-version.ts");
const { recordPurchase } = await import("../customers/record-purchase.ts");
const { withdraw } = await import("../subscribers/withdraw.ts");
const { eraseSubscriber, eraseSubscribersInTx } = await import("../subscribers/erase-subscriber.ts");
const { startSend } = await import("../sending/start-send.ts");
const { deliverBatch } = await import("../sending/deliver-batch.ts");
const { seedIssue, seedNewsletter } = await import("../sending/testing/fixtures.ts");
const { seedForm, seedOrganisation, uid } = await import("../consent/test-helpers.ts");
const { decideErasure, RULES_VERSION } = await import("../rules/index.ts");
const { getDossier } = await import("./get-dossier.ts");
const { renderDossierPdf } = await import("./render-dossier-pdf.ts");
const { verifyProof } = await import("./verify-proof.ts");
const { sha256 } = await import("../util/hash.ts");
const { normaliseEmail } = await import("../subscribers/normalise-email.ts");

afterAll(async () => {
  g.__proofmailTransport?.close();
  await sink.close();
});

const editor = { id: null, email: "editor@example.org" };

async function drain(sendId: string) {
  const end = Date.now() + 30_000;
  for (;;) {
    const worked = await deliverBatch({ workerId: "dossier-worker", options: { lockMs: 10_000, retryBaseMs: 50, maxAttempts: 3 } });
    if ((await db.send.findUnique({ where: { id: sendId } }))?.status !== "running") return;
    if (!worked) await new Promise((r) => setTimeout(r, 30));
    if (Date.now() > end) throw new Error("send did not finish");
  }
}

async function send(newsletterId: string, subject: string) {
  const issue = await seedIssue(newsletterId, subject);
  const started = await startSend({ issueId: issue.id, actor: editor });
  if (!started.ok) throw new Error(started.error);
  await drain(started.sendId);
}

/** The text pdfkit drew: its hex-encoded strings, decoded, in order, without white space (lines wrap anywhere). */
function drawnText(pdf: Buffer) {
  return [...pdf.toString("latin1").matchAll(/<([0-9a-f]+)>/g)].map((m) => Buffer.from(m[1], "hex").toString("latin1")).join("").replace(/\s+/g, "");
}
/** The same without the page footers, which are drawn last on each page and so land inside text running on to the next. */
const pdfText = (pdf: Buffer) => drawnText(pdf).replace(/(Pagina\d+van\d+|Page\d+of\d+)/g, "");
const squash = (s: string) => s.replace(/\s+/g, "");

const OPT_OUT = "☐ Geen aanbiedingen per e-mail, dank je.";
let A: { id: string; name: string }, B: { id: string; name: string };
let formId: string, v1: { id: string; renderedText: string };
let email: string, subscriberId: string;

beforeAll(async () => {
  await seedOrganisation({ dpoContact: "FG Fietsbond, fg@fietsbond.test" });
  A = await seedNewsletter({ name: "Fietsnieuws" });
  B = await seedNewsletter({ name: "Klantennieuws" });
  await db.newsletter.update({ where: { id: B.id }, data: { customerProducts: ["bikes"] } });
  const seeded = await seedForm([A.id]);
  formId = seeded.form.id;
  v1 = seeded.version;

  // Signup and confirmation through the real code, the confirmation link taken from the SMTP server.
  email = `klacht-${uid()}@example.nl`;
  const r = await submitSignup({ formVersionId: v1.id, email, name: "Karin Klager", newsletterIds: [A.id], via: "form", ip: "198.51.100.23", userAgent: "Signup-UA/1.0" });
  expect(r.ok).toBe(true);
  const mail = sink.received.filter((m) => m.envelopeTo.includes(email)).at(-1)!;
  const token = (mail.parsed.text ?? "").match(/\/confirm\/([A-Za-z0-9_-]+)/)![1];
  expect((await confirmSignup({ token, ip: "198.51.100.24", userAgent: "Confirm-UA/2.0" })).state).toBe("confirmed");
  subscriberId = (await db.subscriber.findUniqueOrThrow({ where: { email } })).id;

  // The form's text changes after the signup: the dossier must show the text of the day.
  await db.form.update({ where: { id: formId }, data: { draft: { ...(seeded.form.draft as object), intro: "Een heel andere tekst van later." } } });
  const v2 = await publishFormVersion({ formId, actor: "system" });
  expect(v2.ok && v2.version.id !== v1.id).toBe(true);

  // A purchase: enrolled in B on the existing-customer basis.
  const p = await recordPurchase({
    input: { email, purchasedAt: new Date(Date.now() - 10 * 86_400_000).toISOString(), category: "bikes", language: "nl", objectionOffered: true, optOutText: OPT_OUT, objected: false },
    actor: "api:webshop",
  });
  expect(p).toMatchObject({ ok: true, subscriberId });

  await send(A.id, "Voorjaarsnieuws");
  await send(A.id, "Zomernieuws");
  await send(B.id, "Klantenaanbod");
  await withdraw({ subscriberId, scope: { newsletterId: A.id }, actor: "subject", via: "unsubscribe-page", ip: "198.51.100.25", userAgent: "Unsub-UA/3.0" });
});

describe("the complaint dossier of a subscriber", () => {
  it("holds the controller, the person, every event with its form text and purpose, every message with its record, the suppression and the retention", async () => {
    const doc = (await getDossier({ subscriberId }))!;
    expect(doc).toMatchObject({ kind: "proofmail.complaint-dossier", version: 1, foundBy: "subscriber", erased: null });
    expect(doc.controller).toEqual({ name: "Fietsbond Test", address: "Dorpsstraat 1, Utrecht", contactEmail: "privacy@fietsbond.test", privacyUrl: "https://fietsbond.test/privacy", dpoContact: "FG Fietsbond, fg@fietsbond.test" });
    expect(doc.person).toMatchObject({ id: subscriberId, email, name: "Karin Klager", language: "nl", createdAt: expect.any(String) });

    // Every event of the person, in order, each with time, IP, user agent, method/channel.
    expect(doc.consentEvents.map((e) => e.type)).toEqual(["signup", "optin_sent", "confirm", "purchase", "withdraw"]);
    const [signup, , confirm, purchase, unsub] = doc.consentEvents;
    expect(signup).toMatchObject({ ip: "198.51.100.23", userAgent: "Signup-UA/1.0", actor: "subject", method: "double_opt_in", channel: "form", formVersionId: v1.id, newsletters: [{ id: A.id, name: "Fietsnieuws" }], privacyStatementVersion: null });
    expect(confirm).toMatchObject({ ip: "198.51.100.24", userAgent: "Confirm-UA/2.0", formVersionId: v1.id });
    expect(purchase).toMatchObject({ actor: "api:webshop", newsletters: [{ id: B.id, name: "Klantennieuws" }] });
    expect(unsub).toMatchObject({ ip: "198.51.100.25", userAgent: "Unsub-UA/3.0", channel: "unsubscribe-page", newsletters: [{ id: A.id, name: "Fietsnieuws" }] });
    expect(doc.consentEvents.every((e) => "privacyStatementVersion" in e && e.privacyStatementVersion === null)).toBe(true);

    // The form text as it was on the day (version 1), not today's (version 2), with its hash re-checked.
    const fv = doc.formVersions.find((v) => v.id === v1.id)!;
    expect(fv).toMatchObject({ version: 1, renderedText: v1.renderedText, contentHash: sha256(v1.renderedText), hashMatchesText: true });
    expect(fv.renderedText).not.toContain("Een heel andere tekst van later.");
    expect(doc.formVersions.map((v) => v.version)).toEqual([1]);

    // The purpose version the signup presented: number, name, description, categories.
    const pvId = signup.purposeVersions[0].purposeVersionId!;
    expect(signup.purposeVersions).toEqual([{ newsletterId: A.id, purposeVersionId: pvId }]);
    expect(doc.purposeVersions.find((p) => p.id === pvId)).toMatchObject({ newsletter: { id: A.id, name: "Fietsnieuws" }, version: 1, name: "Fietsnieuws", description: expect.any(String), categories: ["bikes"] });

    // Three messages with their per-send records: two on consent, one on the existing-customer basis.
    expect(doc.messages.map((m) => [m.subject, m.newsletter.name, m.basis, m.reason])).toEqual([
      ["Klantenaanbod", "Klantennieuws", "existing-customer", "ALLOW_EXISTING_CUSTOMER"],
      ["Zomernieuws", "Fietsnieuws", "consent", "ALLOW_CONSENT"],
      ["Voorjaarsnieuws", "Fietsnieuws", "consent", "ALLOW_CONSENT"],
    ]);
    const deliveries = await db.delivery.findMany({ where: { subscriberId, status: "sent" } });
    for (const m of doc.messages) {
      const d = deliveries.find((x) => x.id === m.deliveryId)!;
      expect(m).toMatchObject({ rulesVersion: RULES_VERSION, factsHash: d.factsHash, decidedAt: d.decidedAt!.toISOString(), sentAt: d.sentAt!.toISOString() });
      expect(m.factsHash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(doc.purchases).toEqual([expect.objectContaining({ category: "bikes", optOutOfferedAtCollection: true, objected: false })]);

    // The unsubscribe left a suppression for A; retention: A erased 30 days after the withdrawal, B kept while subscribed.
    expect(doc.suppressions).toEqual([expect.objectContaining({ scope: A.id, newsletter: { id: A.id, name: "Fietsnieuws" }, reason: "withdrawal", liftedAt: null })]);
    const unsubscribedAt = doc.subscriptions.find((s) => s.newsletter.id === A.id)!.unsubscribedAt!;
    const ra = doc.retention.perNewsletter.find((r) => r.newsletter.id === A.id)!;
    expect(ra).toMatchObject({ state: "after-withdrawal", effective: { pendingDays: 7, withdrawnGraceDays: 30, keepProofMonths: 12, deliveryLogDays: 90 } });
    // the purchase keeps the customer record for the contract (24 months), which is later than the 30 days' grace
    const graceEnds = Date.parse(unsubscribedAt) + 30 * 86_400_000;
    expect(Date.parse(doc.retention.contractBasisUntil!)).toBeGreaterThan(graceEnds);
    expect(ra.deleteAt).toBe(doc.retention.contractBasisUntil);
    const yearOn = new Date(unsubscribedAt);
    yearOn.setUTCFullYear(yearOn.getUTCFullYear() + 1); // keepProofMonths 12 after the withdrawal
    expect(ra.proofUntil).toBe(yearOn.toISOString());
    expect(ra.promised).toMatchObject({ withdrawnGraceDays: 30 });
    expect(doc.retention.perNewsletter.find((r) => r.newsletter.id === B.id)).toMatchObject({ state: "while-subscribed", deleteAt: null });
    expect(doc.retention.person.state).toBe("active");

    // The ledger part carries every field the hashes cover, and the signed head.
    expect(doc.events.map((e) => e.seq)).toEqual(doc.consentEvents.map((e) => e.seq));
    expect(doc.seal.statement.events).toEqual(doc.events.map((e) => ({ seq: e.seq, hash: e.hash })));
  });

  it("proof:verify passes on the JSON, and names the event when one byte of an event changes, an event is dropped or two are swapped", async () => {
    const { createNewsletterWithForm, createSubscriber } = await import("../testing/fixtures.ts");
    const { proofEvent } = await import("./proof-events.ts");
    const n = await createNewsletterWithForm();
    const someone = await createSubscriber({ subscriptions: [{ newsletterId: n.newsletter.id, formVersionId: n.formVersion.id, status: "confirmed", createdAt: new Date() }] });
    const other = await db.consentEvent.findFirstOrThrow({ where: { subscriberId: someone.subscriber.id }, orderBy: { seq: "asc" } });
    const text = JSON.stringify(await getDossier({ subscriberId }), null, 2);
    expect(await verifyProof(text)).toMatchObject({ ok: true, kind: "proofmail.complaint-dossier", events: 5 });
    const doc = () => JSON.parse(text) as { events: Record<string, unknown>[]; seal: { statement: { events: unknown[] } } };

    // one byte of any event: each event, each of several fields
    const base = doc();
    for (let i = 0; i < base.events.length; i++) {
      for (const field of ["at", "type", "actor", "subscriptionId", "ip"] as const) {
        const d = doc();
        const v = d.events[i][field];
        if (typeof v !== "string" || v.length === 0) continue;
        d.events[i][field] = v.slice(0, -1) + (v.at(-1) === "1" ? "2" : "1");
        const r = await verifyProof(JSON.stringify(d));
        expect(r.ok, `${field} of event ${i}`).toBe(false);
        expect(!r.ok && r.problem, `${field} of event ${i}`).toContain(`events[${i}] (event ${base.events[i].seq})`);
      }
    }
    // a byte of the form-version id an event names, or of its details
    const d1 = doc();
    d1.events[0].formVersionId = `${String(d1.events[0].formVersionId)}x`;
    expect(await verifyProof(JSON.stringify(d1))).toMatchObject({ ok: false, problem: expect.stringContaining(`events[0] (event ${base.events[0].seq})`) });

    // dropping any one event: the seal names it
    for (let i = 0; i < base.events.length; i++) {
      const d = doc();
      d.events.splice(i, 1);
      const r = await verifyProof(JSON.stringify(d));
      expect(r.ok, `drop ${i}`).toBe(false);
      expect(!r.ok && r.problem, `drop ${i}`).toContain(`event ${base.events[i].seq} is missing`);
      expect(!r.ok && r.seq).toBe(base.events[i].seq);
    }
    // dropping it from the seal's list too breaks the seal's signature
    const d2 = doc();
    d2.events.splice(1, 1);
    d2.seal.statement.events.splice(1, 1);
    expect(await verifyProof(JSON.stringify(d2))).toMatchObject({ ok: false, problem: expect.stringContaining("seal does not verify") });

    // swapping two neighbours
    const d3 = doc();
    [d3.events[1], d3.events[2]] = [d3.events[2], d3.events[1]];
    const r3 = await verifyProof(JSON.stringify(d3));
    expect(r3).toMatchObject({ ok: false, problem: expect.stringContaining("out of order") });
    expect(!r3.ok && r3.problem).toContain(`(event ${base.events[1].seq})`);

    // an event of someone else (before the head) added
    const d4 = doc();
    d4.events.push(proofEvent(other) as unknown as Record<string, unknown>);
    const r4 = await verifyProof(JSON.stringify(d4));
    expect(r4).toMatchObject({ ok: false, seq: other.seq, problem: expect.stringContaining("not listed in the dossier's seal") });
    // no seal at all
    const d5 = doc() as Record<string, unknown>;
    delete d5.seal;
    expect(await verifyProof(JSON.stringify(d5))).toMatchObject({ ok: false, problem: expect.stringContaining("seal is missing") });
  });

  it("the PDF is A4 with page numbers, in Dutch and in English, with the form text of the day and every message", async () => {
    const doc = (await getDossier({ subscriberId }))!;
    const nlPdf = await renderDossierPdf(doc, "nl");
    expect(nlPdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(nlPdf.toString("latin1")).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    const pages = (nlPdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    const footers = [...drawnText(nlPdf).matchAll(/Pagina(\d+)van(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(footers).toEqual(Array.from({ length: pages }, (_, i) => [i + 1, pages]));
    const nl = pdfText(nlPdf);
    expect(nl).toContain(squash("Klachtdossier"));
    expect(nl).toContain(squash(v1.renderedText.replace(/[^\x20-\x7e\u00a0-\u00ff\n]/g, "?")));
    expect(nl).not.toContain(squash("Een heel andere tekst van later."));
    expect(nl).toContain(squash("Functionaris gegevensbescherming: FG Fietsbond, fg@fietsbond.test"));
    for (const s of ["Voorjaarsnieuws", "Zomernieuws", "Klantenaanbod", "ALLOW_EXISTING_CUSTOMER", "198.51.100.23", "Signup-UA/1.0", "Versie privacyverklaring: niet vastgelegd"]) expect(nl).toContain(squash(s));
    for (const m of doc.messages) expect(nl).toContain(m.factsHash!);
    const en = pdfText(await renderDossierPdf(doc, "en"));
    for (const s of ["Complaint dossier", "Consent, withdrawal and objection events", "Messages sent", "Suppressions", "Retention"]) expect(en).toContain(squash(s));
    expect(drawnText(await renderDossierPdf(doc, "en"))).toMatch(/Page1of\d+/);
  });
});

describe("found by a typed address", () => {
  it("an erased person: the suppressions with reason and date, and the plain statement that the data was erased then", async () => {
    const doc = (await getDossier({ normalisedEmail: email }))!;
    expect(doc).toMatchObject({ foundBy: "address", person: { id: subscriberId } });

    const at = new Date("2026-01-15T10:00:00.000Z");
    await eraseSubscriber({ subscriberId, actor: "user:admin", auditActor: editor, at });
    expect(await db.subscriber.findUnique({ where: { id: subscriberId } })).toBeNull();
    const erased = (await getDossier({ normalisedEmail: email }))!;
    expect(erased).toMatchObject({ foundBy: "address", person: null, erased: { on: at.toISOString(), proofKeptUntil: null }, events: [], messages: [], subscriptions: [] });
    expect(erased.suppressions.map((s) => [s.scope, s.reason])).toEqual(expect.arrayContaining([[A.id, "withdrawal"], ["all", "erasure"]]));
    expect(erased.suppressions.find((s) => s.scope === "all")!.at).toBe(at.toISOString());
    expect(JSON.stringify(erased)).not.toContain(email);
    expect(await verifyProof(JSON.stringify(erased))).toMatchObject({ ok: true, events: 0 });
    const text = pdfText(await renderDossierPdf(erased, "en"));
    expect(text).toContain(squash("This person's data was erased on 2026-01-15."));
    expect(text).toContain(squash("all newsletters: erasure since 2026-01-15 10:00 UTC"));

    // a differently written address is the same person
    const typed = normaliseEmail(`  ${email.toUpperCase()} `);
    expect(typed.ok && (await getDossier({ normalisedEmail: typed.email }))?.erased?.on).toBe(at.toISOString());
  });

  it("a person the purge erased with proof kept: the consent record and its events, until the stated date", async () => {
    const e2 = `purged-${uid()}@example.nl`;
    // The form has changed since v1 (beforeAll): this person signs up on its current version.
    const current = (await db.form.findUniqueOrThrow({ where: { id: formId } })).currentVersionId!;
    const r = await submitSignup({ formVersionId: current, email: e2, newsletterIds: [A.id], via: "form", ip: "198.51.100.40", userAgent: "UA-P" });
    expect(r.ok).toBe(true);
    const mail = sink.received.filter((m) => m.envelopeTo.includes(e2)).at(-1)!;
    await confirmSignup({ token: (mail.parsed.text ?? "").match(/\/confirm\/([A-Za-z0-9_-]+)/)![1], ip: "198.51.100.41", userAgent: "UA-C" });
    const id = (await db.subscriber.findUniqueOrThrow({ where: { email: e2 } })).id;
    await withdraw({ subscriberId: id, scope: "all", actor: "subject", via: "preferences" });
    const keepProofUntil = "2027-01-01T00:00:00.000Z";
    await db.$transaction((tx) => eraseSubscribersInTx(tx, [{ subscriberId: id, ...decideErasure({ kind: "purge", action: "erase", reason: "RET_PURPOSE_ENDED", keepProofUntil, deleteSubscriber: false }) }], { actor: "system" }));

    const doc = (await getDossier({ normalisedEmail: e2 }))!;
    expect(doc).toMatchObject({ person: null, erased: { proofKeptUntil: keepProofUntil } });
    expect(doc.erased!.on).toEqual(expect.any(String));
    expect(doc.consentEvents.map((e) => e.type)).toEqual(["signup", "optin_sent", "confirm", "withdraw", "erase"]);
    expect(doc.consentEvents[0]).toMatchObject({ ip: null, userAgent: null, formVersionId: current }); // blanked at erasure
    expect(doc.formVersions.map((v) => v.id)).toEqual([current]);
    expect(doc.subscriptions).toEqual([expect.objectContaining({ status: "unsubscribed", newsletter: expect.objectContaining({ id: A.id }) })]);
    expect(JSON.stringify(doc)).not.toContain(e2);
    expect(await verifyProof(JSON.stringify(doc))).toMatchObject({ ok: true, events: 5 });
  });

  it("an address that matches nothing finds nothing", async () => {
    expect(await getDossier({ normalisedEmail: `nobody-${uid()}@example.nl` })).toBeNull();
    expect(await getDossier({ subscriberId: "nosuchsubscriber" })).toBeNull();
  });
});
