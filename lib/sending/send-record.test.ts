// Issue 12 D1, the per-send record: every sent delivery stores the gate's basis, reason code, the rules'
// version and the hash of the facts it saw, in the group-committed outcome; the hash is that of the facts
// rebuilt for that recipient at the decision's moment; a skipped delivery keeps its reason (and its record);
// the subscriber's page data, the consent proof (JSON, HTML, PDF) and the data export list the message.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { db } from "../db/index.ts";
import { useSmtpSink, type UsedSmtpSink } from "../testing/use-smtp-sink.ts";
import { RULES_VERSION } from "../rules/index.ts";
import { startSend } from "./start-send.ts";
import { loadSendContext, sendFacts } from "./prepare-message.ts";
import { loadRecipients } from "./load-recipients.ts";
import { factsDigest } from "./facts-digest.ts";
import { getProof } from "../export/get-proof.ts";
import { renderProofHtml } from "../export/render-proof-html.ts";
import { renderProofPdf } from "../export/render-proof-pdf.ts";
import { exportSubscriberData } from "../subscribers/export-subscriber-data.ts";
import { getSubscriberDetail } from "../subscribers/get-subscriber-detail.ts";
import { seedFormVersion, seedIssue, seedManyConfirmed, seedNewsletter, seedOrganisation, seedSubscriber, drainSend } from "./testing/fixtures.ts";

let sink: UsedSmtpSink;

beforeAll(async () => {
  sink = await useSmtpSink();
  await seedOrganisation();
});
afterAll(async () => {
  await sink.stop();
});

const actor = { id: null, email: "editor@fietsen.example" };

const drain = (sendId: string) => drainSend(sendId, { workerId: "record-worker" });

/** The text pdfkit drew: its hex-encoded strings, decoded, in order. */
function pdfText(pdf: Buffer) {
  return [...pdf.toString("latin1").matchAll(/<([0-9a-f]+)>/g)].map((m) => Buffer.from(m[1], "hex").toString("latin1")).join("");
}

describe("the per-send record", () => {
  it("every sent delivery carries basis, reason, rules version and the hash of the facts rebuilt for it; a skipped one keeps its reason", async () => {
    const nl = await seedNewsletter({ name: "Fietsbrief" });
    const fv = await seedFormVersion([nl.id]);
    const ok = await seedSubscriber({ newsletterId: nl.id, formVersionId: fv.id });
    const customer = await seedSubscriber({ newsletterId: nl.id, formVersionId: null, basis: "existing_customer" });
    await db.purchase.create({ data: { subscriberId: customer.subscriber.id, at: new Date(Date.now() - 30 * 86_400_000), category: "bikes", optOutOfferedAtCollection: true } });
    const pending = await seedSubscriber({ newsletterId: nl.id, formVersionId: fv.id, state: "pending" });
    await seedManyConfirmed({ newsletterId: nl.id, formVersionId: fv.id, n: 60 }); // several group commits
    const issue = await seedIssue(nl.id, "Lentenieuws");
    const started = await startSend({ issueId: issue.id, actor });
    if (!started.ok) throw new Error(started.error);
    await drain(started.sendId);

    const rows = await db.delivery.findMany({ where: { issueId: issue.id } });
    expect(rows).toHaveLength(63);
    const sent = rows.filter((r) => r.status === "sent");
    expect(sent).toHaveLength(62);
    for (const r of sent) {
      expect(r).toMatchObject({ reason: null, rulesVersion: RULES_VERSION, decisionReason: expect.stringMatching(/^ALLOW_/), factsHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(r.basis).toBeTruthy();
      expect(r.decidedAt!.getTime()).toBeLessThanOrEqual(r.sentAt!.getTime());
    }
    const bySubscriber = new Map(rows.map((r) => [r.subscriberId, r]));
    expect(bySubscriber.get(ok.subscriber.id)).toMatchObject({ basis: "consent", decisionReason: "ALLOW_CONSENT" });
    expect(bySubscriber.get(customer.subscriber.id)).toMatchObject({ basis: "existing-customer", decisionReason: "ALLOW_EXISTING_CUSTOMER" });
    // skipped by the gate: the reason as before, and the record of that decision
    expect(bySubscriber.get(pending.subscriber.id)).toMatchObject({
      status: "skipped", reason: "DENY_CONSENT_PENDING", decisionReason: "DENY_CONSENT_PENDING", basis: "consent", rulesVersion: RULES_VERSION,
      factsHash: expect.stringMatching(/^[0-9a-f]{64}$/), sentAt: null,
    });

    // The hash is the digest of the facts rebuilt for that recipient at the moment of the decision.
    const ctx = (await loadSendContext(issue.id))!;
    const recipients = await loadRecipients(db, rows.map((r) => r.subscriptionId!));
    for (const r of rows) {
      const facts = sendFacts(ctx, recipients.get(r.subscriptionId!)!, r.id, r.decidedAt!);
      expect(facts.basis).toBe(r.basis);
      expect(factsDigest(facts), r.id).toBe(r.factsHash);
    }
    // … and differs once the facts differ (another moment, another recipient)
    const okRow = bySubscriber.get(ok.subscriber.id)!;
    expect(factsDigest(sendFacts(ctx, recipients.get(okRow.subscriptionId!)!, okRow.id, new Date(okRow.decidedAt!.getTime() + 1)))).not.toBe(okRow.factsHash);
    // The facts name no person: recipients with the same data decided in the same millisecond share a hash
    // (the Delivery row says whose it is); a consent recipient's and a customer's differ.
    expect(bySubscriber.get(customer.subscriber.id)!.factsHash).not.toBe(okRow.factsHash);
  });

  it("the subscriber's page, the proof (JSON, HTML, PDF) and the data export list each message with its record", async () => {
    const nl = await seedNewsletter({ name: "Fietsbrief B", language: "en" });
    const fv = await seedFormVersion([nl.id]);
    const person = await seedSubscriber({ newsletterId: nl.id, formVersionId: fv.id });
    const records = [];
    for (const subject of ["First issue", "Second issue"]) {
      const issue = await seedIssue(nl.id, subject);
      const started = await startSend({ issueId: issue.id, actor });
      if (!started.ok) throw new Error(started.error);
      await drain(started.sendId);
      records.push(await db.delivery.findFirstOrThrow({ where: { issueId: issue.id, subscriberId: person.subscriber.id } }));
    }
    const expected = records.reverse().map((d) => ({
      deliveryId: d.id, issueId: d.issueId, newsletter: { id: nl.id, name: "Fietsbrief B" }, sentAt: d.sentAt!.toISOString(), messageId: d.messageId,
      basis: "consent", reason: "ALLOW_CONSENT", rulesVersion: RULES_VERSION, factsHash: d.factsHash, decidedAt: d.decidedAt!.toISOString(),
    }));

    const detail = await getSubscriberDetail({ subscriberId: person.subscriber.id });
    expect(detail!.sent.total).toBe(2);
    expect(detail!.sent.messages).toEqual([{ ...expected[0], subject: "Second issue" }, { ...expected[1], subject: "First issue" }]);

    const proof = (await getProof({ subscriberId: person.subscriber.id }))!;
    expect(proof.messages).toEqual(detail!.sent.messages);
    const json = JSON.parse(JSON.stringify(proof)) as typeof proof;
    expect(json.messages[1]).toMatchObject({ subject: "First issue", factsHash: records[1].factsHash });

    const html = renderProofHtml(proof);
    expect(html).toContain("<h2>Messages sent</h2>");
    expect(html.match(/data-testid="sent-message"/g)).toHaveLength(2);
    for (const d of records) expect(html).toContain(d.factsHash!);
    expect(html).toContain(RULES_VERSION);

    const en = pdfText(await renderProofPdf(proof, "en"));
    expect(en).toContain("Messages sent");
    expect(en).toContain("ALLOW_CONSENT");
    expect(en).toContain(RULES_VERSION);
    for (const d of records) expect(en).toContain(d.factsHash!);
    const nlText = pdfText(await renderProofPdf(proof, "nl"));
    expect(nlText).toContain("Verzonden berichten");
    expect(nlText).toContain("Grondslag: consent");

    const data = (await exportSubscriberData({ subscriberId: person.subscriber.id }))!;
    expect(data.deliveries.messages).toEqual(expect.arrayContaining([
      expect.objectContaining({ subject: "First issue", status: "sent", basis: "consent", reason: "ALLOW_CONSENT", rulesVersion: RULES_VERSION, factsHash: records[1].factsHash }),
    ]));
  });

  it("lists nothing for someone who got nothing", async () => {
    const nl = await seedNewsletter();
    const person = await seedSubscriber({ newsletterId: nl.id, formVersionId: null });
    const proof = (await getProof({ subscriberId: person.subscriber.id }))!;
    expect(proof.messages).toEqual([]);
    expect(renderProofHtml(proof)).toContain("No message has been sent to this person.");
    expect((await getSubscriberDetail({ subscriberId: person.subscriber.id }))!.sent).toEqual({ total: 0, messages: [] });
  });
});
