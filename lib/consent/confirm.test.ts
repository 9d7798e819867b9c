import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { useSmtpSink } from "../testing/use-smtp-sink.ts";

const sink = await useSmtpSink();

const { db } = await import("../db/index.ts");
const { submitSignup } = await import("./submit-signup.ts");
const { confirmSignup } = await import("./confirm-signup.ts");
const { getOptinLink } = await import("./get-optin-link.ts");
const { getConsentSnapshot } = await import("./get-consent-snapshot.ts");
const { withdraw } = await import("../subscribers/withdraw.ts");
const { suppressionsFor } = await import("../subscribers/suppression.ts");
const { verifyLedger } = await import("./ledger.ts");
const { decideSend, DEFAULT_FACTS, deepMerge } = await import("../rules/index.ts");
const { sha256 } = await import("../util/hash.ts");
const { seedForm, seedNewsletter, seedOrganisation, uid } = await import("./test-helpers.ts");

afterAll(() => sink.stop());

let A: { id: string }, B: { id: string };
let versionId: string;
beforeAll(async () => {
  await seedOrganisation();
  A = await seedNewsletter("Alfa");
  B = await seedNewsletter("Bravo");
  versionId = (await seedForm([A.id, B.id])).version.id;
});

async function signUp(newsletterIds: string[], now = new Date()) {
  const email = `c-${uid()}@example.nl`;
  await submitSignup({ formVersionId: versionId, email, newsletterIds, via: "form", ip: "203.0.113.5", userAgent: "Signup UA", now });
  const mail = sink.received.filter((m) => m.envelopeTo.includes(email)).at(-1)!;
  const token = (mail.parsed.text ?? "").match(/\/confirm\/([A-Za-z0-9_-]+)/)![1];
  const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email }, include: { subscriptions: true } });
  return { email, token, subscriber };
}
const statusOf = async (subscriberId: string) =>
  Object.fromEntries((await db.subscription.findMany({ where: { subscriberId } })).map((s) => [s.newsletterId, s.status]));

describe("confirming by the button", () => {
  it("a GET of the link only describes it; the POST confirms exactly the chosen newsletters", async () => {
    const { token, subscriber } = await signUp([A.id]);
    const events = await db.consentEvent.count();
    const link = await getOptinLink({ token });
    expect(link).toEqual({ state: "valid", language: "nl", newsletterNames: ["Alfa"], formPath: expect.stringMatching(/^\/f\//) });
    await getOptinLink({ token });
    expect(await statusOf(subscriber.id)).toEqual({ [A.id]: "pending" });
    expect(await db.consentEvent.count()).toBe(events);
    expect((await db.token.findFirstOrThrow({ where: { subjectId: subscriber.id } })).usedAt).toBeNull();

    const r = await confirmSignup({ token, ip: "203.0.113.9", userAgent: "Confirm UA" });
    expect(r).toMatchObject({ state: "confirmed", newsletterNames: ["Alfa"], language: "nl" });
    const sub = await db.subscription.findFirstOrThrow({ where: { subscriberId: subscriber.id } });
    expect(sub).toMatchObject({ status: "confirmed", newsletterId: A.id });
    expect(sub.confirmedAt).toBeInstanceOf(Date);
    expect(await db.subscription.count({ where: { subscriberId: subscriber.id, newsletterId: B.id } })).toBe(0);
    const confirm = await db.consentEvent.findFirstOrThrow({ where: { subscriberId: subscriber.id, type: "confirm" } });
    expect(confirm).toMatchObject({ ip: "203.0.113.9", userAgent: "Confirm UA", newsletterIds: [A.id], formVersionId: versionId, actor: "subject" });
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it("confirms all the newsletters chosen together", async () => {
    const { token, subscriber } = await signUp([A.id, B.id]);
    expect(await confirmSignup({ token, ip: "1.1.1.1", userAgent: "x" })).toMatchObject({ state: "confirmed", newsletterNames: ["Alfa", "Bravo"] });
    expect(await statusOf(subscriber.id)).toEqual({ [A.id]: "confirmed", [B.id]: "confirmed" });
  });
});

describe("tokens", () => {
  it("are single use: a second POST changes nothing", async () => {
    const { token, subscriber } = await signUp([A.id]);
    expect((await confirmSignup({ token, ip: "1.1.1.1", userAgent: "x" })).state).toBe("confirmed");
    const events = await db.consentEvent.count();
    expect(await confirmSignup({ token, ip: "1.1.1.1", userAgent: "x" })).toMatchObject({ state: "used", formPath: expect.any(String) });
    expect(await db.consentEvent.count()).toBe(events);
    expect((await getOptinLink({ token })).state).toBe("used");
    expect(await db.consentEvent.count({ where: { subscriberId: subscriber.id, type: "confirm" } })).toBe(1);
  });

  it("are single use under concurrent POSTs", async () => {
    const { token, subscriber } = await signUp([A.id]);
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => confirmSignup({ token, ip: "1.1.1.1", userAgent: "x" })));
    const states = results.map((r) => (r.status === "fulfilled" ? r.value.state : "error"));
    expect(states.filter((s) => s === "confirmed")).toHaveLength(1);
    expect(await db.consentEvent.count({ where: { subscriberId: subscriber.id, type: "confirm" } })).toBe(1);
  });

  it("expire after 48 hours (the signup stays pending; signing up again sends a fresh mail)", async () => {
    const t0 = new Date(Date.now() - 49 * 3600_000);
    const { token, subscriber, email } = await signUp([A.id], t0);
    expect((await getOptinLink({ token })).state).toBe("expired");
    expect(await confirmSignup({ token, ip: "1.1.1.1", userAgent: "x" })).toMatchObject({ state: "expired", formPath: expect.stringMatching(/^\/f\//) });
    expect(await statusOf(subscriber.id)).toEqual({ [A.id]: "pending" });
    // a fresh mail on a new submission, with a link that works
    await submitSignup({ formVersionId: versionId, email, newsletterIds: [A.id], via: "form", ip: "203.0.113.5", userAgent: "x" });
    const mails = sink.received.filter((m) => m.envelopeTo.includes(email));
    expect(mails).toHaveLength(2);
    const fresh = (mails[1].parsed.text ?? "").match(/\/confirm\/([A-Za-z0-9_-]+)/)![1];
    expect(fresh).not.toBe(token);
    expect((await confirmSignup({ token: fresh, ip: "1.1.1.1", userAgent: "x" })).state).toBe("confirmed");
  });

  it("tampered or unknown tokens confirm nothing", async () => {
    const { token, subscriber } = await signUp([A.id]);
    const flipped = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    for (const t of [flipped, token.slice(0, -1), `${token}x`, "", "short", "x".repeat(500), token.toUpperCase()]) {
      expect((await confirmSignup({ token: t, ip: "1.1.1.1", userAgent: "x" })).state).toBe("unknown");
      expect((await getOptinLink({ token: t })).state).toBe("unknown");
    }
    expect(await statusOf(subscriber.id)).toEqual({ [A.id]: "pending" });
    // a token of another purpose is not an opt-in token
    const { issueToken } = await import("../security/tokens.ts");
    const setup = await issueToken(db, { purpose: "setup", ttlMs: 60_000 });
    expect((await confirmSignup({ token: setup.token, ip: "1", userAgent: "x" })).state).toBe("unknown");
  });

  it("a signup deleted meanwhile (purge) leaves nothing to confirm", async () => {
    const { token, subscriber } = await signUp([A.id]);
    await db.subscription.deleteMany({ where: { subscriberId: subscriber.id } });
    expect((await confirmSignup({ token, ip: "1.1.1.1", userAgent: "x" })).state).toBe("expired");
  });
});

describe("coming back after unsubscribing", () => {
  it("a confirmed new DOI is recorded as lifting the newsletter's suppression; the entry stays and the gate allows that newsletter again", async () => {
    const first = await signUp([A.id, B.id]);
    await confirmSignup({ token: first.token, ip: "1.1.1.1", userAgent: "x" });
    await withdraw({ subscriberId: first.subscriber.id, scope: { newsletterId: A.id }, actor: "subject", via: "test", at: new Date(Date.now() - 60_000) });
    expect((await suppressionsFor(db, first.email)).map((s) => s.scope)).toEqual([A.id]);

    await submitSignup({ formVersionId: versionId, email: first.email, newsletterIds: [A.id], via: "form", ip: "1.1.1.1", userAgent: "x" });
    const mail = sink.received.filter((m) => m.envelopeTo.includes(first.email)).at(-1)!;
    const token = (mail.parsed.text ?? "").match(/\/confirm\/([A-Za-z0-9_-]+)/)![1];
    expect(mail.parsed.text).not.toContain("Bravo"); // B is still confirmed: not asked again
    expect(await db.consentEvent.count({ where: { subscriberId: first.subscriber.id, type: "suppression_lifted" } })).toBe(0);
    await confirmSignup({ token, ip: "1.1.1.1", userAgent: "x" });

    const entry = (await suppressionsFor(db, first.email)).find((s) => s.scope === A.id)!;
    // the entry is kept unchanged: only lib/rules decides, per message, that the later DOI lifts it
    expect(entry).toMatchObject({ liftedAt: null, reason: "withdrawal" });
    const lifted = await db.consentEvent.findFirstOrThrow({ where: { subscriberId: first.subscriber.id, type: "suppression_lifted" } });
    expect(lifted.details).toEqual({ newsletterId: A.id, reason: "new double opt-in" });
    const sub = await db.subscription.findFirstOrThrow({ where: { subscriberId: first.subscriber.id, newsletterId: A.id } });
    expect(sub.status).toBe("confirmed");

    // the rules module agrees: the DOI post-dates the suppression
    const facts = deepMerge(DEFAULT_FACTS, {
      now: new Date().toISOString(), basis: "consent",
      message: { newsletterId: A.id },
      consent: { newsletterIds: [A.id], status: "confirmed", method: "double-opt-in", givenAt: sub.givenAt!.toISOString(), confirmedAt: sub.confirmedAt!.toISOString(), formVersionId: sub.formVersionId },
      suppressions: [{ scope: A.id, reason: "withdrawal", at: entry.at.toISOString() }],
    });
    expect(decideSend(facts)).toMatchObject({ allowed: true, reason: "ALLOW_CONSENT" });
    // …but not for mail on any other basis (E2: for any other basis any entry blocks)
    expect(decideSend({ ...facts, basis: "existing-customer" }).reason).toBe("DENY_SUPPRESSED");
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it("an 'all' suppression stays for the other newsletters; the lift for this one is recorded", async () => {
    const first = await signUp([A.id, B.id]);
    await confirmSignup({ token: first.token, ip: "1.1.1.1", userAgent: "x" });
    await withdraw({ subscriberId: first.subscriber.id, scope: "all", actor: "subject", via: "test" });
    await submitSignup({ formVersionId: versionId, email: first.email, newsletterIds: [A.id], via: "form", ip: "1.1.1.1", userAgent: "x" });
    const mail = sink.received.filter((m) => m.envelopeTo.includes(first.email)).at(-1)!;
    await confirmSignup({ token: (mail.parsed.text ?? "").match(/\/confirm\/([A-Za-z0-9_-]+)/)![1], ip: "1.1.1.1", userAgent: "x" });
    const entries = await suppressionsFor(db, first.email);
    expect(entries.map((s) => [s.scope, s.liftedAt])).toEqual([["all", null]]);
    expect(await statusOf(first.subscriber.id)).toEqual({ [A.id]: "confirmed", [B.id]: "unsubscribed" });
    const lifted = await db.consentEvent.findMany({ where: { subscriberId: first.subscriber.id, type: "suppression_lifted" } });
    expect(lifted.map((e) => e.details)).toEqual([{ newsletterId: A.id, reason: "new double opt-in", scope: "all" }]);
    // the gate: A is lifted by the later DOI, B stays suppressed
    const facts = async (newsletterId: string) => {
      const sub = await db.subscription.findFirstOrThrow({ where: { subscriberId: first.subscriber.id, newsletterId } });
      return deepMerge(DEFAULT_FACTS, {
        now: new Date().toISOString(), message: { newsletterId },
        consent: { newsletterIds: [newsletterId], status: "confirmed", method: "double-opt-in", givenAt: sub.givenAt!.toISOString(), confirmedAt: sub.confirmedAt!.toISOString(), formVersionId: sub.formVersionId },
        suppressions: [{ scope: "all", reason: "withdrawal", at: entries[0].at.toISOString() }],
      });
    };
    expect(decideSend(await facts(A.id)).reason).toBe("ALLOW_CONSENT");
    expect(decideSend(await facts(B.id)).reason).toBe("DENY_SUPPRESSED");
  });
});

describe("the consent snapshot", () => {
  it("holds the exact form text, its hash and the signup, mail and confirm events with time, IP and user agent", async () => {
    const { token, subscriber } = await signUp([A.id]);
    await confirmSignup({ token, ip: "203.0.113.77", userAgent: "Confirm UA" });
    const sub = subscriber.subscriptions[0];
    const snap = await getConsentSnapshot({ subscriptionId: sub.id });
    expect(snap).not.toBeNull();
    const v = await db.formVersion.findUniqueOrThrow({ where: { id: versionId } });
    expect(snap!.formVersion).toMatchObject({ id: versionId, version: 1, language: "nl", renderedText: v.renderedText, contentHash: sha256(v.renderedText), hashVerified: true });
    expect(snap!.formVersion!.lines.map((l) => l.text).join("\n")).toBe(v.renderedText);
    expect(snap!.subscription).toMatchObject({ id: sub.id, status: "confirmed", newsletterName: "Alfa", method: "double_opt_in" });
    expect(snap!.events.map((e) => e.type)).toEqual(["signup", "optin_sent", "confirm"]);
    expect(snap!.events[0]).toMatchObject({ ip: "203.0.113.5", userAgent: "Signup UA", formVersionId: versionId });
    expect(snap!.events[1].details).toMatchObject({ subject: "Bevestig je aanmelding voor Alfa", text: expect.stringContaining("[confirmation link]") });
    expect(snap!.events[2]).toMatchObject({ ip: "203.0.113.77", userAgent: "Confirm UA" });
    expect(snap!.events.every((e) => e.at instanceof Date)).toBe(true);
  });

  it("only shows events about the subscription's own newsletter", async () => {
    const { token, subscriber } = await signUp([A.id]);
    await confirmSignup({ token, ip: "1.1.1.1", userAgent: "x" });
    await submitSignup({ formVersionId: versionId, email: subscriber.email, newsletterIds: [B.id], via: "form", ip: "1.1.1.1", userAgent: "x" });
    const snapA = await getConsentSnapshot({ subscriptionId: subscriber.subscriptions[0].id });
    expect(snapA!.events.map((e) => e.type)).toEqual(["signup", "optin_sent", "confirm"]);
    expect(await getConsentSnapshot({ subscriptionId: "nope" })).toBeNull();
  });
});
