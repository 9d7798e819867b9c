// Retention as promised, against the real database: a form version records the terms it states
// (FormVersion.retentionPolicies), the purge decides with min(promised, current) per consent, a buyer's record
// stays only for the contract term (Organisation.customerRecordMonths), and a dry run predicts the real run.
import { describe, it, expect, beforeEach } from "vitest";
import { db } from "../db/index.ts";
import { verifyLedger } from "../consent/ledger.ts";
import { getCurrentFormVersion } from "../consent/get-current-form-version.ts";
import { ADMIN, seedForm, seedNewsletter, seedOrganisation } from "../consent/test-helpers.ts";
import { createSubscriber } from "../testing/fixtures.ts";
import { runPurge, type PurgeResult } from "./run-purge.ts";
import { updateRetentionPolicy } from "./update-retention-policy.ts";
import { updateCustomerRecordTerm } from "./update-customer-record-term.ts";

const NOW = new Date("2026-03-01T12:00:00Z");
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const terms = (withdrawnGraceDays: number) => ({ pendingDays: 7, withdrawnGraceDays, keepProofMonths: 0, deliveryLogDays: 90 });

async function wipe() {
  for (const m of ["delivery", "send", "issue", "token", "purchase", "subscription", "subscriber", "consentEvent", "suppression", "retentionPolicy", "purgeRun", "auditLog"] as const)
    await (db[m] as unknown as { deleteMany(): Promise<unknown> }).deleteMany();
  await seedOrganisation({ customerWindowMonths: 24, customerRecordMonths: 24 });
}

/** Someone who consented through `formVersionId` (null: an import without our form) and withdrew `days` ago. */
async function withdrew(newsletterId: string, formVersionId: string | null, days: number) {
  const { subscriber } = await createSubscriber({
    createdAt: ago(400),
    subscriptions: [{ newsletterId, formVersionId, status: "unsubscribed", createdAt: ago(400), unsubscribedAt: ago(days) }],
  });
  return subscriber.id;
}

const exists = async (id: string) => (await db.subscriber.count({ where: { id } })) === 1;

/** Shown the form the way a visitor is: re-rendered from the current settings and policies. */
async function shownVersion(formSlug: string) {
  const shown = await getCurrentFormVersion({ formSlug });
  if (shown.state !== "ok") throw new Error(`form not shown: ${shown.state}`);
  return shown.version;
}

/** Dry run, then the real run: both must decide the same, per reason and per policy version. */
async function dryThenReal(): Promise<{ dry: PurgeResult; real: PurgeResult }> {
  const dry = await runPurge({ trigger: "cli", dryRun: true, now: NOW });
  const real = await runPurge({ trigger: "cli", now: NOW });
  expect(dry.counts.actions).toEqual(real.counts.actions);
  expect(dry.counts.reasons).toEqual(real.counts.reasons);
  // (A dry run also lists versions that cover people the purge had no reason to look at.)
  const actionsByVersion = (r: PurgeResult) => Object.fromEntries(Object.entries(r.counts.policyVersions).flatMap(([k, v]) => (Object.keys(v.actions).length ? [[k, v.actions]] : [])));
  expect(actionsByVersion(dry)).toEqual(actionsByVersion(real));
  return { dry, real };
}

describe("retention as promised", () => {
  beforeEach(wipe);

  it("publishing records the promised terms with their policy version; a changed policy re-renders the form for new signups", async () => {
    const nl = await seedNewsletter("Promise");
    await updateRetentionPolicy({ newsletterId: null, values: terms(60), actor: ADMIN });
    const { form, version: v1 } = await seedForm([nl.id]);
    const first = await db.retentionPolicy.findFirstOrThrow({ where: { newsletterId: null } });
    expect(v1.retentionPolicies).toEqual({ [nl.id]: { version: first.version, ...terms(60) } });
    // Shown again unchanged: the same version (also on PostgreSQL, where jsonb reorders the keys).
    expect((await shownVersion(form.slug)).id).toBe(v1.id);

    // Saving the same terms is no change; other terms move the version on.
    await updateRetentionPolicy({ newsletterId: null, values: terms(60), actor: ADMIN });
    expect((await db.retentionPolicy.findFirstOrThrow({ where: { newsletterId: null } })).version).toBe(first.version);
    await updateRetentionPolicy({ newsletterId: null, values: terms(30), actor: ADMIN });
    const second = await db.retentionPolicy.findFirstOrThrow({ where: { newsletterId: null } });
    expect(second.version).toBeGreaterThan(first.version);

    const v2 = await shownVersion(form.slug);
    expect(v2.id).not.toBe(v1.id);
    expect(v2.retentionPolicies).toEqual({ [nl.id]: { version: second.version, ...terms(30) } });
    expect(v2.retentionStatement).toContain("binnen 30 dagen");
    // The old version is untouched: it still says what people saw.
    expect((await db.formVersion.findUniqueOrThrow({ where: { id: v1.id } })).retentionPolicies).toEqual(v1.retentionPolicies);

    // A newsletter's own terms get a version of their own too.
    await updateRetentionPolicy({ newsletterId: nl.id, values: terms(45), actor: ADMIN });
    const own = await db.retentionPolicy.findFirstOrThrow({ where: { newsletterId: nl.id } });
    expect(own.version).toBeGreaterThan(second.version);
    expect((await shownVersion(form.slug)).retentionPolicies).toEqual({ [nl.id]: { version: own.version, ...terms(45) } });
  });

  it("shortening a policy purges people past the shorter term, also those promised the longer one", async () => {
    const nl = await seedNewsletter("Shorter");
    await updateRetentionPolicy({ newsletterId: null, values: terms(60), actor: ADMIN });
    const { form, version: v1 } = await seedForm([nl.id]);
    const promised60 = await withdrew(nl.id, v1.id, 45);
    const recent = await withdrew(nl.id, v1.id, 20);

    // Under the 60 days they were promised, nobody is due yet.
    const before = await runPurge({ trigger: "cli", dryRun: true, now: NOW });
    expect(before.counts.reasons).toEqual({ RET_IN_GRACE: 2 });

    await updateRetentionPolicy({ newsletterId: null, values: terms(30), actor: ADMIN });
    const v2 = await shownVersion(form.slug);
    const promised30 = await withdrew(nl.id, v2.id, 45);

    const { dry } = await dryThenReal();
    expect(dry.counts.reasons).toEqual({ RET_PURPOSE_ENDED: 2, RET_IN_GRACE: 1 });
    expect([await exists(promised60), await exists(promised30), await exists(recent)]).toEqual([false, false, true]);

    // Per policy version: who is covered (everyone under it) and what the run decided for them.
    const p1 = (v1.retentionPolicies as Record<string, { version: number }>)[nl.id].version;
    const p2 = (v2.retentionPolicies as Record<string, { version: number }>)[nl.id].version;
    expect(dry.counts.policyVersions[`${nl.id}:v${p1}`]).toMatchObject({ version: p1, current: false, people: 2, terms: terms(60), actions: { erase: 1, keep: 1 } });
    expect(dry.counts.policyVersions[`${nl.id}:v${p2}`]).toMatchObject({ version: p2, current: true, people: 1, terms: terms(30), actions: { erase: 1 } });
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it("lengthening a policy does not keep people who were promised the shorter term; it reaches those who consent afterwards", async () => {
    const nl = await seedNewsletter("Longer");
    await updateRetentionPolicy({ newsletterId: nl.id, values: terms(30), actor: ADMIN });
    const { form, version: v1 } = await seedForm([nl.id]);
    const promised30 = await withdrew(nl.id, v1.id, 45);

    await updateRetentionPolicy({ newsletterId: nl.id, values: terms(90), actor: ADMIN });
    const v2 = await shownVersion(form.slug);
    expect(v2.id).not.toBe(v1.id);
    const promised90 = await withdrew(nl.id, v2.id, 45);
    const imported = await withdrew(nl.id, null, 45); // no form: the current 90 days

    const { dry } = await dryThenReal();
    expect(dry.counts.reasons).toEqual({ RET_PURPOSE_ENDED: 1, RET_IN_GRACE: 2 });
    expect([await exists(promised30), await exists(promised90), await exists(imported)]).toEqual([false, true, true]);
    const p2 = (v2.retentionPolicies as Record<string, { version: number }>)[nl.id].version;
    expect(dry.counts.policyVersions[`${nl.id}:v${p2}`]).toMatchObject({ current: true, people: 2, actions: { keep: 2 } });

    // The next run, 46 days on: those kept are now past the 90 days too.
    const later = await runPurge({ trigger: "cli", now: new Date(NOW.getTime() + 46 * DAY) });
    expect(later.counts.reasons).toEqual({ RET_PURPOSE_ENDED: 2 });
  });

  it("delivery logs: a longer new term does not keep the logs of people promised the shorter one", async () => {
    const nl = await seedNewsletter("Logs");
    await updateRetentionPolicy({ newsletterId: nl.id, values: { ...terms(30), deliveryLogDays: 30 }, actor: ADMIN });
    const { form, version: v1 } = await seedForm([nl.id]);
    await updateRetentionPolicy({ newsletterId: nl.id, values: { ...terms(30), deliveryLogDays: 180 }, actor: ADMIN });
    const v2 = await shownVersion(form.slug);
    const issue = await db.issue.create({ data: { newsletterId: nl.id, subject: "Logs" } });
    const send = await db.send.create({ data: { issueId: issue.id, status: "done", total: 3 } });
    const rows: Record<string, string> = {};
    for (const [key, fv] of [["promised30", v1.id], ["promised180", v2.id], ["imported", null]] as const) {
      const { subscriber, subscriptions } = await createSubscriber({ createdAt: ago(400), subscriptions: [{ newsletterId: nl.id, formVersionId: fv, status: "confirmed", createdAt: ago(400) }] });
      const d = await db.delivery.create({ data: { sendId: send.id, issueId: issue.id, subscriberId: subscriber.id, subscriptionId: subscriptions[0].id, status: "sent", sentAt: ago(60), smtpReply: "250 ok" } });
      rows[key] = d.id;
    }
    const { dry, real } = await dryThenReal();
    expect([dry.counts.deliveriesStripped, real.counts.deliveriesStripped]).toEqual([1, 1]);
    const after = async (k: string) => db.delivery.findUniqueOrThrow({ where: { id: rows[k] } });
    expect(await after("promised30")).toMatchObject({ subscriberId: null, subscriptionId: null, smtpReply: null, status: "sent" });
    expect(await after("promised180")).toMatchObject({ smtpReply: "250 ok" });
    expect(await after("imported")).toMatchObject({ smtpReply: "250 ok" });
    const runs = await db.purgeRun.findMany({ where: { id: { in: [dry.runId, real.runId] } } });
    expect(runs.every((r) => r.processed === r.total)).toBe(true);
  });

  it("a buyer's record stays for the contract term, not for ever: also with no marketing window set (R-TWO-LAYERS)", async () => {
    await seedOrganisation({ customerWindowMonths: null, customerRecordMonths: 24 });
    const old = await createSubscriber({ createdAt: ago(1200), subscriptions: [], purchases: [{ at: ago(900) }] });
    const recent = await createSubscriber({ createdAt: ago(400), subscriptions: [], purchases: [{ at: ago(300) }] });
    const { dry } = await dryThenReal();
    expect(dry.counts.reasons).toEqual({ RET_PURPOSE_ENDED: 1, RET_OTHER_BASIS: 1 });
    expect([await exists(old.subscriber.id), await exists(recent.subscriber.id)]).toEqual([false, true]);

    // A longer contract term, set on the retention screen, keeps a buyer of 30 months ago.
    expect(await updateCustomerRecordTerm({ months: "36", actor: ADMIN })).toEqual({ ok: true, months: 36 });
    const buyer = await createSubscriber({ createdAt: ago(1000), subscriptions: [], purchases: [{ at: ago(900) }] });
    await runPurge({ trigger: "cli", now: NOW });
    expect(await exists(buyer.subscriber.id)).toBe(true);
  });

  it("refuses a contract term that is no term, writing nothing", async () => {
    for (const months of ["", "0", "forever", "1.5", "1201", null])
      expect(await updateCustomerRecordTerm({ months, actor: ADMIN })).toMatchObject({ ok: false, error: expect.stringContaining("customerRecordMonths") });
    expect((await db.organisation.findUniqueOrThrow({ where: { id: 1 } })).customerRecordMonths).toBe(24);
    expect(await db.auditLog.count({ where: { action: "retention.customer_record" } })).toBe(0);
  });
});
