// The sending-domain check against a real DNS server (dns2 on 127.0.0.1), and the DKIM signature of every
// message a real send puts on the wire, verified with mailauth against the key published in that DNS.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { generateKeyPairSync } from "node:crypto";
// The DKIM verifier only: mailauth's index also loads its BIMI module, whose undici 8 needs Node 22.
import { dkimVerify } from "mailauth/lib/dkim/verify.js";
import { config } from "../config/index.ts";
import { assessDmarc, assessSpf, checkSendingDomain, dkimPublicKey, txtLookup } from "./domain-check.ts";
import { startDnsServer } from "../testing/dns-server.ts";
import { useSmtpSink, type UsedSmtpSink } from "../testing/use-smtp-sink.ts";
import { startSend } from "../sending/start-send.ts";
import { drainSend, seedFormVersion, seedIssue, seedManyConfirmed, seedNewsletter, seedOrganisation } from "../sending/testing/fixtures.ts";

// 1024 bits keeps the TXT answer inside one plain 512-byte UDP reply.
const key = () => generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
const signing = key();
const other = key();
const dkim = { domainName: "fietsen.example", keySelector: "pm2026", privateKey: signing };

let dns: Awaited<ReturnType<typeof startDnsServer>>;
let sink: UsedSmtpSink;
beforeAll(async () => {
  dns = await startDnsServer({
    "fietsen.example": ["v=spf1 include:_spf.mailprovider.example -all", "google-site-verification=abc"],
    "pm2026._domainkey.fietsen.example": [`v=DKIM1; k=rsa; p=${dkimPublicKey(signing)}`],
    "_dmarc.fietsen.example": ["v=DMARC1; p=quarantine; rua=mailto:dmarc@fietsen.example"],
    "nieuws.winkel.example": ["v=spf1 a mx +all"],
    "_dmarc.winkel.example": ["v=DMARC1; p=none"],
    "old._domainkey.winkel.example": [`v=DKIM1; k=rsa; p=${dkimPublicKey(other)}`],
  });
  sink = await useSmtpSink();
  await seedOrganisation();
});
afterAll(async () => {
  await sink?.stop();
  await dns?.close();
});

describe("the sending-domain check", () => {
  it("says in plain words what SPF, DKIM and DMARC of a well-set domain do", async () => {
    const checks = await checkSendingDomain({ fromEmail: "nieuws@fietsen.example", dkim, lookup: txtLookup([dns.address]) });
    expect(checks.map((c) => [c.kind, c.status])).toEqual([["SPF", "ok"], ["DKIM", "ok"], ["DMARC", "ok"]]);
    expect(checks[0]).toMatchObject({ name: "fietsen.example", record: "v=spf1 include:_spf.mailprovider.example -all" });
    expect(checks[0].explanation).toContain("(others fail)");
    expect(checks[1].name).toBe("pm2026._domainkey.fietsen.example");
    expect(checks[2].explanation).toContain('"quarantine"');
  });

  it("finds each problem: SPF that lets anyone send, a published key that is not ours, DMARC only at the parent and only monitoring", async () => {
    const checks = await checkSendingDomain({
      fromEmail: "Info@Nieuws.Winkel.example", dkim: { ...dkim, domainName: "winkel.example", keySelector: "old" }, lookup: txtLookup([dns.address]),
    });
    const [spf, dk, dmarc] = checks;
    expect(spf).toMatchObject({ status: "fail", name: "nieuws.winkel.example" });
    expect(spf.explanation).toContain('"+all"');
    expect(dk).toMatchObject({ status: "fail" });
    expect(dk.explanation).toContain("not the key Proofmail signs with");
    expect(dk.explanation).toContain(dkimPublicKey(signing));
    // no record at _dmarc.nieuws.winkel.example: the organisational domain's policy applies
    expect(dmarc).toMatchObject({ status: "warn", name: "_dmarc.winkel.example", record: "v=DMARC1; p=none" });
    expect(dmarc.explanation).toContain("rua=");
  });

  it("a domain with nothing published fails all three, and SPF is looked up at the bounce domain when there is one", async () => {
    const checks = await checkSendingDomain({ fromEmail: "a@leeg.example", envelopeDomain: "fietsen.example", dkim: null, lookup: txtLookup([dns.address]) });
    expect(checks.map((c) => [c.kind, c.status, c.name])).toEqual([["SPF", "ok", "fietsen.example"], ["DKIM", "warn", "leeg.example"], ["DMARC", "fail", "_dmarc.leeg.example"]]);
    expect(checks[1].explanation).toContain("DKIM_PRIVATE_KEY");
    const bare = await checkSendingDomain({ fromEmail: "a@leeg.example", dkim, lookup: txtLookup([dns.address]) });
    expect(bare[0]).toMatchObject({ kind: "SPF", status: "fail", record: null });
    expect(bare[0].explanation).toContain("has no SPF record");
  });

  it("a name server that does not answer is a failed lookup, said so, not a missing record", async () => {
    const dead = await startDnsServer({});
    const address = dead.address;
    await dead.close();
    const checks = await checkSendingDomain({ fromEmail: "nieuws@fietsen.example", dkim: null, lookup: txtLookup([address]) });
    expect(checks[0].status).toBe("fail");
    expect(checks[0].explanation).toMatch(/DNS lookup of fietsen\.example failed/);
  }, 20_000);

  it("rules on the records themselves (pure)", () => {
    expect(assessSpf("x.example", ["v=spf1 -all", "v=spf1 mx -all"]).explanation).toContain("2 SPF records");
    expect(assessSpf("x.example", ["v=spf1 mx"]).status).toBe("warn");
    expect(assessSpf("x.example", ["v=spf1 ?all"]).status).toBe("warn");
    const many = `v=spf1 ${Array.from({ length: 11 }, (_, i) => `include:s${i}.example`).join(" ")} -all`;
    expect(assessSpf("x.example", [many]).explanation).toContain("more than 10 DNS lookups");
    expect(assessSpf("x.example", ["v=spf1 redirect=_spf.example"]).status).toBe("ok");
    expect(assessDmarc("x.example", "_dmarc.x.example", ["v=DMARC1; p=reject"]).explanation).toContain('"rua=mailto:');
    expect(assessDmarc("x.example", "_dmarc.x.example", ["v=DMARC1; p=maybe"]).status).toBe("fail");
  });
});

describe("DKIM on the wire", () => {
  it("every message of a real send is signed, and the signature verifies with mailauth against the published key, covering Feedback-ID and List-Id", async () => {
    const before = config().dkim;
    Object.assign(config(), { dkim });
    try {
      const nl = await seedNewsletter({ name: "Fietsbrief" });
      const fv = await seedFormVersion([nl.id]);
      const prefix = await seedManyConfirmed({ newsletterId: nl.id, formVersionId: fv.id, n: 12 });
      const issue = await seedIssue(nl.id, "Lente");
      const started = await startSend({ issueId: issue.id, actor: "system" });
      if (!started.ok) throw new Error(started.error);
      await drainSend(started.sendId);
      const mails = sink.received.filter((m) => m.envelopeTo.some((a) => a.startsWith(prefix)));
      expect(mails).toHaveLength(12);
      const lookup = txtLookup([dns.address]);
      const resolver = async (name: string, rrtype: string) => (rrtype === "TXT" ? (await lookup(name)).map((r) => [r]) : []);
      for (const m of mails) {
        const result = await dkimVerify(Buffer.from(m.raw), { resolver });
        expect(result.results).toHaveLength(1);
        expect(result.results[0].status.result).toBe("pass");
        expect(result.results[0].signingDomain).toBe("fietsen.example");
        const signed = (m.raw.match(/^DKIM-Signature:[\s\S]*?\r\n(?=\S)/im)?.[0] ?? "").replace(/\r\n\s+/g, "");
        expect(signed).toMatch(/h=[^;]*Feedback-ID/i);
        expect(signed).toMatch(/h=[^;]*List-Id/i);
        expect(m.parsed.headers.get("feedback-id")).toBe(`${issue.id}:${nl.slug}:newsletter:proofmail`);
        // a changed body no longer verifies: the check is real
        const tampered = m.raw.replace(/\r\n\r\n([A-Za-z0-9+/]{8})/, (_, b: string) => `\r\n\r\n${b.split("").reverse().join("")}`);
        expect((await dkimVerify(Buffer.from(tampered), { resolver })).results[0].status.result).not.toBe("pass");
      }
    } finally {
      Object.assign(config(), { dkim: before });
    }
  }, 60_000);
});
