// The receipt page's data (issue 12 D6), end to end in one process on the real database and a real SMTP
// server: a person signs up and confirms through the real functions, an issue is sent by the worker, and
// the link in the received message opens that message's receipt. After the form text and the purpose
// changed (a material change, accepted by re-permission) and the person left and signed up again on the
// new text, the old message's receipt still shows the purpose version and the form text it was sent
// under; the message is rebuilt byte for byte; unsubscribing from it withdraws once; after erasure the
// link shows nothing.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { startSmtpSink, type SmtpSink } from "../testing/smtp-sink.ts";

const sink: SmtpSink = await startSmtpSink();
process.env.SMTP_URL = sink.url;
(globalThis as { __proofmailTransport?: { close(): void } | null }).__proofmailTransport = undefined;
const { loadConfig, config } = await import("../config/index.ts");
Object.assign(config(), { smtpUrl: loadConfig().smtpUrl });

const { db } = await import("../db/index.ts");
const { saveNewsletter } = await import("../newsletters/save-newsletter.ts");
const { getCurrentPurposeVersion } = await import("../newsletters/current-purpose-version.ts");
const { publishFormVersion } = await import("../consent/publish-form-version.ts");
const { submitSignup } = await import("../consent/submit-signup.ts");
const { confirmSignup } = await import("../consent/confirm-signup.ts");
const { sendRepermissionMails } = await import("../repermission/send-repermission-mails.ts");
const { acceptRepermission } = await import("../repermission/accept-repermission.ts");
const { withdraw } = await import("../subscribers/withdraw.ts");
const { eraseSubscriber } = await import("../subscribers/erase-subscriber.ts");
const { startSend } = await import("../sending/start-send.ts");
const { deliverBatch } = await import("../sending/deliver-batch.ts");
const { seedIssue } = await import("../sending/testing/fixtures.ts");
const { seedForm, seedOrganisation, uid, ADMIN } = await import("../consent/test-helpers.ts");
const { receiptToken, unsubscribeToken } = await import("../subscribers/links.ts");
const { getReceipt } = await import("./get-receipt.ts");
const { renderSentMessage } = await import("./render-sent-message.ts");
const { unsubscribeFromReceipt } = await import("./unsubscribe-from-receipt.ts");
const { receiptLanguage } = await import("./receipt-language.ts");

afterAll(async () => {
  (globalThis as { __proofmailTransport?: { close(): void } | null }).__proofmailTransport?.close();
  await sink.close();
});
beforeAll(() => seedOrganisation());

const input = (over: Record<string, unknown> = {}) => ({
  slug: `bon-${uid()}`, name: "Fietsnieuws", description: "Nieuwe fietsen, elke maand.", language: "nl",
  fromName: "Fietsbond", fromEmail: "nieuws@fietsbond.test", replyTo: "", frequency: "", categories: ["bikes"], similarMap: null, ...over,
});

async function drain(sendId: string) {
  const end = Date.now() + 30_000;
  for (;;) {
    const worked = await deliverBatch({ workerId: "receipt-worker", options: { lockMs: 10_000, retryBaseMs: 50, maxAttempts: 3 } });
    if ((await db.send.findUnique({ where: { id: sendId } }))?.status !== "running") return;
    if (!worked) await new Promise((r) => setTimeout(r, 30));
    if (Date.now() > end) throw new Error("send did not finish");
  }
}

async function signUp(formVersionId: string, email: string, newsletterId: string) {
  const before = sink.received.length;
  await submitSignup({ formVersionId, email, newsletterIds: [newsletterId], via: "form", ip: "192.0.2.1", userAgent: "Vitest/1" });
  const optin = (await sink.waitFor((m) => m.envelopeTo.includes(email) && sink.received.indexOf(m) >= before && /\/confirm\//.test(m.parsed.text ?? ""))).parsed.text ?? "";
  const token = optin.match(/\/confirm\/([A-Za-z0-9_-]+)/)![1];
  expect((await confirmSignup({ token, ip: "192.0.2.1", userAgent: "Vitest/1" })).state).toBe("confirmed");
}

describe("the receipt of a sent message", () => {
  it("shows the purpose version and form text it was sent under after both changed; the message as sent; unsubscribe once; nothing after erasure", async () => {
    const created = await saveNewsletter({ input: input({ name: `Fietsnieuws ${uid()}` }), actor: ADMIN });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const newsletterId = created.id;
    const { form, version: fv1 } = await seedForm([newsletterId], { intro: "Elke maand het fietsnieuws." });
    const pv1 = (await getCurrentPurposeVersion({ newsletterId }))!;
    const email = `bon-${uid()}@example.nl`;
    await signUp(fv1.id, email, newsletterId);
    const sub = await db.subscription.findFirstOrThrow({ where: { newsletterId, subscriber: { email } } });

    const issue = await seedIssue(newsletterId, "Voorjaarsbrief");
    const started = await startSend({ issueId: issue.id, actor: ADMIN });
    if (!started.ok) throw new Error(started.error);
    await drain(started.sendId);
    const delivery = await db.delivery.findFirstOrThrow({ where: { issueId: issue.id, subscriberId: sub.subscriberId } });
    expect(delivery.status).toBe("sent");

    // the link in the received message, in both parts
    const sent = (await sink.waitFor((m) => m.envelopeTo.includes(email) && m.parsed.subject === "Voorjaarsbrief")).parsed;
    const link = `${config().appUrl}/m/${receiptToken(delivery.id)}`;
    expect(sent.text).toContain(`Waarom krijg ik dit? / Bekijk in browser: ${link}`);
    expect(sent.html).toContain(`href="${link}"`);
    const token = link.split("/m/")[1];
    expect(await receiptLanguage(token)).toBe("nl");

    // view in browser: exactly the HTML that was sent (same personal links)
    const asSent = await renderSentMessage((await getReceipt(token))!);
    expect(asSent?.html).toBe(sent.html);

    // the form text changes, the purpose changes materially and is accepted by re-permission
    await db.form.update({ where: { id: form.id }, data: { draft: { ...(form.draft as object), intro: "Nu elke week fietsnieuws en tips." } } });
    const fv2 = await publishFormVersion({ formId: form.id, actor: ADMIN });
    if (!fv2.ok) throw new Error(JSON.stringify(fv2.violations));
    expect(fv2.version.renderedText).not.toBe(fv1.renderedText);
    await saveNewsletter({ id: newsletterId, input: input({ slug: created.slug, name: "Fiets- en reisnieuws", categories: ["bikes", "travel"] }), actor: ADMIN });
    const pv2 = (await getCurrentPurposeVersion({ newsletterId }))!;
    expect(pv2.revision).toBe(2);
    expect(await sendRepermissionMails({ newsletterId, actor: ADMIN })).toMatchObject({ sent: 1 });
    const rMail = (await sink.waitFor((m) => m.envelopeTo.includes(email) && /\/r\//.test(m.parsed.text ?? ""))).parsed.text ?? "";
    expect((await acceptRepermission({ token: rMail.match(/\/r\/([A-Za-z0-9_-]{20,})/)![1], ip: "192.0.2.1", userAgent: "Vitest/1" })).state).toBe("accepted");
    expect((await db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).purposeVersionId).toBe(pv2.id);
    // ... and the person leaves and signs up again on the new text
    await withdraw({ subscriberId: sub.subscriberId, scope: { newsletterId }, actor: "subject", via: "test" });
    await new Promise((r) => setTimeout(r, 5));
    await signUp(fv2.version.id, email, newsletterId);
    expect((await db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).formVersionId).toBe(fv2.version.id);

    const r = (await getReceipt(token))!;
    expect(r).toMatchObject({
      lang: "nl", subject: "Voorjaarsbrief", newsletter: { id: newsletterId }, basis: "consent", unsubscribed: false,
      purpose: { version: pv1.version, name: pv1.name, description: pv1.description },
      consent: { method: "double_opt_in", source: "own_form", formVersion: { version: fv1.version, renderedText: fv1.renderedText, contentHash: fv1.contentHash } },
      record: { basis: "consent", decisionReason: "ALLOW_CONSENT", decidedAt: delivery.decidedAt },
      customer: null,
    });
    expect(r.consent.formVersion!.renderedText).toContain("Elke maand het fietsnieuws.");
    expect(r.consent.formVersion!.renderedText).not.toContain("Nu elke week");
    expect(r.consent.confirmedAt!.getTime()).toBeLessThanOrEqual(delivery.decidedAt!.getTime());
    // a message sent now would be under the new versions: the receipt is per message
    expect(pv2.version).not.toBe(pv1.version);

    // the preferences link is the message's own (dated by the decision), so its download/erase safeguards hold
    const prefIssued = r.preferencesUrl.split("/p/")[1].split(".")[1];
    expect(parseInt(prefIssued, 36)).toBe(Math.floor(delivery.decidedAt!.getTime() / 1000));

    // unsubscribe from the receipt: this newsletter, one withdraw event, idempotent
    const withdrawsBefore = await db.consentEvent.count({ where: { subscriptionId: sub.id, type: "withdraw" } });
    const first = await unsubscribeFromReceipt({ token, ip: "192.0.2.7", userAgent: "Vitest/receipt" });
    expect(first).toMatchObject({ unsubscribed: true });
    const second = await unsubscribeFromReceipt({ token, ip: "192.0.2.7", userAgent: "Vitest/receipt" });
    expect(second).toMatchObject({ unsubscribed: true });
    const events = await db.consentEvent.findMany({ where: { subscriptionId: sub.id, type: "withdraw" }, orderBy: { seq: "asc" } });
    expect(events).toHaveLength(withdrawsBefore + 1);
    expect(events.at(-1)).toMatchObject({ actor: "subject", ip: "192.0.2.7", details: { via: "receipt-page" } });
    expect((await db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("unsubscribed");

    // forged, another purpose's token, the sample link: nothing
    expect(await getReceipt(`${delivery.id}.${"A".repeat(22)}`)).toBeNull();
    expect(await getReceipt(unsubscribeToken(delivery.id))).toBeNull();
    expect(await getReceipt(receiptToken("cmnotadelivery00000000000"))).toBeNull();
    expect(await getReceipt("sample")).toBeNull();
    expect(await unsubscribeFromReceipt({ token: "sample" })).toBeNull();

    // after erasure the link shows that it does not work
    await eraseSubscriber({ subscriberId: sub.subscriberId, actor: "subject" });
    expect(await getReceipt(token)).toBeNull();
    expect(await receiptLanguage(token)).toBe("nl");
  });

  it("an English customer's receipt: the purchase, the checkout's opt-out text, in English", async () => {
    const created = await saveNewsletter({ input: input({ name: `Bike news ${uid()}`, language: "en" }), actor: ADMIN });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    await db.newsletter.update({ where: { id: created.id }, data: { customerProducts: ["bikes"] } });
    const evidence = await db.consentEvidence.create({ data: { kind: "checkout-optout", sourceName: "shop", text: "Tick here if you do not want our offers by email.", textHash: "0".repeat(64) } });
    const subscriber = await db.subscriber.create({ data: { email: `buyer-${uid()}@example.org` } });
    const bought = new Date(Date.now() - 20 * 86_400_000);
    await db.purchase.create({ data: { subscriberId: subscriber.id, at: bought, category: "bikes", optOutOfferedAtCollection: true, optOutEvidenceId: evidence.id, language: "en" } });
    const sub = await db.subscription.create({ data: { subscriberId: subscriber.id, newsletterId: created.id, status: "confirmed", basis: "existing_customer", source: "own_form", givenAt: bought } });
    const issue = await seedIssue(created.id, "Spring offers");
    const started = await startSend({ issueId: issue.id, actor: ADMIN });
    if (!started.ok) throw new Error(started.error);
    await drain(started.sendId);
    const delivery = await db.delivery.findFirstOrThrow({ where: { issueId: issue.id, subscriptionId: sub.id } });
    expect(delivery.status).toBe("sent");
    const sent = (await sink.waitFor((m) => m.envelopeTo.includes(subscriber.email) && m.parsed.subject === "Spring offers")).parsed;
    const token = (sent.text ?? "").match(/Why did I get this\? \/ View in browser: \S+\/m\/(\S+)/)![1];
    expect(await receiptLanguage(token)).toBe("en");
    expect(await getReceipt(token)).toMatchObject({
      lang: "en", basis: "existing_customer",
      customer: { purchasedAt: bought, category: "bikes", optOutOffered: true, optOutText: "Tick here if you do not want our offers by email." },
      record: { basis: "existing-customer", decisionReason: "ALLOW_EXISTING_CUSTOMER" },
    });
  });
});
