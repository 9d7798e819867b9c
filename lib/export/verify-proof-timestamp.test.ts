// Exports carry the newest head a timestamp authority stamped (RFC 3161), and proof:verify checks its token
// offline: the imprint against the head's statement, the authority's signature with the certificate in the token,
// and the head against the events in the file. A real TSA in-process (lib/testing/tsa-server.ts).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { db } from "../db/index.ts";
import { config } from "../config/index.ts";
import { appendEvent, eventHash } from "../consent/ledger.ts";
import { anchorLedgerHead } from "../consent/anchor-head.ts";
import { sha256 } from "../consent/timestamp-token.ts";
import type { SignedHead } from "../consent/head-statement.ts";
import { createNewsletterWithForm, createSubscriber } from "../testing/fixtures.ts";
import { startTsaServer, type TsaServer } from "../testing/tsa-server.ts";
import { getProof } from "./get-proof.ts";
import { streamBulkExport } from "./stream-bulk-export.ts";
import { verifyProof } from "./verify-proof.ts";

const readAll = (s: ReadableStream<Uint8Array>) => new Response(s).text();
let tsa: TsaServer;
let subscriberId: string;
let stamped: { first: SignedHead; second: SignedHead };

function proofVerifyCli(file: string) {
  const env = { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/tmp" } as unknown as NodeJS.ProcessEnv;
  const r = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/proof-verify.ts", file], { env, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const writeFile = (name: string, text: string) => {
  const f = path.join(process.env.DATA_DIR!, name);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, text);
  return f;
};

beforeAll(async () => {
  tsa = await startTsaServer({ name: "Export Test TSA" });
  Object.assign(config(), { ledgerTsaUrl: tsa.url, ledgerAnchorEmail: null });
  const a = await createNewsletterWithForm({ slug: "ts-a", name: "TS A" });
  const { subscriber, subscriptions } = await createSubscriber({
    email: "stamped@example.nl",
    subscriptions: [{ newsletterId: a.newsletter.id, formVersionId: a.formVersion.id, status: "confirmed", createdAt: new Date("2025-01-10T09:00:00Z"), confirmedAt: new Date("2025-01-10T09:05:00Z") }],
    ip: "198.51.100.7",
    userAgent: "UA",
  });
  subscriberId = subscriber.id;
  const first = await anchorLedgerHead(db, { trigger: "manual" });
  for (let i = 0; i < 2; i++) await createSubscriber({ email: `o${i}@example.nl`, subscriptions: [{ newsletterId: a.newsletter.id, formVersionId: a.formVersion.id, status: "confirmed", createdAt: new Date(), confirmedAt: new Date() }] });
  const second = await anchorLedgerHead(db, { trigger: "manual" });
  await db.$transaction((tx) => appendEvent(tx, { type: "withdraw", subscriberId, subscriptionId: subscriptions[0].id, newsletterIds: [a.newsletter.id], actor: "subject", ip: "198.51.100.7", userAgent: "UA" }));
  const { signedHeadOf } = await import("../consent/ledger-heads.ts");
  const rows = await db.ledgerHead.findMany({ where: { id: { in: [first.head!.id, second.head!.id] } } });
  const byId = new Map(rows.map((r) => [r.id, signedHeadOf(r)]));
  stamped = { first: byId.get(first.head!.id)!, second: byId.get(second.head!.id)! };
  expect(stamped.first.timestamp && stamped.second.timestamp).toBeTruthy();
});
afterAll(() => tsa.close());

describe("timestamped heads in exports", () => {
  it("the per-subscriber proof carries the newest stamped head; proof:verify checks its token and says what it checked", async () => {
    const doc = (await getProof({ subscriberId }))!;
    expect(doc.timestampedHead).toEqual(stamped.second);
    expect(doc.ledgerHead.statement.seq).toBeGreaterThan(doc.timestampedHead!.statement.seq);
    const r = await verifyProof(JSON.stringify(doc));
    expect(r).toMatchObject({ ok: true, timestamps: [{ seq: stamped.second.statement.seq, at: stamped.second.timestamp!.at, signature: "verified", tsa: { name: "Export Test TSA", certSha256: sha256(tsa.certDer).toString("hex") } }] });
    const cli = proofVerifyCli(writeFile("stamped/proof.json", JSON.stringify(doc)));
    expect(cli.err).toBe("");
    expect(cli.code).toBe(0);
    expect(cli.out).toMatch(new RegExp(`timestamp ok: head seq ${stamped.second.statement.seq} stamped at \\S+ \\(RFC 3161, imprint = sha256 of the statement\\); the authority's signature verifies with the certificate in the token: Export Test TSA`));

    // A good token, but for another hash (the first head's), is refused, naming the timestamp.
    const swapped = { ...doc, timestampedHead: { ...doc.timestampedHead!, timestamp: stamped.first.timestamp } };
    expect(await verifyProof(JSON.stringify(swapped))).toMatchObject({ ok: false, problem: expect.stringMatching(/timestamped head's RFC 3161 timestamp does not hold .*another hash/) });
    const badCli = proofVerifyCli(writeFile("stamped/swapped.json", JSON.stringify(swapped)));
    expect(badCli.code).toBe(1);
    expect(badCli.err).toMatch(/^proof BROKEN: the timestamped head's RFC 3161 timestamp does not hold/);
    // A token whose bytes were changed, and a stamped head whose statement was changed (its signature breaks first).
    const token = Buffer.from(stamped.second.timestamp!.token, "base64");
    token[token.length - 3] ^= 0x01;
    const tampered = { ...doc, timestampedHead: { ...doc.timestampedHead!, timestamp: { ...stamped.second.timestamp!, token: token.toString("base64") } } };
    expect(await verifyProof(JSON.stringify(tampered))).toMatchObject({ ok: false, problem: expect.stringMatching(/timestamp does not hold/) });
    const moved = { ...doc, timestampedHead: { ...doc.timestampedHead!, statement: { ...doc.timestampedHead!.statement, seq: 1 } } };
    expect(await verifyProof(JSON.stringify(moved))).toMatchObject({ ok: false, problem: expect.stringMatching(/timestamped head's signature does not verify/) });
  });

  it("the complete bulk export carries it before the final head, and its hash must be the chain's", async () => {
    const text = await readAll(await streamBulkExport({ format: "ndjson" }));
    const lines = text.trim().split("\n");
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed.at(-2)).toEqual({ type: "timestamped-head", head: stamped.second });
    expect(await verifyProof(text)).toMatchObject({ ok: true, scope: "complete", timestamps: [{ seq: stamped.second.statement.seq, signature: "verified" }] });
    // the first stamped head is at another seq of the chain: its event in the file has another hash
    const other = [...lines.slice(0, -2), JSON.stringify({ type: "timestamped-head", head: { ...stamped.first, statement: { ...stamped.first.statement, seq: stamped.second.statement.seq } } }), lines.at(-1)].join("\n");
    expect(await verifyProof(other)).toMatchObject({ ok: false, problem: expect.stringMatching(/signature does not verify/) });
  });

  it("a chain rewritten after the stamp, and re-signed with our own key, is caught by the stamped head", async () => {
    // What the anchor is for: whoever holds the signing key rewrites event `seq` and every later hash, and signs
    // a fresh head over the result. Every event and the new head verify; the stamped head does not match.
    const seq = stamped.second.statement.seq;
    const events = await db.consentEvent.findMany({ where: { seq: { gte: seq } }, orderBy: { seq: "asc" } });
    let prev = (await db.consentEvent.findUniqueOrThrow({ where: { seq: seq - 1 } })).hash;
    for (const e of events) {
      const forged = { ...e, formVersionId: e.seq === seq ? "forged-form" : e.formVersionId };
      const hash = eventHash(prev, forged);
      await db.consentEvent.update({ where: { seq: e.seq }, data: { formVersionId: forged.formVersionId, prevHash: prev, hash } });
      prev = hash;
    }
    const text = await readAll(await streamBulkExport({ format: "ndjson" }));
    const r = await verifyProof(text);
    expect(r).toMatchObject({ ok: false, seq, problem: `the timestamped head (seq ${seq}) does not match the chain in the file (event ${seq} has another hash)` });
    // without the stamped head line, the rewritten file would pass: the timestamp is what catches it
    const withoutStamp = text.trim().split("\n").filter((l) => !l.startsWith('{"type":"timestamped-head"')).join("\n");
    expect(await verifyProof(withoutStamp)).toMatchObject({ ok: true, timestamps: [] });
  });
});
