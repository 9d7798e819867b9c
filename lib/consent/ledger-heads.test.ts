import { describe, it, expect, beforeEach } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import fs from "node:fs";
import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { db } from "../db/index.ts";
import { appendEvent, verifyLedger, GENESIS_HASH } from "./ledger.ts";
import { eventHash } from "./event-hash.ts";
import { ledgerKeys, latestSignedHead, signHead, signHeadIfGrown, statementOf } from "./ledger-heads.ts";
import { parsePublicKey, signStatement, verifyStatement } from "./head-statement.ts";
import { LEDGER_HEAD_EVERY_MS, LEDGER_HEAD_JOB } from "./ledger-heads-job.ts";
import { schedules } from "../worker/registry.ts";
import "../worker/handlers.ts";

async function seed(n: number, from = 0) {
  for (let i = from; i < from + n; i++)
    await db.$transaction((tx) =>
      appendEvent(tx, { type: i % 2 ? "confirm" : "signup", subscriberId: `s${i}`, newsletterIds: ["A"], formVersionId: "fv1", actor: "subject", ip: `10.0.0.${i}`, userAgent: "UA" }),
    );
}

function ledgerVerifyCli(env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/ledger-verify.ts"], { env, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("signed ledger heads", () => {
  beforeEach(async () => {
    await db.ledgerHead.deleteMany();
    await db.consentEvent.deleteMany();
  });

  it("signs the newest event with the configured Ed25519 key; the signature verifies and fails when anything changes", async () => {
    await seed(3);
    const last = await db.consentEvent.findUniqueOrThrow({ where: { seq: 3 } });
    const { row, signed } = await signHead(db, { reason: "manual" });
    expect(row).toMatchObject({ seq: 3, hash: last.hash, count: 3, reason: "manual", keyId: ledgerKeys().keyId });
    expect(signed.statement).toEqual({ ledger: "proofmail", seq: 3, hash: last.hash, at: row.signedAt.toISOString(), keyId: ledgerKeys().keyId });
    const pub = parsePublicKey(signed.publicKey);
    expect(verifyStatement(signed.statement, signed.signature, pub)).toBe(true);
    expect(verifyStatement({ ...signed.statement, seq: 2 }, signed.signature, pub)).toBe(false);
    expect(verifyStatement({ ...signed.statement, hash: GENESIS_HASH }, signed.signature, pub)).toBe(false);
    const other = generateKeyPairSync("ed25519");
    expect(verifyStatement(signed.statement, signed.signature, other.publicKey)).toBe(false);
    expect(verifyStatement(signed.statement, signStatement(signed.statement, other.privateKey), pub)).toBe(false);
    // the public key comes in both documented forms
    expect(parsePublicKey(ledgerKeys().publicKeyPem).equals(pub)).toBe(true);
    expect(await latestSignedHead(db)).toEqual(signed);
  });

  it("an untouched ledger with heads passes, also after more events were appended", async () => {
    await signHead(db, { reason: "manual" }); // empty ledger: seq 0, genesis
    await seed(3);
    await signHead(db, { reason: "export" });
    await seed(2, 3);
    await signHead(db, { reason: "schedule" });
    await seed(1, 5);
    expect(await verifyLedger(db, 2)).toMatchObject({ ok: true, events: 6, heads: 3 });
  });

  it("deleting the newest event after a head was signed fails, naming the head", async () => {
    await seed(4);
    const { row } = await signHead(db, { reason: "manual" });
    expect(await verifyLedger(db)).toMatchObject({ ok: true, heads: 1 });
    await db.consentEvent.delete({ where: { seq: 4 } });
    const r = await verifyLedger(db);
    expect(r).toMatchObject({ ok: false, brokenAt: 4, events: 3, head: { id: row.id, seq: 4 } });
    expect(!r.ok && r.problem).toContain(`signed head ${row.id} (seq 4`);
    expect(!r.ok && r.problem).toMatch(/newest events deleted/);
    // the CLI says so and exits 1
    const cli = ledgerVerifyCli();
    expect(cli.code).toBe(1);
    expect(cli.err).toContain(`signed head ${row.id}`);
  });

  it("a chain rewritten consistently after a head (all hashes recomputed) fails at the head", async () => {
    await seed(4);
    const { row } = await signHead(db, { reason: "manual" });
    // Forge event 3 and recompute the hashes of 3 and 4 so the chain itself is consistent again.
    const events = await db.consentEvent.findMany({ orderBy: { seq: "asc" } });
    let prev = events[1].hash;
    for (const e of events.slice(2)) {
      const forged = { ...e, formVersionId: e.seq === 3 ? "forged" : e.formVersionId };
      const hash = eventHash(prev, forged);
      await db.consentEvent.update({ where: { seq: e.seq }, data: { formVersionId: forged.formVersionId, prevHash: prev, hash } });
      prev = hash;
    }
    const r = await verifyLedger(db);
    expect(r).toMatchObject({ ok: false, brokenAt: 4, head: { id: row.id } });
    expect(!r.ok && r.problem).toMatch(/rewritten/);
  });

  it("a head edited in the database or signed by another key fails", async () => {
    await seed(3);
    const { row } = await signHead(db, { reason: "manual" });
    await db.consentEvent.delete({ where: { seq: 3 } });
    // moving the head back to match the shortened chain breaks its signature
    const two = await db.consentEvent.findUniqueOrThrow({ where: { seq: 2 } });
    await db.ledgerHead.update({ where: { id: row.id }, data: { seq: 2, hash: two.hash } });
    let r = await verifyLedger(db);
    expect(r).toMatchObject({ ok: false, head: { id: row.id } });
    expect(!r.ok && r.problem).toMatch(/signature does not verify/);
    // a head the attacker signed with a key of their own
    const other = generateKeyPairSync("ed25519");
    const statement = { ...statementOf({ seq: 2, hash: two.hash, signedAt: row.signedAt, keyId: "0123456789abcdef" }) };
    await db.ledgerHead.update({ where: { id: row.id }, data: { keyId: statement.keyId, signature: signStatement(statement, other.privateKey) } });
    r = await verifyLedger(db);
    expect(!r.ok && r.problem).toMatch(/not this install's key/);
  });

  it("without LEDGER_SIGNING_KEY the CLIs create ./data/ledger-signing-key once (mode 0600) and keep using it", () => {
    const dataDir = path.join(process.env.DATA_DIR!, "fresh-install");
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    delete env.LEDGER_SIGNING_KEY;
    expect(ledgerVerifyCli(env).code).toBe(0);
    const file = path.join(dataDir, "ledger-signing-key");
    const pem = fs.readFileSync(file, "utf8");
    expect(createPrivateKey(pem).asymmetricKeyType).toBe("ed25519");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(ledgerVerifyCli(env).code).toBe(0);
    expect(fs.readFileSync(file, "utf8")).toBe(pem);
  });

  it("after a key change, heads of the earlier key hold only while it is listed in LEDGER_SIGNING_KEY_PREVIOUS", async () => {
    await seed(2);
    await signHead(db, { reason: "manual" }); // with the test key
    const next = generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const withNewKey: NodeJS.ProcessEnv = { ...process.env, LEDGER_SIGNING_KEY: next };
    const refused = ledgerVerifyCli(withNewKey);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(new RegExp(`names key ${ledgerKeys().keyId}, not this install's key`));
    const kept = ledgerVerifyCli({ ...withNewKey, LEDGER_SIGNING_KEY_PREVIOUS: ledgerKeys().publicKeyBase64 });
    expect(kept.err).toBe("");
    expect(kept.code).toBe(0);
    expect(kept.out).toMatch(/ledger ok: 2 events, head [0-9a-f]{64}, 1 signed heads hold/);
  });

  it("the worker job signs every 10 minutes, only when the ledger grew", async () => {
    expect(schedules.find((s) => s.job === LEDGER_HEAD_JOB)?.everyMs).toBe(LEDGER_HEAD_EVERY_MS);
    expect(LEDGER_HEAD_EVERY_MS).toBe(600_000);
    expect(LEDGER_HEAD_JOB.kind).toBe("ledger.sign-head");
    const run = () => LEDGER_HEAD_JOB.run(null, { workerId: "test", signal: new AbortController().signal });
    await run();
    expect(await db.ledgerHead.count()).toBe(0); // empty ledger: nothing to sign
    await seed(2);
    await run();
    expect(await db.ledgerHead.findMany()).toMatchObject([{ seq: 2, reason: "schedule" }]);
    await run();
    expect(await db.ledgerHead.count()).toBe(1); // not grown
    await seed(1, 2);
    expect(await signHeadIfGrown(db)).toMatchObject({ row: { seq: 3 } });
    expect(await db.ledgerHead.count()).toBe(2);
  });

});
