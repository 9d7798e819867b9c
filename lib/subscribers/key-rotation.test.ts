// SUPPRESSION_KEY rotation: the rows were written under the old key (the test secret); this file runs with
// SUPPRESSION_KEY = a new key and SUPPRESSION_KEY_PREVIOUS = the old one. Everyone who left must still be
// left out by every lookup (send gate, imports, signups), and every write goes under the new key, moving
// the address's old row rather than adding a second one. Real database, both providers.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { startSmtpSink, type SmtpSink } from "../testing/smtp-sink.ts";

const OLD = process.env.SUPPRESSION_KEY!; // the test secret setup-db gave us: what the old rows were made with
const NEW = "rotated-suppression-key-fedcba9876543210";
const sink: SmtpSink = await startSmtpSink();
Object.assign(process.env, { SUPPRESSION_KEY: NEW, SUPPRESSION_KEY_PREVIOUS: OLD, SMTP_URL: sink.url });
(globalThis as { __proofmailTransport?: unknown }).__proofmailTransport = undefined;

const { db } = await import("../db/index.ts");
const { config } = await import("../config/index.ts");
const { suppressionKey, suppressionKeys, suppressionKeyId, suppressionsFor, suppress, moveToCurrentKey } = await import("./suppression.ts");
const { loadRecipients } = await import("../sending/load-recipients.ts");
const { preSendReport } = await import("../sending/pre-send-report.ts");
const { seedOrganisation, seedNewsletter, seedFormVersion, seedSubscriber, seedIssue } = await import("../sending/testing/fixtures.ts");
const { runImport } = await import("../imports/run-import.ts");
const { submitSignup } = await import("../consent/submit-signup.ts");
const { confirmSignup } = await import("../consent/confirm-signup.ts");
const consentHelpers = await import("../consent/test-helpers.ts");
const { addSuppressions } = await import("./add-suppressions.ts");
const { recordObjectionByAddress } = await import("./record-objection-by-address.ts");
const { eraseSubscriber } = await import("./erase-subscriber.ts");
const { rateLimitRowKey } = await import("../security/rate-limit.ts");
const { withdraw } = await import("./withdraw.ts");

afterAll(() => sink.close());

const DAY = 86_400_000;
const rnd = () => Math.random().toString(36).slice(2, 10);
const staff = { id: "adminuser0001", email: "admin@example.org" };

/** A row as the code before the rotation wrote it: under the old key (keyId: none, as before key ids were recorded). */
function oldRow(email: string, scope: string, reason = "withdrawal", extra: { at?: Date; liftedAt?: Date; liftedReason?: string } = {}) {
  return db.suppression.create({ data: { keyHash: suppressionKey(email, OLD), scope, reason, at: extra.at ?? new Date(Date.now() - 30 * DAY), liftedAt: extra.liftedAt, liftedReason: extra.liftedReason } });
}
const rowsUnder = (email: string, key: string) => db.suppression.findMany({ where: { keyHash: suppressionKey(email, key) }, orderBy: { scope: "asc" } });

beforeAll(async () => {
  await seedOrganisation();
});

describe("after rotating SUPPRESSION_KEY", () => {
  it("runs with the new key current and the old one previous; an address has one hash per key, the current first", () => {
    expect(config()).toMatchObject({ suppressionKey: NEW, suppressionKeyPrevious: [OLD] });
    const keys = suppressionKeys("a@example.nl");
    expect(keys).toEqual([suppressionKey("a@example.nl", NEW), suppressionKey("a@example.nl", OLD)]);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it("the send gate still leaves out an address suppressed under the old key (pre-send report and the batch loader)", async () => {
    const nl = await seedNewsletter();
    const fv = await seedFormVersion([nl.id]);
    const allScope = await seedSubscriber({ newsletterId: nl.id, formVersionId: fv.id });
    const thisNewsletter = await seedSubscriber({ newsletterId: nl.id, formVersionId: fv.id });
    const underNew = await seedSubscriber({ newsletterId: nl.id, formVersionId: fv.id });
    const clean = await seedSubscriber({ newsletterId: nl.id, formVersionId: fv.id });
    await oldRow(allScope.email, "all", "withdrawal");
    await oldRow(thisNewsletter.email, nl.id, "objection");
    await suppress(db, underNew.email, nl.id, "objection", new Date(Date.now() - DAY));
    const issue = await seedIssue(nl.id);

    const report = await preSendReport({ issueId: issue.id });
    expect(report).toMatchObject({ candidates: 4, recipients: 1, excluded: { DENY_SUPPRESSED: 3 } });

    // One batch, each person gets exactly their own rows whichever key made them.
    const rows = await loadRecipients(db, [allScope, thisNewsletter, underNew, clean].map((s) => s.subscription.id));
    expect(rows.get(allScope.subscription.id)!.suppressions.map((s) => [s.scope, s.reason])).toEqual([["all", "withdrawal"]]);
    expect(rows.get(thisNewsletter.subscription.id)!.suppressions.map((s) => [s.scope, s.reason])).toEqual([[nl.id, "objection"]]);
    expect(rows.get(underNew.subscription.id)!.suppressions.map((s) => (s as { keyHash?: string }).keyHash)).toEqual([suppressionKey(underNew.email, NEW)]);
    expect(rows.get(clean.subscription.id)!.suppressions).toEqual([]);
  });

  it("an import refuses an address suppressed under the old key", async () => {
    const nl = await seedNewsletter();
    const tag = rnd();
    const left = `left-${tag}@example.nl`;
    const fine = `fine-${tag}@example.nl`;
    await oldRow(left, "some-other-newsletter", "objection");
    const csv = [
      "email,name,source,proof_reference,consent_at,confirmed_at,method,given_by,under16",
      `${left.toUpperCase()},,,form-archive/1,2024-01-02T10:00:00Z,2024-01-02T10:05:00Z,double-opt-in,,`,
      `${fine},,,form-archive/2,2024-01-02T10:00:00Z,2024-01-02T10:05:00Z,double-opt-in,,`,
    ].join("\n") + "\n";
    const r = await runImport({ actor: staff, csv, fileName: "rotation.csv", newsletterId: nl.id, declaration: { basis: "consent", source: "own-form" }, mode: "preview" });
    if (!r.ok) throw new Error(r.error);
    expect(r.rows.map((x) => x.reason)).toEqual(["SUPPRESSED", "ACCEPT_CONFIRMED"]);
  });

  it("a signup's confirmation sees the old-key withdrawal (and records that the new DOI lifts it)", async () => {
    await consentHelpers.seedOrganisation();
    const a = await consentHelpers.seedNewsletter("Rotatie");
    const { version } = await consentHelpers.seedForm([a.id]);
    const email = `back-${rnd()}@example.nl`;
    await oldRow(email, a.id, "withdrawal", { at: new Date(Date.now() - 10 * DAY) });
    expect((await suppressionsFor(db, email)).map((s) => [s.scope, s.reason])).toEqual([[a.id, "withdrawal"]]);

    await submitSignup({ formVersionId: version.id, email, newsletterIds: [a.id], via: "form", ip: "203.0.113.5", userAgent: "UA" });
    const mail = sink.received.filter((m) => m.envelopeTo.includes(email)).at(-1)!;
    const token = (mail.parsed.text ?? "").match(/\/confirm\/([A-Za-z0-9_-]+)/)![1];
    expect((await confirmSignup({ token, ip: "203.0.113.5", userAgent: "UA" })).state).toBe("confirmed");
    const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email } });
    expect(await db.consentEvent.count({ where: { subscriberId: subscriber.id, type: "suppression_lifted" } })).toBe(1);
  });

  it("a new suppression is written under the new key; the address's old rows move to it (same scope, fields kept), none is duplicated", async () => {
    const nl = await seedNewsletter();
    const email = `mover-${rnd()}@example.nl`;
    const t0 = new Date(Date.now() - 40 * DAY);
    const lifted = new Date(Date.now() - 20 * DAY);
    const a = await oldRow(email, nl.id, "withdrawal", { at: t0 });
    const all = await oldRow(email, "all", "complaint", { at: t0, liftedAt: lifted, liftedReason: "new double opt-in" });

    const at = new Date(Date.now() - DAY);
    await suppress(db, email, nl.id, "objection", at);
    expect(await rowsUnder(email, OLD)).toEqual([]);
    const now = await rowsUnder(email, NEW);
    expect(now).toHaveLength(2);
    // The same rows (ids), moved: the refreshed one as suppress() sets it, the other exactly as it was.
    expect(now.find((r) => r.scope === nl.id)).toMatchObject({ id: a.id, reason: "objection", at, liftedAt: null, keyId: suppressionKeyId(NEW) });
    expect(now.find((r) => r.scope === "all")).toMatchObject({ id: all.id, reason: "complaint", at: t0, liftedAt: lifted, liftedReason: "new double opt-in", keyId: suppressionKeyId(NEW) });
    expect(await suppressionsFor(db, email)).toHaveLength(2);
  });

  it("the admin paths write under the new key and move, not duplicate (Objections: add addresses, record by address)", async () => {
    const nl = await seedNewsletter();
    const listed = `listed-${rnd()}@example.nl`;
    const caller = `caller-${rnd()}@example.nl`;
    const before = await oldRow(listed, "all", "withdrawal");
    await oldRow(caller, nl.id, "withdrawal");
    expect(await addSuppressions({ text: listed, reason: "objection", actor: staff })).toEqual({ ok: true, added: 1 });
    expect(await recordObjectionByAddress({ email: caller, scope: nl.id, kind: "objection", channel: "phone", note: "", staff })).toMatchObject({ ok: true });

    expect(await rowsUnder(listed, OLD)).toEqual([]);
    expect((await rowsUnder(listed, NEW)).map((r) => [r.id, r.scope, r.reason])).toEqual([[before.id, "all", "objection"]]);
    expect(await rowsUnder(caller, OLD)).toEqual([]);
    expect((await rowsUnder(caller, NEW)).map((r) => [r.scope, r.reason])).toEqual([[nl.id, "objection"]]);
  });

  it("an unsubscribe writes under the new key", async () => {
    const nl = await seedNewsletter();
    const fv = await seedFormVersion([nl.id]);
    const s = await seedSubscriber({ newsletterId: nl.id, formVersionId: fv.id });
    await withdraw({ subscriberId: s.subscriber.id, scope: { newsletterId: nl.id }, actor: "subject", via: "test" });
    expect((await rowsUnder(s.email, NEW)).map((r) => r.scope)).toEqual([nl.id]);
    expect(await rowsUnder(s.email, OLD)).toEqual([]);
  });

  it("where both keys have a row in one scope, they become one: the later date and its reason, active if either was", async () => {
    const nl = await seedNewsletter();
    const email = `both-${rnd()}@example.nl`;
    const later = new Date(Date.now() - 5 * DAY);
    await oldRow(email, nl.id, "withdrawal", { at: later });
    const current = await db.suppression.create({ data: { keyHash: suppressionKey(email, NEW), scope: nl.id, reason: "bounce", at: new Date(Date.now() - 50 * DAY), liftedAt: new Date(Date.now() - 40 * DAY), liftedReason: "new double opt-in" } });
    const r = await db.$transaction((tx) => moveToCurrentKey(tx, [email]));
    expect(r).toEqual({ moved: 0, merged: 1, alreadyCurrent: 1 });
    expect(await rowsUnder(email, OLD)).toEqual([]);
    expect(await rowsUnder(email, NEW)).toEqual([expect.objectContaining({ id: current.id, reason: "withdrawal", at: later, liftedAt: null, liftedReason: null })]);
    // Idempotent.
    expect(await db.$transaction((tx) => moveToCurrentKey(tx, [email]))).toEqual({ moved: 0, merged: 0, alreadyCurrent: 1 });
  });

  it("erasure moves the old-key row (a lifted one blocks again) and deletes the rate-limit counters made under the old key", async () => {
    const nl = await seedNewsletter();
    const fv = await seedFormVersion([nl.id]);
    const s = await seedSubscriber({ newsletterId: nl.id, formVersionId: fv.id });
    const row = await oldRow(s.email, "all", "withdrawal", { liftedAt: new Date(Date.now() - DAY), liftedReason: "new double opt-in" });
    const counters = [rateLimitRowKey("signup-mail-addr", suppressionKey(s.email, OLD), OLD), rateLimitRowKey("login-addr", s.email, OLD)];
    for (const key of counters) await db.rateLimit.create({ data: { key, points: 1, expire: new Date(Date.now() + DAY) } });

    expect(await eraseSubscriber({ subscriberId: s.subscriber.id, actor: "subject" })).toEqual({ erased: true });
    expect(await rowsUnder(s.email, OLD)).toEqual([]);
    expect(await rowsUnder(s.email, NEW)).toEqual([expect.objectContaining({ id: row.id, scope: "all", reason: "erasure", liftedAt: null, keyId: suppressionKeyId(NEW) })]);
    expect(await db.rateLimit.count({ where: { key: { in: counters } } })).toBe(0);
  });
});
