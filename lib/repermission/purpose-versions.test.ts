// Purpose versions end to end in one process, on the real database and a real SMTP server: saving a
// newsletter versions its purpose (material vs cosmetic by lib/rules), forms re-publish with the new
// purpose, a signup records it, the gate excludes consent to an earlier revision, the re-permission mail
// goes only to them, and accepting it (single use, ledger) lets the next issue through with a footer that
// quotes the version agreed to.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { useSmtpSink } from "../testing/use-smtp-sink.ts";

const sink = await useSmtpSink();

const { db } = await import("../db/index.ts");
const { saveNewsletter } = await import("../newsletters/save-newsletter.ts");
const { getCurrentPurposeVersion } = await import("../newsletters/current-purpose-version.ts");
const { publishFormVersion } = await import("../consent/publish-form-version.ts");
const { submitSignup } = await import("../consent/submit-signup.ts");
const { confirmSignup } = await import("../consent/confirm-signup.ts");
const { verifyLedger } = await import("../consent/ledger.ts");
const { preSendReport } = await import("../sending/pre-send-report.ts");
const { loadSendContext, prepareMessage } = await import("../sending/prepare-message.ts");
const { loadRecipients } = await import("../sending/load-recipients.ts");
const { sendRepermissionMails } = await import("./send-repermission-mails.ts");
const { getRepermissionLink } = await import("./get-repermission-link.ts");
const { acceptRepermission } = await import("./accept-repermission.ts");
const { countEarlierConsents } = await import("./count-earlier-consents.ts");
const { withdraw } = await import("../subscribers/withdraw.ts");
const { seedForm, seedOrganisation, uid, ADMIN } = await import("../consent/test-helpers.ts");

afterAll(() => sink.stop());
beforeAll(() => seedOrganisation());

const input = (over: Record<string, unknown> = {}) => ({
  slug: `fiets-${uid()}`, name: "Fietsnieuws", description: "Nieuwe fietsen en onderdelen, elke maand.", language: "nl",
  fromName: "Fietsbond", fromEmail: "nieuws@fietsbond.test", replyTo: "", frequency: "", categories: ["bikes"], similarMap: null, ...over,
});

async function create(over: Record<string, unknown> = {}) {
  const r = await saveNewsletter({ input: input(over), actor: ADMIN });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}

const tokenFrom = (text: string) => text.match(/\/r\/([A-Za-z0-9_-]{20,})/)?.[1] ?? null;

describe("saving a newsletter versions its purpose", () => {
  it("creates version 1, a cosmetic edit makes version 2 of revision 1, a new category version 3 of revision 2; each audited", async () => {
    const created = await create();
    expect(created.purpose).toEqual({ version: 1, revision: 1, change: "initial" });
    const slug = created.slug;
    const typo = await saveNewsletter({ id: created.id, input: input({ slug, description: "Nieuwe fietsen en onderdelen, elke maand!" }), actor: ADMIN });
    expect(typo).toMatchObject({ ok: true, purpose: { version: 2, revision: 1, change: "cosmetic" } });
    const same = await saveNewsletter({ id: created.id, input: input({ slug, description: "Nieuwe fietsen en onderdelen, elke maand!", frequency: "maandelijks" }), actor: ADMIN });
    expect(same).toMatchObject({ ok: true, purpose: null }); // frequency is not part of the purpose
    const wider = await saveNewsletter({ id: created.id, input: input({ slug, categories: ["bikes", "travel"] }), actor: ADMIN });
    expect(wider).toMatchObject({ ok: true, purpose: { version: 3, revision: 2, change: "material" } });
    const narrower = await saveNewsletter({ id: created.id, input: input({ slug, categories: ["travel"] }), actor: ADMIN });
    expect(narrower).toMatchObject({ ok: true, purpose: { version: 4, revision: 2, change: "cosmetic" } });

    const versions = await db.purposeVersion.findMany({ where: { newsletterId: created.id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.revision, v.change])).toEqual([[1, 1, "initial"], [2, 1, "cosmetic"], [3, 2, "material"], [4, 2, "cosmetic"]]);
    expect(versions[2].categories).toEqual(["bikes", "travel"]);
    expect(new Set(versions.map((v) => v.contentHash)).size).toBe(4);
    const audits = await db.auditLog.findMany({ where: { target: created.id }, orderBy: { at: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["newsletter.create", "newsletter.update", "newsletter.update", "newsletter.update", "newsletter.update"]);
    expect(audits[3].details).toMatchObject({ purpose: { change: "material", revision: 2, ruleIds: ["R-CONSENT-PER-NEWSLETTER"] } });
  });

  it("a refused save writes nothing", async () => {
    const created = await create();
    const r = await saveNewsletter({ id: created.id, input: input({ slug: created.slug, name: "", categories: ["bikes", "travel"] }), actor: ADMIN });
    expect(r.ok).toBe(false);
    expect(await db.purposeVersion.count({ where: { newsletterId: created.id } })).toBe(1);
  });

  it("a newsletter from before purpose versions gets version 1 lazily, once", async () => {
    const n = await db.newsletter.create({ data: { slug: `old-${uid()}`, name: "Oud", fromName: "X", fromEmail: "x@fietsbond.test", categories: ["bikes"] } });
    const [a, b] = await Promise.all([getCurrentPurposeVersion({ newsletterId: n.id }), getCurrentPurposeVersion({ newsletterId: n.id })]);
    expect(a?.id).toBe(b?.id);
    expect(a).toMatchObject({ version: 1, revision: 1, change: "initial", name: "Oud", categories: ["bikes"] });
    expect(await db.purposeVersion.count({ where: { newsletterId: n.id } })).toBe(1);
  });
});

describe("consent is bound to the purpose version the person saw", () => {
  it("excludes consent to an earlier revision, re-permission mail, accept, next issue quotes the agreed version", async () => {
    const created = await create({ name: `Fietsnieuws ${uid()}` });
    const newsletterId = created.id;
    const { form, version: fv1 } = await seedForm([newsletterId]);
    const pv1 = (await getCurrentPurposeVersion({ newsletterId }))!;
    expect(fv1.purposeVersionIds).toEqual({ [newsletterId]: pv1.id });

    // sign up and confirm through the real functions
    const email = `anna-${uid()}@example.nl`;
    await submitSignup({ formVersionId: fv1.id, email, newsletterIds: [newsletterId], via: "form", ip: "192.0.2.1", userAgent: "Vitest/1" });
    const optin = (await sink.waitFor((m) => m.envelopeTo.includes(email))).parsed.text ?? "";
    const confirmToken = optin.match(/\/confirm\/([A-Za-z0-9_-]+)/)![1];
    expect((await confirmSignup({ token: confirmToken, ip: "192.0.2.1", userAgent: "Vitest/1" })).state).toBe("confirmed");
    const sub = await db.subscription.findFirstOrThrow({ where: { newsletterId, subscriber: { email } } });
    expect(sub.purposeVersionId).toBe(pv1.id);
    const signupEvent = await db.consentEvent.findFirstOrThrow({ where: { subscriberId: sub.subscriberId, type: "signup" } });
    expect(signupEvent.details).toMatchObject({ purposeVersionIds: { [newsletterId]: pv1.id } });
    // and someone who withdrew: never asked again
    const gone = `gone-${uid()}@example.nl`;
    await submitSignup({ formVersionId: fv1.id, email: gone, newsletterIds: [newsletterId], via: "form", ip: "192.0.2.2", userAgent: "Vitest/1" });
    const goneToken = ((await sink.waitFor((m) => m.envelopeTo.includes(gone))).parsed.text ?? "").match(/\/confirm\/([A-Za-z0-9_-]+)/)![1];
    await confirmSignup({ token: goneToken, ip: "192.0.2.2", userAgent: "Vitest/1" });
    const goneSub = await db.subscriber.findUniqueOrThrow({ where: { email: gone } });
    await withdraw({ subscriberId: goneSub.id, scope: { newsletterId }, actor: "subject", via: "test" });

    const issue = await db.issue.create({ data: { newsletterId, subject: "Voorjaar", bodyMarkdown: "Fietsen." } });
    expect(await preSendReport({ issueId: issue.id })).toMatchObject({ recipients: 1, excluded: { DENY_SUPPRESSED: 1 } });

    // the admin adds a category: material
    await saveNewsletter({ id: newsletterId, input: input({ slug: created.slug, name: (await db.newsletter.findUniqueOrThrow({ where: { id: newsletterId } })).name, categories: ["bikes", "travel"] }), actor: ADMIN });
    const pv2 = (await getCurrentPurposeVersion({ newsletterId }))!;
    expect(pv2.revision).toBe(2);
    expect(await preSendReport({ issueId: issue.id })).toMatchObject({ recipients: 0, excluded: { DENY_CONSENT_PURPOSE_CHANGED: 1, DENY_SUPPRESSED: 1 } });
    expect(await countEarlierConsents({ newsletterId })).toEqual({ currentRevision: 2, earlier: 1 });

    // the form re-publishes even though its text did not change (categories are not on it)
    const republished = await publishFormVersion({ formId: form.id, actor: "system", source: "published" });
    expect(republished).toMatchObject({ ok: true, created: true });
    if (republished.ok) {
      expect(republished.version.contentHash).toBe(fv1.contentHash);
      expect(republished.version.purposeVersionIds).toEqual({ [newsletterId]: pv2.id });
    }

    // the re-permission mail: only the subscriber of revision 1, once
    const run = await sendRepermissionMails({ newsletterId, actor: ADMIN });
    expect(run).toMatchObject({ sent: 1, failed: 0, alreadyAsked: 0 });
    const mail = (await sink.waitFor((m) => m.envelopeTo.includes(email) && /\/r\//.test(m.parsed.text ?? ""))).parsed;
    expect(sink.received.filter((m) => m.envelopeTo.includes(gone) && /\/r\//.test(m.parsed.text ?? ""))).toHaveLength(0);
    expect(mail.text).toContain(`Waar je mee instemde: “${pv1.name}”: ${pv1.description} (doelversie ${pv1.version})`);
    expect(mail.text).toContain(`Het nieuwe doel: “${pv2.name}”`);
    expect(mail.headerLines.find((h) => h.key === "list-unsubscribe-post")?.line).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const token = tokenFrom(mail.text ?? "")!;
    expect(token).toBeTruthy();
    expect(await db.token.count({ where: { tokenHash: token } })).toBe(0); // stored hashed
    expect(await sendRepermissionMails({ newsletterId, actor: ADMIN })).toMatchObject({ sent: 0, alreadyAsked: 1 });
    expect(await db.consentEvent.count({ where: { subscriptionId: sub.id, type: "repermission_sent" } })).toBe(1);

    // opening the page changes nothing; the POST accepts once
    const link = await getRepermissionLink({ token });
    expect(link).toMatchObject({ state: "valid", agreed: { version: pv1.version, categories: ["bikes"] }, current: { version: pv2.version, categories: ["bikes", "travel"] } });
    expect((await db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).purposeVersionId).toBe(pv1.id);
    const [x, y] = await Promise.all([
      acceptRepermission({ token, ip: "198.51.100.9", userAgent: "Vitest/accept" }),
      acceptRepermission({ token, ip: "198.51.100.9", userAgent: "Vitest/accept" }),
    ]);
    expect([x.state, y.state].sort()).toEqual(["accepted", "used"]);
    const after = await db.subscription.findUniqueOrThrow({ where: { id: sub.id } });
    expect(after.purposeVersionId).toBe(pv2.id);
    expect(after.purposeAgreedAt).not.toBeNull();
    const ev = await db.consentEvent.findFirstOrThrow({ where: { subscriptionId: sub.id, type: "repermission" } });
    expect(ev).toMatchObject({ actor: "subject", ip: "198.51.100.9", userAgent: "Vitest/accept" });
    expect(ev.details).toEqual({ via: "repermission-page", fromPurposeVersionId: pv1.id, toPurposeVersionId: pv2.id });
    expect((await verifyLedger(db)).ok).toBe(true);

    // the next issue reaches them, quoting the version agreed to
    expect(await preSendReport({ issueId: issue.id })).toMatchObject({ recipients: 1, excluded: { DENY_SUPPRESSED: 1 } });
    const ctx = (await loadSendContext(issue.id))!;
    const rows = (await loadRecipients(db, [sub.id])).get(sub.id)!;
    const prepared = prepareMessage(ctx, rows, "d1");
    expect(prepared.decision.reason).toBe("ALLOW_CONSENT");
    expect(prepared.mail.text).toContain(`(doelversie ${pv2.version}): “${pv2.name}”: ${pv2.description}`);
    // a cosmetic edit later does not change what is quoted
    await saveNewsletter({ id: newsletterId, input: input({ slug: created.slug, name: pv2.name, description: `${pv2.description} `.replace(/\.\s*$/, "!"), categories: ["bikes", "travel"] }), actor: ADMIN });
    const ctx2 = (await loadSendContext(issue.id))!;
    const again = prepareMessage(ctx2, (await loadRecipients(db, [sub.id])).get(sub.id)!, "d2");
    expect(again.decision.reason).toBe("ALLOW_CONSENT");
    expect(again.mail.text).toContain(`“${pv2.name}”: ${pv2.description}`);
  });
});
