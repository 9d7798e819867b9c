// Every fixture (lib/inbound/fixtures, README there) parses to its kind, status and recipient, and is
// matched to the delivery only by our signed id; a forged id matches nothing.
import { describe, it, expect, beforeAll } from "vitest";
import { parseInbound } from "./parse-inbound.ts";
import fs from "node:fs";
import { FIXTURES, fixture, tamper, useBounceAddress } from "./testing.ts";
import { deliveryToken, verifyDeliveryToken, verpAddress, tokenFromVerp } from "../mail/delivery-id.ts";

const ID = "cmfixturedelivery00000001";

beforeAll(() => useBounceAddress());

type Expect = { kind: string; status?: string | null; recipient?: string | null; matchedBy?: string | null; format: string; provider?: string };
const CASES: [string, Expect][] = [
  ["postfix-hard-user-unknown.eml", { kind: "hard-bounce", status: "5.1.1", recipient: "lezer.weg@ontvanger.example", matchedBy: "verp", format: "dsn", provider: "mail.fietsen.example" }],
  ["postfix-delayed.eml", { kind: "soft-bounce", status: "4.4.1", recipient: "lezer.vol@ontvanger.example", matchedBy: "verp", format: "dsn" }],
  ["exim-hard-text.eml", { kind: "hard-bounce", status: "5.1.1", recipient: "ex.lezer@ontvanger.example", matchedBy: "verp", format: "text-bounce" }],
  ["exim-delay-text.eml", { kind: "soft-bounce", status: "4.7.1", recipient: "traag@ontvanger.example", matchedBy: "body", format: "text-bounce" }],
  ["qmail-failure-notice.eml", { kind: "hard-bounce", status: "5.1.1", recipient: "oud.adres@oudhost.example", matchedBy: "verp", format: "text-bounce" }],
  ["gmail-hard-address-not-found.eml", { kind: "hard-bounce", status: "5.1.1", recipient: "bestaatniet.lezer@gmail.example", matchedBy: "returned-headers", format: "dsn", provider: "googlemail.com" }],
  ["gmail-delay-over-quota.eml", { kind: "soft-bounce", status: "4.2.2", recipient: "vol.postvak@gmail.example", matchedBy: "verp", format: "dsn" }],
  ["outlook-ndr-recipient-not-found.eml", { kind: "hard-bounce", status: "5.1.10", recipient: "niet.bekend@outlook.example", matchedBy: "verp", format: "dsn" }],
  ["exchange-ndr-mailbox-full.eml", { kind: "soft-bounce", status: "5.2.2", recipient: "medewerker@kantoor.example", matchedBy: "verp", format: "dsn" }],
  ["postfix-expired-4.4.7.eml", { kind: "soft-bounce", status: "4.4.7", recipient: "traag.domein@ontvanger.example", matchedBy: "verp", format: "dsn" }],
  ["sendmail-dsn-hard.eml", { kind: "hard-bounce", status: "5.1.1", recipient: "vertrokken@oudbedrijf.example", matchedBy: "verp", format: "dsn", provider: "mx.oudbedrijf.example" }],
  ["amazon-ses-bounce-dsn.eml", { kind: "hard-bounce", status: "5.1.1", recipient: "ses.lezer@ontvanger.example", matchedBy: "verp", format: "dsn", provider: "a8-41.smtp-out.amazonses.com" }],
  ["yahoo-text-bounce.eml", { kind: "hard-bounce", status: "5.0.0", recipient: "weg.lezer@yahoo.example", matchedBy: "verp", format: "text-bounce" }],
  ["amazon-ses-complaint-arf.eml", { kind: "complaint", recipient: "klacht@ontvanger.example", matchedBy: "returned-headers", format: "arf", provider: "email-abuse.amazonses.com" }],
  ["outlook-com-jmrp-arf.eml", { kind: "complaint", recipient: null, matchedBy: "returned-headers", format: "arf", provider: "hotmail.com" }],
  ["yahoo-arf-abuse.eml", { kind: "complaint", recipient: "klager@yahoo.example", matchedBy: "returned-headers", format: "arf", provider: "arf.mail.yahoo.com" }],
  ["arf-rfc5965-generic.eml", { kind: "complaint", recipient: "klant@isp.example", matchedBy: "returned-headers", format: "arf", provider: "isp.example" }],
  // Added for issue 14 D3/D6 (fixtures/README.md): the tricky ones are marked.
  // 550 in the SMTP reply but 4.4.7 as the status (Microsoft's QUEUE.Expired): soft, by the status.
  ["outlook-ndr-queue-expired-550-4.4.7.eml", { kind: "soft-bounce", status: "4.4.7", recipient: "traag@example.net", matchedBy: "verp", format: "dsn", provider: "DB9PR02MB7211.eurprd02.prod.outlook.com" }],
  ["outlook-ndr-access-denied-5.4.1.eml", { kind: "hard-bounce", status: "5.4.1", recipient: "oud.personeel@kantoor365.example.net", matchedBy: "verp", format: "dsn" }],
  // text/rfc822-headers only, sent to the From address (no VERP): the signed header in the returned headers is the only id.
  ["exchange-2016-ndr-headers-only.eml", { kind: "hard-bounce", status: "5.1.1", recipient: "vertrokken@corp.example.net", matchedBy: "returned-headers", format: "dsn", provider: "EX01.corp.example.net" }],
  // Two recipients (a group expanded): the first that failed speaks.
  ["exchange-ndr-multi-recipient.eml", { kind: "hard-bounce", status: "5.1.1", recipient: "inkoop.oud@corp.example.net", matchedBy: "verp", format: "dsn" }],
  ["exchange-ndr-delayed-4.4.7.eml", { kind: "soft-bounce", status: "4.4.7", recipient: "filiaal@branch.example.net", matchedBy: "verp", format: "dsn" }],
  ["yahoo-text-two-recipients.eml", { kind: "hard-bounce", status: "5.0.0", recipient: "familie.oud@yahoo.example.net", matchedBy: "verp", format: "text-bounce" }],
  // A delayed recipient before the failed one: the failed one speaks.
  ["postfix-multi-recipient.eml", { kind: "hard-bounce", status: "5.1.1", recipient: "bestuur@vereniging.example.net", matchedBy: "verp", format: "dsn", provider: "mail.example.org" }],
  ["postfix-delayed-yahoo-tss04.eml", { kind: "soft-bounce", status: "4.7.0", recipient: "lezer.yahoo@yahoo.example.net", matchedBy: "verp", format: "dsn" }],
  // Exim returning only the headers, to the From address: the id is found in the text.
  ["exim-headers-only-no-verp.eml", { kind: "hard-bounce", status: "5.1.1", recipient: "klant@hosting.example.net", matchedBy: "body", format: "text-bounce" }],
];

describe("parseInbound: the fixture corpus", () => {
  for (const [name, want] of CASES) {
    it(`${name} → ${want.kind}`, async () => {
      const p = await parseInbound(fixture(name));
      expect(p.kind).toBe(want.kind);
      expect(p.format).toBe(want.format);
      expect(p.deliveryId).toBe(ID);
      if (want.status !== undefined) expect(p.status).toBe(want.status);
      if (want.recipient !== undefined) expect(p.recipient).toBe(want.recipient);
      if (want.matchedBy !== undefined) expect(p.matchedBy).toBe(want.matchedBy);
      if (want.provider !== undefined) expect(p.provider).toBe(want.provider);
      if (want.format === "arf") expect(p.feedbackType).toBe("abuse");
      else expect(p.diagnostic ?? "").not.toBe("");
    });

    it(`${name}, its ids forged → unmatched (still the same kind)`, async () => {
      const p = await parseInbound(tamper(fixture(name)));
      expect(p.deliveryId).toBeNull();
      expect(p.matchedBy).toBeNull();
      expect(p.kind).toBe(want.kind);
    });
  }

  it("a reply to the List-Unsubscribe mailto names its subscription by the signed token", async () => {
    const p = await parseInbound(fixture("unsubscribe-reply.eml", { subscriptionId: "cmsubscription00000000001" }));
    expect(p).toMatchObject({ kind: "unsubscribe-reply", format: "reply", subscriptionId: "cmsubscription00000000001", deliveryId: null, recipient: "lezer@ontvanger.example" });
    const forged = await parseInbound(tamper(fixture("unsubscribe-reply.eml", { subscriptionId: "cmsubscription00000000001" }).replace(/(unsubscribe \S+?)[A-Za-z0-9_-]$/m, "$1Q")));
    expect(forged.subscriptionId).toBeNull();
    expect(forged.kind).toBe("unknown");
  });

  it("a reply from Outlook (\"RE: unsubscribe <token>\", multipart) names its subscription too", async () => {
    const p = await parseInbound(fixture("unsubscribe-reply-outlook.eml", { subscriptionId: "cmsubscription00000000002" }));
    expect(p).toMatchObject({ kind: "unsubscribe-reply", format: "reply", subscriptionId: "cmsubscription00000000002", deliveryId: null, recipient: "lezer@outlook.example.net" });
  });

  for (const name of ["gmail-vacation-auto-reply.eml", "outlook-automatic-reply.eml"]) {
    it(`${name}: an automatic reply is ignored (unknown, nobody matched)`, async () => {
      const p = await parseInbound(fixture(name));
      expect(p).toMatchObject({ kind: "unknown", format: "other", deliveryId: null, subscriptionId: null });
    });
  }

  it("the corpus has at least 30 samples, each with a test above", () => {
    const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".eml"));
    expect(files.length).toBeGreaterThanOrEqual(30);
    const tested = new Set([...CASES.map(([n]) => n), "unsubscribe-reply.eml", "unsubscribe-reply-outlook.eml", "auto-reply-out-of-office.eml", "gmail-vacation-auto-reply.eml", "outlook-automatic-reply.eml"]);
    expect(files.filter((f) => !tested.has(f))).toEqual([]);
  });

  it("an out-of-office reply is unknown and unmatched", async () => {
    const p = await parseInbound(fixture("auto-reply-out-of-office.eml"));
    expect(p).toMatchObject({ kind: "unknown", deliveryId: null, subscriptionId: null });
  });

  it("finds the id in the SMTP envelope alone (VERP), and in the returned headers alone", async () => {
    const noHeaders = fixture("postfix-hard-user-unknown.eml").replace(/^X-Proofmail-Delivery:.*\n/m, "").replace(/^(Delivered-To|To|X-Postfix-Sender|Return-Path): .*bounces\+.*\n/gm, "");
    expect((await parseInbound(noHeaders)).deliveryId).toBeNull();
    const viaEnvelope = await parseInbound(noHeaders, { to: [verpAddress(ID)!.toUpperCase()] });
    expect(viaEnvelope).toMatchObject({ deliveryId: ID, matchedBy: "verp", kind: "hard-bounce" });
    const onlyHeader = fixture("postfix-hard-user-unknown.eml").replace(/bounces\+[^@\s>]+@bounce\.fietsen\.example/g, "nieuws@fietsen.example");
    expect(await parseInbound(onlyHeader)).toMatchObject({ deliveryId: ID, matchedBy: "returned-headers" });
  });

  it("a VERP address of another domain than BOUNCE_ADDRESS's is not ours", async () => {
    const token = deliveryToken(ID);
    expect(tokenFromVerp(`bounces+${token}@bounce.fietsen.example`)).toBe(token);
    expect(tokenFromVerp(`bounces+${token}@elders.example`)).toBeNull();
    expect(verifyDeliveryToken(token.toUpperCase())).toBe(ID);
    expect(verifyDeliveryToken(`${ID}.${"0".repeat(24)}`)).toBeNull();
  });
});
