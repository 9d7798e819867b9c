// Declaring an issue (categories, third-party offers, basis, explicit confirmation) against the real database:
// an undeclared issue is never sent or scheduled, a refused declaration stores nothing, content edits clear
// it, a send keeps the declaration as sent, and the declared facts decide who gets the issue per basis.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { db } from "../db/index.ts";
import { useSmtpSink, type UsedSmtpSink } from "../testing/use-smtp-sink.ts";
import { createIssue, declareIssue, updateIssue } from "./save-issue.ts";
import { sendTestIssue } from "./preview-issue.ts";
import { startSend } from "./start-send.ts";
import { scheduleIssue } from "./schedule-issue.ts";
import { preSendReport } from "./pre-send-report.ts";
import { reportDeclarationEffects } from "./report-declaration-effects.ts";
import { issueDeclaration } from "./issue-declaration.ts";
import { seedFormVersion, seedNewsletter, seedOrganisation, seedSubscriber, drainSend } from "./testing/fixtures.ts";

let sink: UsedSmtpSink;
beforeAll(async () => {
  sink = await useSmtpSink();
  await seedOrganisation();
});
afterAll(async () => {
  await sink.stop();
});

let staff: { id: string; email: string };
beforeAll(async () => {
  const u = await db.user.create({ data: { email: `editor-${Date.now()}@fietsen.example`, role: "editor" } });
  staff = { id: u.id, email: u.email };
});

const declared = { categories: ["bikes"], thirdPartyPromotion: "no", basis: "existing_customer", confirm: "yes" };

async function draft(newsletterId: string, subject = "Lente") {
  const created = await createIssue({ newsletterId, subject, actor: staff });
  if (!created.ok) throw new Error(created.error);
  expect(await updateIssue({ issueId: created.issueId, input: { subject, preheader: "", bodyMarkdown: "Nieuwe fietsen." }, actor: staff })).toMatchObject({ ok: true });
  return created.issueId;
}

async function customer(newsletterId: string, category = "bikes") {
  const c = await seedSubscriber({ newsletterId, formVersionId: null, basis: "existing_customer" });
  await db.purchase.create({ data: { subscriberId: c.subscriber.id, at: new Date(Date.now() - 30 * 86_400_000), category, optOutOfferedAtCollection: true } });
  return c;
}

const drain = (sendId: string) => drainSend(sendId, { workerId: "declare-test" });

describe("declaring an issue", () => {
  it("an undeclared issue is not sent or scheduled; a test to the staff member is allowed", async () => {
    const nl = await seedNewsletter({ categories: ["bikes"] });
    const issueId = await draft(nl.id);
    const jobs = await db.job.count({ where: { kind: "issue.send" } });
    const started = await startSend({ issueId, actor: staff });
    expect(started).toMatchObject({ ok: false });
    expect(!started.ok && started.error).toContain("has not been declared");
    const scheduled = await scheduleIssue({ issueId, at: new Date(Date.now() + 3600_000), actor: staff });
    expect(scheduled).toMatchObject({ ok: false });
    expect(scheduled.error).toContain("has not been declared");
    expect(await db.issue.findUniqueOrThrow({ where: { id: issueId } })).toMatchObject({ status: "draft", scheduledAt: null });
    expect(await db.send.count({ where: { issueId } })).toBe(0);
    expect(await db.job.count({ where: { kind: "issue.send" } })).toBe(jobs);
    expect(await sendTestIssue({ issueId, staff })).toEqual({ ok: true });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ["a category not on the newsletter's list", { categories: ["bikes", "insurance"] }, "categories", "not one of this newsletter's categories"],
    ["the third-party question unanswered", { thirdPartyPromotion: "" }, "thirdPartyPromotion", "third parties"],
    ["no basis", { basis: "" }, "basis", "basis"],
    ["a basis that does not exist", { basis: "legitimate_interest" }, "basis", "basis"],
    ["no confirmation", { confirm: "" }, "confirm", "I declare"],
    ["a category that is not a string", { categories: [42] }, "categories", "categories"],
  ])("refuses %s and stores nothing", async (_n, over, field, message) => {
    const nl = await seedNewsletter({ categories: ["bikes", "bike-parts"] });
    const issueId = await draft(nl.id);
    const r = await declareIssue({ issueId, input: { ...declared, ...over }, actor: staff });
    expect(r).toMatchObject({ ok: false, field });
    expect(!r.ok && r.error).toContain(message);
    expect(await db.issue.findUniqueOrThrow({ where: { id: issueId } })).toMatchObject({ declaredAt: null, declaredById: null, categories: null, basis: "consent", thirdPartyPromotion: false });
    expect(await db.auditLog.count({ where: { action: "issue.declare", target: issueId } })).toBe(0);
  });

  it("a declared issue starts, and the send keeps the declaration as sent", async () => {
    const nl = await seedNewsletter({ categories: ["bikes", "bike-parts"] });
    const fv = await seedFormVersion([nl.id]);
    await seedSubscriber({ newsletterId: nl.id, formVersionId: fv.id });
    const issueId = await draft(nl.id);
    expect(await declareIssue({ issueId, input: { ...declared, categories: ["bikes", "bike-parts", "bikes"] }, actor: staff })).toEqual({ ok: true, issueId });
    const issue = await db.issue.findUniqueOrThrow({ where: { id: issueId } });
    expect(issue).toMatchObject({ categories: ["bikes", "bike-parts"], thirdPartyPromotion: false, basis: "existing_customer", declaredById: staff.id });
    expect(issue.declaredAt).toBeInstanceOf(Date);
    expect(await db.auditLog.count({ where: { action: "issue.declare", target: issueId } })).toBe(1);

    const started = await startSend({ issueId, actor: staff });
    if (!started.ok) throw new Error(started.error);
    const send = await db.send.findUniqueOrThrow({ where: { id: started.sendId } });
    expect(send.declaration).toEqual({
      categories: ["bikes", "bike-parts"], thirdPartyPromotion: false, basis: "existing_customer",
      declaredAt: issue.declaredAt!.toISOString(), declaredById: staff.id,
    });
    // once sending, the declaration is as fixed as the content
    expect(await declareIssue({ issueId, input: { ...declared, thirdPartyPromotion: "yes" }, actor: staff })).toMatchObject({ ok: false });
    expect((await db.issue.findUniqueOrThrow({ where: { id: issueId } })).thirdPartyPromotion).toBe(false);
  });

  it("editing the content clears the declaration (saving it unchanged does not); a schedule resting on it is cancelled", async () => {
    const nl = await seedNewsletter({ categories: ["bikes"] });
    const issueId = await draft(nl.id);
    expect(await declareIssue({ issueId, input: declared, actor: staff })).toMatchObject({ ok: true });
    expect(await updateIssue({ issueId, input: { subject: "Lente", preheader: "", bodyMarkdown: "Nieuwe fietsen." }, actor: staff }))
      .toEqual({ ok: true, issueId, declarationCleared: false, unscheduled: false });
    expect((await db.issue.findUniqueOrThrow({ where: { id: issueId } })).declaredAt).not.toBeNull();

    const at = new Date(Date.now() + 3600_000);
    expect(await scheduleIssue({ issueId, at, actor: staff })).toEqual({ ok: true });
    expect(await updateIssue({ issueId, input: { subject: "Lente", preheader: "", bodyMarkdown: "Nieuwe fietsen, en een aanbieding van een partner." }, actor: staff }))
      .toEqual({ ok: true, issueId, declarationCleared: true, unscheduled: true });
    const after = await db.issue.findUniqueOrThrow({ where: { id: issueId } });
    expect(after).toMatchObject({ declaredAt: null, declaredById: null, status: "draft", scheduledAt: null });
    expect(after.categories).toEqual(["bikes"]); // the answers stay for the editor to confirm again
    expect(await startSend({ issueId, actor: staff })).toMatchObject({ ok: false });

    // confirming again makes it sendable; changing an answer is a new declaration, confirmed again
    expect(await declareIssue({ issueId, input: { ...declared, thirdPartyPromotion: "yes" }, actor: staff })).toMatchObject({ ok: true });
    expect(await declareIssue({ issueId, input: { ...declared, thirdPartyPromotion: "no", confirm: "" }, actor: staff })).toMatchObject({ ok: false, field: "confirm" });
    expect((await db.issue.findUniqueOrThrow({ where: { id: issueId } })).thirdPartyPromotion).toBe(true);
  });

  it("a declaration no longer fits when the newsletter's categories change", async () => {
    const nl = await seedNewsletter({ categories: ["bikes", "travel"] });
    const issueId = await draft(nl.id);
    expect(await declareIssue({ issueId, input: { ...declared, categories: ["travel"] }, actor: staff })).toMatchObject({ ok: true });
    await db.newsletter.update({ where: { id: nl.id }, data: { categories: ["bikes"] } });
    const r = await startSend({ issueId, actor: staff });
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.error).toContain("“travel” is not one of this newsletter's categories");
  });

  it("a third-party offer excludes the customer-basis recipients, and they get nothing", async () => {
    const nl = await seedNewsletter({ categories: ["bikes"] });
    const fv = await seedFormVersion([nl.id]);
    const withOffers = await seedSubscriber({ newsletterId: nl.id, formVersionId: fv.id });
    await db.subscription.update({ where: { id: withOffers.subscription.id }, data: { thirdPartyOffers: true } });
    const plain = await seedSubscriber({ newsletterId: nl.id, formVersionId: fv.id });
    const customers = [await customer(nl.id), await customer(nl.id)];
    const issueId = await draft(nl.id, "Partneraanbod");
    expect(await declareIssue({ issueId, input: { ...declared, thirdPartyPromotion: "yes" }, actor: staff })).toMatchObject({ ok: true });

    const report = (await preSendReport({ issueId }))!;
    expect(report.byBasis).toEqual({
      consent: { candidates: 2, recipients: 1, excluded: { DENY_THIRD_PARTY_NEEDS_CONSENT: 1 } },
      existing_customer: { candidates: 2, recipients: 0, excluded: { DENY_THIRD_PARTY_NEEDS_CONSENT: 2 } },
    });
    const issue = await db.issue.findUniqueOrThrow({ where: { id: issueId }, include: { newsletter: true } });
    const snapshot = issueDeclaration({ issue, newsletterCategories: issue.newsletter.categories }).snapshot!;
    expect(reportDeclarationEffects({ report, declaration: snapshot }).map((e) => e.text)).toEqual([
      "third-party offer: 2 customer-basis recipients excluded, DENY_THIRD_PARTY_NEEDS_CONSENT",
      "third-party offer: 1 consent-basis recipient excluded, DENY_THIRD_PARTY_NEEDS_CONSENT",
      "declared categories: 0 customer-basis recipients excluded, DENY_NOT_SIMILAR_PRODUCT",
    ]);

    const started = await startSend({ issueId, actor: staff });
    if (!started.ok) throw new Error(started.error);
    await drain(started.sendId);
    const to = (email: string) => sink.received.filter((m) => m.envelopeTo.includes(email) && m.parsed.subject === "Partneraanbod");
    expect(to(withOffers.email)).toHaveLength(1);
    expect(to(plain.email)).toHaveLength(0);
    for (const c of customers) {
      expect(to(c.email)).toHaveLength(0);
      expect(await db.delivery.findFirst({ where: { sendId: started.sendId, subscriberId: c.subscriber.id } })).toMatchObject({ status: "skipped", reason: "DENY_THIRD_PARTY_NEEDS_CONSENT" });
    }
  });

  it("consent only leaves customers without a basis; no declared category denies customers with its own reason", async () => {
    const nl = await seedNewsletter({ categories: ["bikes"] });
    const fv = await seedFormVersion([nl.id]);
    await seedSubscriber({ newsletterId: nl.id, formVersionId: fv.id });
    await customer(nl.id);
    const consentOnly = await draft(nl.id);
    expect(await declareIssue({ issueId: consentOnly, input: { ...declared, basis: "consent" }, actor: staff })).toMatchObject({ ok: true });
    expect((await preSendReport({ issueId: consentOnly }))!.byBasis).toEqual({
      consent: { candidates: 1, recipients: 1, excluded: {} },
      existing_customer: { candidates: 1, recipients: 0, excluded: { DENY_NO_BASIS: 1 } },
    });
    const none = await draft(nl.id);
    expect(await declareIssue({ issueId: none, input: { ...declared, categories: [] }, actor: staff })).toMatchObject({ ok: true });
    expect((await preSendReport({ issueId: none }))!.byBasis).toEqual({
      consent: { candidates: 1, recipients: 1, excluded: {} },
      existing_customer: { candidates: 1, recipients: 0, excluded: { DENY_CUSTOMER_NO_CATEGORIES: 1 } },
    });
    const own = await draft(nl.id);
    expect(await declareIssue({ issueId: own, input: declared, actor: staff })).toMatchObject({ ok: true });
    expect((await preSendReport({ issueId: own }))!).toMatchObject({ candidates: 2, recipients: 2, excluded: {} });
  });
});
