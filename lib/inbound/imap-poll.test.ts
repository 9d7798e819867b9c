// Door (a): a real IMAP server (Dovecot) holds bounces and complaints; one poll hands each to the pipeline,
// flags it \Seen, and a second poll finds nothing new. Dovecot is a test dependency (npm test and .ci/run
// install it, as they do Chromium); without it this file fails, saying so.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { ImapFlow } from "imapflow";
import { db } from "../db/index.ts";
import { seedFormVersion, seedNewsletter, seedOrganisation, seedSubscriber, seedIssue } from "../sending/testing/fixtures.ts";
import { suppressionsFor } from "../subscribers/suppression.ts";
import { pollImapOnce } from "./imap-poll.ts";
import { fixture, tamper, useBounceAddress } from "./testing.ts";
import { DOVECOT, startDovecot } from "./testing-dovecot.ts";

describe("inbound: IMAP polling (Dovecot)", () => {
  let server: Awaited<ReturnType<typeof startDovecot>>;
  beforeAll(async () => {
    if (!DOVECOT) throw new Error("Dovecot is not installed: apt-get install dovecot-imapd (npm test does this when run as root)");
    useBounceAddress();
    await seedOrganisation();
    server = await startDovecot();
  });
  afterAll(async () => server?.stop());

  const box = () => ({ host: "127.0.0.1", port: server.port, secure: false, user: server.user, pass: server.pass, mailbox: "INBOX" });

  async function append(raws: string[]) {
    const c = new ImapFlow({ host: "127.0.0.1", port: server.port, secure: false, auth: { user: server.user, pass: server.pass }, logger: false });
    await c.connect();
    for (const raw of raws) await c.append("INBOX", raw.replace(/\r?\n/g, "\r\n"));
    await c.logout();
  }

  it("processes every unseen message once: hard bounce → bounce, complaint → complaint, forged → kept only", async () => {
    const n = await seedNewsletter();
    const fv = await seedFormVersion([n.id]);
    const bounced = await seedSubscriber({ newsletterId: n.id, formVersionId: fv.id });
    const complained = await seedSubscriber({ newsletterId: n.id, formVersionId: fv.id });
    const issue = await seedIssue(n.id);
    const send = await db.send.create({ data: { issueId: issue.id, status: "done" } });
    const delivery = (subscriberId: string, subscriptionId: string) =>
      db.delivery.create({ data: { sendId: send.id, issueId: issue.id, subscriberId, subscriptionId, status: "sent", sentAt: new Date() } });
    const d1 = await delivery(bounced.subscriber.id, bounced.subscription.id);
    const d2 = await delivery(complained.subscriber.id, complained.subscription.id);

    await append([
      fixture("gmail-hard-address-not-found.eml", { deliveryId: d1.id }),
      fixture("arf-rfc5965-generic.eml", { deliveryId: d2.id }),
      tamper(fixture("outlook-ndr-recipient-not-found.eml", { deliveryId: d2.id })),
    ]);
    const first = await pollImapOnce(box());
    expect(first).toEqual({ processed: 3, failed: 0, left: 0 });
    expect((await suppressionsFor(db, bounced.email)).map((s) => [s.scope, s.reason])).toEqual([["all", "bounce"]]);
    expect((await suppressionsFor(db, complained.email)).map((s) => [s.scope, s.reason])).toEqual([["all", "complaint"]]);
    const rows = await db.inboundMessage.findMany({ where: { source: "imap" }, orderBy: { receivedAt: "asc" } });
    expect(rows.map((r) => r.action).sort()).toEqual(["INBOUND_COMPLAINT", "INBOUND_HARD_BOUNCE", "INBOUND_UNMATCHED"]);
    expect(await db.consentEvent.count({ where: { subscriberId: { in: [bounced.subscriber.id, complained.subscriber.id] }, type: { in: ["bounce", "objection"] } } })).toBe(2);

    // Flagged \Seen: the next poll has nothing to do.
    expect(await pollImapOnce(box())).toEqual({ processed: 0, failed: 0, left: 0 });
  });
});
