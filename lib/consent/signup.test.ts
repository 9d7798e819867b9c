import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { useSmtpSink } from "../testing/use-smtp-sink.ts";

// The app's mailer points at a real SMTP server; set before the first sendMail (and first config()).
const sink = await useSmtpSink();

const { db } = await import("../db/index.ts");
const { submitSignup, SIGNUP_LIMITS } = await import("./submit-signup.ts");
const { issueChallenge, solveChallenge, POW_BITS } = await import("./proof-of-work.ts");
const { withdraw } = await import("../subscribers/withdraw.ts");
const { verifyLedger } = await import("./ledger.ts");
const { LINK_PLACEHOLDER } = await import("./confirmation-mail.ts");
const { seedForm, seedNewsletter, seedOrganisation, counts, uid } = await import("./test-helpers.ts");

afterAll(() => sink.stop());

let A: { id: string; name: string }, B: { id: string; name: string }, C: { id: string; name: string };
let formId: string, versionId: string;
beforeAll(async () => {
  await seedOrganisation();
  A = await seedNewsletter("Fietsnieuws");
  B = await seedNewsletter("Wandelnieuws");
  C = await seedNewsletter("Niet op dit formulier");
  const { form, version } = await seedForm([A.id, B.id]);
  formId = form.id;
  versionId = version.id;
});

const base = () => ({ formVersionId: versionId, via: "form" as const, ip: `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, userAgent: "Vitest/1" });
const mailsTo = (addr: string) => sink.received.filter((m) => m.envelopeTo.includes(addr));

describe("a valid signup", () => {
  it("stores pending subscriptions, a signup event and a token, and sends one mail naming only the chosen newsletter", async () => {
    const email = `anna-${uid()}@example.nl`;
    const r = await submitSignup({ ...base(), email, name: "Anna", newsletterIds: [A.id], ip: "192.0.2.7" });
    expect(r).toMatchObject({ ok: true, language: "nl" });
    const sub = await db.subscriber.findUniqueOrThrow({ where: { email }, include: { subscriptions: true } });
    expect(sub.name).toBe("Anna");
    expect(sub.subscriptions).toHaveLength(1);
    expect(sub.subscriptions[0]).toMatchObject({
      newsletterId: A.id, status: "pending", basis: "consent", method: "double_opt_in", source: "own_form", formVersionId: versionId, confirmedAt: null, preTicked: false,
    });
    expect(sub.subscriptions[0].givenAt).toBeInstanceOf(Date);
    const events = await db.consentEvent.findMany({ where: { subscriberId: sub.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["signup", "optin_sent"]);
    expect(events[0]).toMatchObject({ ip: "192.0.2.7", userAgent: "Vitest/1", formVersionId: versionId, newsletterIds: [A.id], actor: "subject" });
    expect(events[0].details).toMatchObject({ formId, version: 1, via: "form" });
    const token = await db.token.findFirstOrThrow({ where: { purpose: "optin", subjectId: sub.id } });
    expect(token.expiresAt.getTime() - token.createdAt.getTime()).toBe(48 * 3600_000);

    const mails = mailsTo(email);
    expect(mails).toHaveLength(1);
    const m = mails[0].parsed;
    expect(m.subject).toBe("Bevestig je aanmelding voor Fietsnieuws");
    // from the newsletter's own sender (its name, not the organisation's), as its issues will be
    expect(m.from?.value[0]).toEqual({ name: "Fietsbond", address: "news@fietsbond.test" });
    expect(m.text).toContain("- Fietsnieuws");
    expect(m.text).not.toContain("Wandelnieuws");
    expect(m.text).toContain("Fietsbond Test");
    expect(m.text).toContain("negeren");
    expect(m.text).toMatch(/http:\/\/localhost:3999\/confirm\/[A-Za-z0-9_-]{43}/);
    // the ledger holds the mail as sent, without the link, the token or the address
    const sent = events[1];
    expect(sent.details).toMatchObject({ subject: m.subject });
    const recorded = (sent.details as { text: string }).text;
    expect(recorded).toBe((m.text ?? "").replace(/http:\/\/localhost:3999\/confirm\/\S+/, LINK_PLACEHOLDER));
    expect(JSON.stringify(events)).not.toContain(email);
    expect(JSON.stringify(events)).not.toContain("Anna");
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it("handles Unicode and IDN addresses as one normalised address", async () => {
    const local = `jöran${uid()}`;
    const r1 = await submitSignup({ ...base(), email: `  ${local.normalize("NFD").toUpperCase()}@Bücher.NL `, newsletterIds: [A.id] });
    const r2 = await submitSignup({ ...base(), email: `${local}@xn--bcher-kva.nl`, newsletterIds: [A.id] });
    expect(r1).toEqual(r2);
    const rows = await db.subscriber.findMany({ where: { email: { startsWith: local } } });
    expect(rows.map((r) => r.email)).toEqual([`${local}@xn--bcher-kva.nl`]);
    expect(await db.subscription.count({ where: { subscriberId: rows[0].id } })).toBe(1);
  });
});

describe("the public answer does not reveal the address's state", () => {
  it("is identical for new, pending, confirmed and suppressed addresses", async () => {
    const [fresh, pending, confirmed, suppressed] = ["fresh", "pending", "confirmed", "suppressed"].map((k) => `${k}-${uid()}@example.nl`);
    await submitSignup({ ...base(), email: pending, newsletterIds: [A.id] });
    await submitSignup({ ...base(), email: confirmed, newsletterIds: [A.id] });
    await db.subscription.updateMany({ where: { subscriber: { email: confirmed } }, data: { status: "confirmed", confirmedAt: new Date() } });
    await submitSignup({ ...base(), email: suppressed, newsletterIds: [A.id] });
    const s = await db.subscriber.findUniqueOrThrow({ where: { email: suppressed } });
    await withdraw({ subscriberId: s.id, scope: "all", actor: "subject", via: "test" });

    const answers = [];
    for (const email of [fresh, pending, confirmed, suppressed]) answers.push(JSON.stringify(await submitSignup({ ...base(), email, newsletterIds: [A.id] })));
    expect(new Set(answers).size).toBe(1);
    expect(JSON.parse(answers[0])).toEqual({ ok: true, language: "nl", thanksPath: expect.stringMatching(/^\/f\/form-[0-9a-f]+\/thanks$/) });
  });

  it("a confirmed subscriber re-submitting changes nothing and gets no mail", async () => {
    const email = `conf-${uid()}@example.nl`;
    await submitSignup({ ...base(), email, newsletterIds: [A.id] });
    const sub = await db.subscription.findFirstOrThrow({ where: { subscriber: { email } } });
    await db.subscription.update({ where: { id: sub.id }, data: { status: "confirmed", confirmedAt: new Date() } });
    const before = { ...(await counts()), mails: mailsTo(email).length, row: await db.subscription.findUniqueOrThrow({ where: { id: sub.id } }) };
    await submitSignup({ ...base(), email, newsletterIds: [A.id], name: "Changed" });
    expect({ ...(await counts()), mails: mailsTo(email).length, row: await db.subscription.findUniqueOrThrow({ where: { id: sub.id } }) }).toEqual(before);
    expect((await db.subscriber.findUniqueOrThrow({ where: { email } })).name).toBeNull();
  });

  it("someone who unsubscribed comes back as pending through a new double opt-in", async () => {
    const email = `back-${uid()}@example.nl`;
    await submitSignup({ ...base(), email, newsletterIds: [A.id] });
    const s = await db.subscriber.findUniqueOrThrow({ where: { email } });
    await db.subscription.updateMany({ where: { subscriberId: s.id }, data: { status: "confirmed", confirmedAt: new Date() } });
    await withdraw({ subscriberId: s.id, scope: { newsletterId: A.id }, actor: "subject", via: "test" });
    const mailsBefore = mailsTo(email).length;
    await submitSignup({ ...base(), email, newsletterIds: [A.id] });
    const sub = await db.subscription.findFirstOrThrow({ where: { subscriberId: s.id } });
    expect(sub).toMatchObject({ status: "pending", confirmedAt: null, unsubscribedAt: null, method: "double_opt_in" });
    expect(sub.createdAt.getTime()).toBe(sub.givenAt!.getTime()); // the purge of unconfirmed signups counts from now
    expect(mailsTo(email).length).toBe(mailsBefore + 1);
    expect(await db.subscription.count({ where: { subscriberId: s.id } })).toBe(1);
  });
});

describe("re-sending while pending", () => {
  it("re-sends at most once per 10 minutes and never duplicates rows", async () => {
    const email = `resend-${uid()}@example.nl`;
    const t0 = new Date();
    await submitSignup({ ...base(), email, newsletterIds: [A.id], now: t0 });
    const after1 = await counts();
    await submitSignup({ ...base(), email, newsletterIds: [A.id], now: new Date(t0.getTime() + 60_000) });
    await submitSignup({ ...base(), email, newsletterIds: [A.id], now: new Date(t0.getTime() + 9 * 60_000) });
    expect(mailsTo(email)).toHaveLength(1);
    expect(await counts()).toEqual(after1);

    await submitSignup({ ...base(), email, newsletterIds: [A.id], now: new Date(t0.getTime() + 11 * 60_000) });
    expect(mailsTo(email)).toHaveLength(2);
    const s = await db.subscriber.findUniqueOrThrow({ where: { email } });
    expect(await db.subscription.count({ where: { subscriberId: s.id } })).toBe(1);
    const types = (await db.consentEvent.findMany({ where: { subscriberId: s.id }, orderBy: { seq: "asc" } })).map((e) => e.type);
    expect(types).toEqual(["signup", "optin_sent", "optin_sent"]);
    await submitSignup({ ...base(), email, newsletterIds: [A.id], now: new Date(t0.getTime() + 12 * 60_000) });
    expect(mailsTo(email)).toHaveLength(2);
  });

  it("caps confirmation mails per address (list bombing)", async () => {
    const email = `bomb-${uid()}@example.nl`;
    const limits = { ...SIGNUP_LIMITS, resendAfterMs: 0, mailsPerAddress: { points: 2, durationSec: 3600 } };
    for (let i = 0; i < 4; i++) await submitSignup({ ...base(), email, newsletterIds: [A.id], limits, now: new Date(Date.now() + i * 1000) });
    expect(mailsTo(email)).toHaveLength(2);
  });

  it("limits signups per IP address with a 429", async () => {
    const limits = { ...SIGNUP_LIMITS, perIp: { points: 2, durationSec: 600 } };
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await submitSignup({ ...base(), ip, email: `ip${i}-${uid()}@example.nl`, newsletterIds: [A.id], limits }));
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(results[2]).toMatchObject({ status: 429, code: "rate_limited" });
  });
});

describe("bad input gets a clear 4xx and stores nothing", () => {
  const cases: [string, () => Record<string, unknown>, number, string][] = [
    ["no box checked", () => ({ newsletterIds: [] }), 422, "no_newsletter"],
    ["malformed address", () => ({ email: "not-an-address" }), 422, "invalid_email"],
    ["address without domain dot", () => ({ email: "a@localhost" }), 422, "invalid_email"],
    ["overlong address", () => ({ email: `${"a".repeat(64)}@${"b".repeat(200)}.nl` }), 422, "invalid_email"],
    ["empty address", () => ({ email: "" }), 422, "invalid_email"],
    ["a 10 KB name", () => ({ name: "x".repeat(10 * 1024) }), 422, "name_too_long"],
    ["CR/LF in the address", () => ({ email: "a@example.nl\r\nBcc: victim@example.org" }), 400, "invalid_input"],
    ["CR/LF in the name", () => ({ name: "Anna\r\nBcc: x@y.nl" }), 400, "invalid_input"],
    ["CR/LF in a newsletter id", () => ({ newsletterIds: [`${A.id}\r\n`] }), 400, "invalid_input"],
    ["an unknown newsletter id", () => ({ newsletterIds: ["cunknownnewsletter0000"] }), 400, "unknown_newsletter"],
    ["a newsletter the form does not offer", () => ({ newsletterIds: [A.id, "__OTHER__"] }), 400, "unknown_newsletter"],
    ["a missing version id", () => ({ formVersionId: undefined }), 400, "unknown_form"],
    ["a forged version id", () => ({ formVersionId: "cforgedversionid000000" }), 400, "unknown_form"],
    ["CR/LF in the version id", () => ({ formVersionId: `${versionId}\n` }), 400, "unknown_form"],
    ["a non-string address", () => ({ email: ["a@example.nl"] }), 400, "invalid_input"],
    ["a non-list of newsletters", () => ({ newsletterIds: { a: 1 } }), 400, "invalid_input"],
  ];
  for (const [what, override, status, code] of cases) {
    it(what, async () => {
      const o = override();
      if (Array.isArray(o.newsletterIds)) o.newsletterIds = (o.newsletterIds as string[]).map((x) => (x === "__OTHER__" ? C.id : x));
      const before = await counts();
      const mails = sink.count();
      const r = await submitSignup({ ...base(), email: `bad-${uid()}@example.nl`, newsletterIds: [A.id], ...o });
      expect(r).toMatchObject({ ok: false, status, code, message: expect.any(String) });
      expect(await counts()).toEqual(before);
      expect(sink.count()).toBe(mails);
    });
  }

  it("a form that is archived (or a version of another form) is refused", async () => {
    const n = await seedNewsletter("Gesloten");
    const { form, version } = await seedForm([n.id]);
    expect(await submitSignup({ ...base(), formVersionId: version.id, expectedFormId: formId, email: `x-${uid()}@example.nl`, newsletterIds: [n.id] })).toMatchObject({ status: 400, code: "unknown_form" });
    await db.form.update({ where: { id: form.id }, data: { archivedAt: new Date() } });
    const before = await counts();
    expect(await submitSignup({ ...base(), formVersionId: version.id, email: `x-${uid()}@example.nl`, newsletterIds: [n.id] })).toMatchObject({ status: 410, code: "form_closed" });
    expect(await counts()).toEqual(before);
  });

  it("an archived newsletter cannot be chosen", async () => {
    const n = await seedNewsletter("Weg");
    const { version } = await seedForm([n.id]);
    await db.newsletter.update({ where: { id: n.id }, data: { archivedAt: new Date() } });
    expect(await submitSignup({ ...base(), formVersionId: version.id, email: `x-${uid()}@example.nl`, newsletterIds: [n.id] })).toMatchObject({ status: 400, code: "unknown_newsletter" });
  });

  it("the honeypot gets the normal answer and nothing is stored or sent", async () => {
    const before = await counts();
    const mails = sink.count();
    const ok = await submitSignup({ ...base(), email: `real-${uid()}@example.nl`, newsletterIds: [A.id] });
    const afterReal = await counts();
    const bot = await submitSignup({ ...base(), email: `bot-${uid()}@example.nl`, newsletterIds: [A.id], honeypot: "http://spam.example" });
    expect(bot).toEqual(ok);
    expect(await counts()).toEqual(afterReal);
    expect(afterReal).not.toEqual(before);
    expect(sink.count()).toBe(mails + 1);
  });

  it("answers in English for an English form", async () => {
    const n = await seedNewsletter("English news", { language: "en" });
    const { version } = await seedForm([n.id], { language: "en", title: "Subscribe" });
    expect(await submitSignup({ ...base(), formVersionId: version.id, email: "nope", newsletterIds: [n.id] })).toMatchObject({ message: "Enter a valid e-mail address." });
  });
});

describe("proof of work", () => {
  it("is required when the form asks for it, checked server-side and usable once", async () => {
    const n = await seedNewsletter("Pow");
    const { form, version } = await seedForm([n.id], {}, { proofOfWork: true });
    const email = `pow-${uid()}@example.nl`;
    const send = (pow?: { challenge: unknown; nonce: unknown }) => submitSignup({ ...base(), formVersionId: version.id, email, newsletterIds: [n.id], pow });
    expect(await send()).toMatchObject({ status: 400, code: "proof_of_work" });
    const { challenge, bits } = issueChallenge({ formId: form.id });
    expect(bits).toBe(POW_BITS);
    expect(await send({ challenge, nonce: "0" })).toMatchObject({ code: "proof_of_work" }); // (1 in 65536 that 0 solves it)
    const other = issueChallenge({ formId: formId });
    expect(await send({ challenge: other.challenge, nonce: solveChallenge(other.challenge) })).toMatchObject({ code: "proof_of_work" });
    const nonce = solveChallenge(challenge);
    expect(await send({ challenge: challenge.replace(/.$/, (c) => (c === "a" ? "b" : "a")), nonce })).toMatchObject({ code: "proof_of_work" });
    expect(await send({ challenge, nonce })).toMatchObject({ ok: true });
    expect(await send({ challenge, nonce })).toMatchObject({ code: "proof_of_work" }); // replay
    expect(await db.subscriber.count({ where: { email } })).toBe(1);
  });
});
