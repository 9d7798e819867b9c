// Anchoring signed ledger heads outside our control: an RFC 3161 timestamp authority (a real one, in-process:
// lib/testing/tsa-server.ts) and a mail to LEDGER_ANCHOR_EMAIL through a real SMTP server (lib/testing/smtp-sink.ts).
import { describe, it, expect, beforeAll, afterAll, beforeEach } from "vitest";
import { execFile } from "node:child_process";
import path from "node:path";
import { db } from "../db/index.ts";
import { config, loadConfig } from "../config/index.ts";
import { appendEvent, verifyLedger } from "./ledger.ts";
import { signHead, statementOf } from "./ledger-heads.ts";
import { statementBytes, type SignedHead } from "./head-statement.ts";
import { checkTimestampToken, sha256 } from "./timestamp-token.ts";
import { anchorLedgerHead, getAnchorStatus, ANCHOR_EVERY_MS } from "./anchor-head.ts";
import { LEDGER_ANCHOR_EVERY_MS, LEDGER_ANCHOR_JOB } from "./ledger-anchor-job.ts";
import { schedules } from "../worker/registry.ts";
import { startTsaServer, type TsaMode, type TsaServer } from "../testing/tsa-server.ts";
import { useSmtpSink, type UsedSmtpSink } from "../testing/use-smtp-sink.ts";
import { captureLog } from "../testing/capture-log.ts";
import "../worker/handlers.ts";

const logLines = captureLog();
const ANCHOR_TO = "ledger-anchor@notary.example";
let tsa: TsaServer;
let tsaMode: TsaMode = "grant";
let sink: UsedSmtpSink;
let smtpFault: null | { code: number; message: string } = null;

beforeAll(async () => {
  tsa = await startTsaServer({ mode: () => tsaMode });
  sink = await useSmtpSink({ fault: () => smtpFault });
});
afterAll(async () => {
  await Promise.all([tsa.close(), sink.stop()]);
});
beforeEach(async () => {
  tsaMode = "grant";
  smtpFault = null;
  Object.assign(config(), { ledgerTsaUrl: null, ledgerAnchorEmail: null });
  await db.ledgerAnchorAttempt.deleteMany();
  await db.ledgerHead.deleteMany();
  await db.consentEvent.deleteMany();
  sink.received.length = 0;
  logLines.length = 0;
});

let n = 0;
async function seed(count: number) {
  for (let i = 0; i < count; i++, n++)
    await db.$transaction((tx) => appendEvent(tx, { type: "signup", subscriberId: `s${n}`, newsletterIds: ["A"], formVersionId: "fv1", actor: "subject", ip: "192.0.2.1", userAgent: "UA" }));
}
const HOUR = 3600_000;
const mailsTo = () => sink.received.filter((m) => m.envelopeTo.includes(ANCHOR_TO));

describe("anchoring by an RFC 3161 timestamp authority", () => {
  it("stamps SHA-256 of the head's statement, checks the answer and keeps the token; ledger:verify checks it", async () => {
    Object.assign(config(), { ledgerTsaUrl: tsa.url });
    await seed(3);
    const before = tsa.requests.length;
    const r = await anchorLedgerHead(db, { trigger: "manual" });
    expect(r.outcomes).toMatchObject([{ channel: "tsa", seq: 3, ok: true }]);
    const req = tsa.requests[before];
    expect(req.contentType).toBe("application/timestamp-query");
    const head = await db.ledgerHead.findUniqueOrThrow({ where: { id: r.head!.id } });
    expect(head).toMatchObject({ seq: 3, reason: "manual" });
    expect(head.tsaToken).toBeTruthy();
    const bytes = statementBytes(statementOf(head));
    // The request carried exactly our imprint (its DER ends in ...OCTET STRING(32) imprint, nonce, certReq).
    expect(req.body.includes(sha256(bytes))).toBe(true);
    const check = await checkTimestampToken(Buffer.from(head.tsaToken!, "base64"), bytes);
    expect(check).toMatchObject({ ok: true, signature: "verified", tsa: { name: "Proofmail Test TSA", certSha256: sha256(tsa.certDer).toString("hex") } });
    expect(check.ok && check.genTime.toISOString()).toBe(head.tsaAt!.toISOString());
    // The same token does not stamp another statement.
    const other = await checkTimestampToken(Buffer.from(head.tsaToken!, "base64"), statementBytes({ ...statementOf(head), seq: 2 }));
    expect(other).toMatchObject({ ok: false, problem: expect.stringMatching(/another hash/) });
    expect(await verifyLedger(db)).toMatchObject({ ok: true, heads: 1, timestamped: 1 });

    // A token moved onto another head (or a head edited under its token) is caught by ledger:verify.
    await seed(1);
    const { row: second } = await signHead(db, { reason: "manual" });
    await db.ledgerHead.update({ where: { id: second.id }, data: { tsaToken: head.tsaToken, tsaAt: head.tsaAt } });
    const broken = await verifyLedger(db);
    expect(broken).toMatchObject({ ok: false, head: { id: second.id } });
    expect(!broken.ok && broken.problem).toMatch(/RFC 3161 timestamp does not hold: the timestamp token is for another hash/);
  });

  it.each<[TsaMode, RegExp]>([
    ["reject", /answered rejection: policy not accepted/],
    ["wrong-imprint", /another hash/],
    ["wrong-nonce", /does not carry our nonce/],
    ["bad-signature", /signature does not verify/],
    ["no-certificate", /does not include the authority's certificate/],
    ["http-500", /HTTP 500/],
  ])("a TSA answer that is %s is not stored, is logged and recorded, and is retried on the next run", async (mode, reason) => {
    Object.assign(config(), { ledgerTsaUrl: tsa.url });
    tsaMode = mode;
    await seed(2);
    const r = await anchorLedgerHead(db, { trigger: "schedule" });
    expect(r.head).toMatchObject({ seq: 2, reason: "schedule" }); // signing went ahead
    expect(r.outcomes).toEqual([{ channel: "tsa", seq: 2, ok: false, detail: expect.stringMatching(reason) }]);
    expect(await db.ledgerHead.findUniqueOrThrow({ where: { id: r.head!.id } })).toMatchObject({ tsaToken: null, tsaAt: null });
    expect(await db.ledgerAnchorAttempt.findMany()).toMatchObject([{ channel: "tsa", ok: false, seq: 2, trigger: "schedule", detail: expect.stringMatching(reason) }]);
    expect(logLines.find((l) => l.component === "ledger" && l.level === "warn")).toMatchObject({ channel: "tsa", seq: 2, problem: expect.stringMatching(reason) });
    // the next run tries the same head again, and succeeds once the TSA answers properly
    tsaMode = "grant";
    const again = await anchorLedgerHead(db, { trigger: "schedule" });
    expect(again.outcomes).toMatchObject([{ channel: "tsa", seq: 2, ok: true }]);
    expect(again.head!.id).toBe(r.head!.id);
    expect((await db.ledgerHead.findUniqueOrThrow({ where: { id: r.head!.id } })).tsaToken).toBeTruthy();
  });

  it("an unreachable TSA is a recorded failure, not an exception", async () => {
    const gone = await startTsaServer();
    await gone.close();
    Object.assign(config(), { ledgerTsaUrl: gone.url });
    await seed(1);
    const r = await anchorLedgerHead(db, { trigger: "manual" });
    expect(r.outcomes).toMatchObject([{ channel: "tsa", ok: false, detail: expect.stringMatching(/cannot be reached: ECONNREFUSED/) }]);
    const status = await getAnchorStatus(db);
    expect(status.last.find((l) => l.channel === "tsa")).toMatchObject({ attempt: { ok: false, detail: expect.stringMatching(/ECONNREFUSED/) }, success: null });
  });
});

describe("anchoring by e-mail", () => {
  it("mails the signed head once (body and attachment), at most once a day, only when there is a new head", async () => {
    Object.assign(config(), { ledgerAnchorEmail: ANCHOR_TO });
    const t0 = new Date("2026-12-01T08:00:00.000Z");
    expect(await anchorLedgerHead(db, { trigger: "schedule", now: t0 })).toMatchObject({ head: null, outcomes: [] }); // empty ledger
    await seed(2);
    const r = await anchorLedgerHead(db, { trigger: "schedule", now: t0 });
    expect(r.outcomes).toEqual([{ channel: "email", seq: 2, ok: true, detail: ANCHOR_TO }]);
    const mail = await sink.waitFor((m) => m.envelopeTo.includes(ANCHOR_TO));
    const head = await db.ledgerHead.findUniqueOrThrow({ where: { id: r.head!.id } });
    expect(head.anchoredEmailAt?.toISOString()).toBe(t0.toISOString());
    expect(mail.parsed.subject).toBe(`Proofmail ledger head 2 (${t0.toISOString()})`);
    const attachment = mail.parsed.attachments.find((a) => a.filename === "proofmail-ledger-head-2.json");
    expect(attachment?.contentType).toBe("application/json");
    const attached = JSON.parse(attachment!.content.toString("utf8")) as SignedHead;
    expect(attached).toMatchObject({ type: "ledger-head", statement: statementOf(head), alg: "Ed25519", signature: head.signature });
    expect(mail.parsed.text).toContain(JSON.stringify(attached, null, 2));

    // the same head is not mailed again
    expect((await anchorLedgerHead(db, { trigger: "schedule", now: new Date(t0.getTime() + HOUR) })).outcomes).toEqual([]);
    // a new head within the day waits…
    await seed(1);
    const soon = await anchorLedgerHead(db, { trigger: "schedule", now: new Date(t0.getTime() + 2 * HOUR) });
    expect(soon.head).toMatchObject({ seq: 3 });
    expect(soon.outcomes).toEqual([]);
    // …until a day after the last anchor
    const later = await anchorLedgerHead(db, { trigger: "schedule", now: new Date(t0.getTime() + ANCHOR_EVERY_MS) });
    expect(later.outcomes).toMatchObject([{ channel: "email", seq: 3, ok: true }]);
    expect(mailsTo().map((m) => m.parsed.subject)).toEqual([`Proofmail ledger head 2 (${t0.toISOString()})`, expect.stringMatching(/^Proofmail ledger head 3 /)]);
  });

  it("a refused mail is recorded as failed and sent on the next run; a failing anchor never stops signing", async () => {
    Object.assign(config(), { ledgerAnchorEmail: ANCHOR_TO, ledgerTsaUrl: tsa.url });
    tsaMode = "reject";
    smtpFault = { code: 550, message: "mailbox unavailable" };
    await seed(2);
    const r = await anchorLedgerHead(db, { trigger: "schedule" });
    expect(r.head).toMatchObject({ seq: 2 });
    expect(r.outcomes).toMatchObject([{ channel: "tsa", ok: false }, { channel: "email", ok: false, detail: expect.stringMatching(/550|mailbox unavailable/) }]);
    expect(await db.ledgerHead.findUniqueOrThrow({ where: { id: r.head!.id } })).toMatchObject({ anchoredEmailAt: null, tsaToken: null });
    expect(mailsTo()).toHaveLength(0);
    const status = await getAnchorStatus(db);
    expect(status.channels).toEqual(["tsa", "email"]);
    expect(status.last.find((l) => l.channel === "email")).toMatchObject({ attempt: { ok: false, seq: 2 }, success: null });

    smtpFault = null;
    tsaMode = "grant";
    const again = await anchorLedgerHead(db, { trigger: "schedule" });
    expect(again.outcomes).toMatchObject([{ channel: "tsa", ok: true, seq: 2 }, { channel: "email", ok: true, seq: 2 }]);
    // the mail carries the timestamp got just before it
    const mail = await sink.waitFor((m) => m.envelopeTo.includes(ANCHOR_TO));
    const attached = JSON.parse(mail.parsed.attachments[0].content.toString("utf8")) as SignedHead;
    const head = await db.ledgerHead.findUniqueOrThrow({ where: { id: r.head!.id } });
    expect(attached.timestamp).toEqual({ type: "rfc3161", token: head.tsaToken, at: head.tsaAt!.toISOString() });
    expect((await getAnchorStatus(db)).last.find((l) => l.channel === "email")).toMatchObject({ attempt: { ok: true }, success: { seq: 2 } });
    expect(mailsTo()).toHaveLength(1);
  });

  it("the manual anchor with no channel configured still signs a head, and sends nothing", async () => {
    await seed(1);
    const r = await anchorLedgerHead(db, { trigger: "manual" });
    expect(r).toMatchObject({ head: { seq: 1, reason: "manual" }, outcomes: [] });
    expect(await db.ledgerAnchorAttempt.count()).toBe(0);
    expect(mailsTo()).toHaveLength(0);
  });

  it("the manual anchor signs a new head and anchors it now, whatever the day's anchors", async () => {
    Object.assign(config(), { ledgerAnchorEmail: ANCHOR_TO });
    await seed(1);
    await anchorLedgerHead(db, { trigger: "schedule" });
    const manual = await anchorLedgerHead(db, { trigger: "manual" });
    expect(manual.head).toMatchObject({ seq: 1, reason: "manual" });
    expect(manual.outcomes).toMatchObject([{ channel: "email", ok: true }]);
    await sink.waitFor(() => mailsTo().length === 2);
    expect(await db.ledgerAnchorAttempt.findMany({ orderBy: { at: "asc" } })).toMatchObject([{ trigger: "schedule" }, { trigger: "manual" }]);
  });
});

describe("configuration", () => {
  it("both anchors are off unless set; a bad value names its variable", () => {
    const env = { ...process.env, LEDGER_TSA_URL: "", LEDGER_ANCHOR_EMAIL: "" };
    expect(loadConfig(env)).toMatchObject({ ledgerTsaUrl: null, ledgerAnchorEmail: null });
    expect(loadConfig({ ...env, LEDGER_TSA_URL: "https://tsa.example/tsr", LEDGER_ANCHOR_EMAIL: ANCHOR_TO })).toMatchObject({ ledgerTsaUrl: "https://tsa.example/tsr", ledgerAnchorEmail: ANCHOR_TO });
    expect(() => loadConfig({ ...env, LEDGER_TSA_URL: "ftp://tsa.example/" })).toThrow(/^LEDGER_TSA_URL: expected an http\(s\) URL/);
    expect(() => loadConfig({ ...env, LEDGER_ANCHOR_EMAIL: "Auditor <a@b.example>" })).toThrow(/^LEDGER_ANCHOR_EMAIL: expected a plain e-mail address/);
  });
});

describe("the anchor job", () => {
  it("is scheduled hourly, does nothing unless an anchor is configured", async () => {
    expect(schedules.find((s) => s.job === LEDGER_ANCHOR_JOB)?.everyMs).toBe(LEDGER_ANCHOR_EVERY_MS);
    expect(LEDGER_ANCHOR_EVERY_MS).toBe(HOUR);
    expect(LEDGER_ANCHOR_JOB.kind).toBe("ledger.anchor-head");
    await seed(1);
    const run = () => LEDGER_ANCHOR_JOB.run(null, { workerId: "test", signal: new AbortController().signal });
    await run();
    expect(await db.ledgerHead.count()).toBe(0);
    expect(await db.ledgerAnchorAttempt.count()).toBe(0);
    Object.assign(config(), { ledgerTsaUrl: tsa.url });
    await run();
    expect(await db.ledgerHead.findMany()).toMatchObject([{ seq: 1, tsaToken: expect.any(String) }]);
  });
});

// Not spawnSync: the TSA and the SMTP sink answer from this process's event loop.
function ledgerAnchorCli(env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/ledger-anchor.ts"], { env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000 }, (err, out, errOut) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out, err: errOut }));
  });
}

describe("npm run ledger:anchor", () => {
  it("signs and anchors now by every configured channel, audited; exit 1 when one of them failed", async () => {
    // One run (each start of tsx costs seconds): the TSA refuses, the mail goes.
    tsaMode = "reject";
    await seed(2);
    const r = await ledgerAnchorCli({ LEDGER_TSA_URL: tsa.url, LEDGER_ANCHOR_EMAIL: ANCHOR_TO, SMTP_URL: sink.url });
    expect(r.code).toBe(1);
    // stdout: the lines for a person, and the JSON log line of the failure (lib/log)
    const lines = r.out.trim().split("\n");
    expect(lines.filter((l) => !l.startsWith("{"))).toEqual([expect.stringMatching(/^signed ledger head 2 \([0-9a-f]{64}\)$/), "Anchored by e-mail (ledger-anchor@notary.example)."]);
    expect(lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l))).toMatchObject([{ level: "warn", component: "ledger", channel: "tsa", seq: 2, problem: expect.stringMatching(/rejection/) }]);
    expect(r.err).toBe("Anchoring by timestamp authority failed: the timestamp authority answered rejection: policy not accepted.\n");
    await sink.waitFor((m) => m.envelopeTo.includes(ANCHOR_TO));
    expect(await db.ledgerHead.findMany()).toMatchObject([{ seq: 2, reason: "manual", tsaToken: null, anchoredEmailAt: expect.any(Date) }]);
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "ledger.anchor" } });
    expect(entry).toMatchObject({ actor: "system", details: { via: "cli", seq: 2, outcomes: [{ channel: "tsa", ok: false }, { channel: "email", ok: true }] } });
  });
});
