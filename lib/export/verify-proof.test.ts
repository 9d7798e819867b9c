import { describe, it, expect, beforeAll } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { db } from "../db/index.ts";
import { appendEvent } from "../consent/ledger.ts";
import { ledgerKeys } from "../consent/ledger-heads.ts";
import { createNewsletterWithForm, createSubscriber } from "../testing/fixtures.ts";
import { getProof } from "./get-proof.ts";
import { streamBulkExport } from "./stream-bulk-export.ts";
import { renderProofHtml } from "./render-proof-html.ts";
import { verifyProof } from "./verify-proof.ts";
import { GET as wellKnown } from "../../app/.well-known/proofmail-ledger.json/route.ts";

const readAll = (s: ReadableStream<Uint8Array>) => new Response(s).text();
const dir = () => {
  const d = path.join(process.env.DATA_DIR!, "proofs");
  fs.mkdirSync(d, { recursive: true });
  return d;
};

function proofVerifyCli(...args: string[]) {
  // No DATABASE_URL and no secrets: the verifier needs neither.
  const env = { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/tmp", DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" } as unknown as NodeJS.ProcessEnv;
  const r = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/proof-verify.ts", ...args], { env, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function writeFile(name: string, text: string) {
  const f = path.join(dir(), name);
  fs.writeFileSync(f, text);
  return f;
}

let subscriberId: string;
let newsletterId: string;

beforeAll(async () => {
  const a = await createNewsletterWithForm({ slug: "proof-a", name: "Proof A" });
  const b = await createNewsletterWithForm({ slug: "proof-b", name: "Proof B" });
  newsletterId = a.newsletter.id;
  const { subscriber, subscriptions } = await createSubscriber({
    email: "verify@example.nl",
    subscriptions: [{ newsletterId: a.newsletter.id, formVersionId: a.formVersion.id, status: "confirmed", createdAt: new Date("2025-01-10T09:00:00Z"), confirmedAt: new Date("2025-01-10T09:05:00Z") }],
    ip: "198.51.100.7",
    userAgent: "Mozilla/5.0 (Verify test)",
  });
  subscriberId = subscriber.id;
  // other people's events in between: the subscriber's events are not contiguous
  for (let i = 0; i < 3; i++)
    await createSubscriber({ email: `other${i}@example.nl`, subscriptions: [{ newsletterId: b.newsletter.id, formVersionId: b.formVersion.id, status: "confirmed", createdAt: new Date(), confirmedAt: new Date() }], ip: "203.0.113.9", userAgent: "UA" });
  await db.$transaction((tx) =>
    appendEvent(tx, { type: "withdraw", subscriberId, subscriptionId: subscriptions[0].id, newsletterIds: [a.newsletter.id], actor: "subject", details: { via: "link", note: "ü \"quoted\"" }, ip: "198.51.100.7", userAgent: "Mozilla/5.0 (Verify test)" }),
  );
  // an erased person's event: ip and user agent blanked, the chain still verifies through piiDigest
  await db.consentEvent.updateMany({ where: { subscriberId: { not: subscriberId }, type: "confirm" }, data: { ip: null, userAgent: null } });
});

describe("per-subscriber JSON proof", () => {
  it("carries each event's hash input, prevHash and hash and the signed head; proof:verify passes it offline", async () => {
    const doc = (await getProof({ subscriberId }))!;
    expect(doc.events.map((e) => e.type)).toEqual(["signup", "confirm", "withdraw"]);
    expect(doc.events[2].seq - doc.events[1].seq).toBeGreaterThan(1); // not contiguous
    expect(doc.events[0]).toMatchObject({ subscriberId, piiDigest: expect.stringMatching(/^[0-9a-f]{64}$/), prevHash: expect.any(String), hash: expect.any(String) });
    expect(doc.ledgerHead).toMatchObject({ type: "ledger-head", alg: "Ed25519", statement: { ledger: "proofmail", keyId: ledgerKeys().keyId }, publicKey: ledgerKeys().publicKeyBase64 });
    expect(doc.ledgerHead.statement.seq).toBe(doc.events[2].seq);
    // the head was stored
    expect(await db.ledgerHead.findFirst({ where: { signature: doc.ledgerHead.signature } })).toMatchObject({ reason: "export", seq: doc.ledgerHead.statement.seq });

    // the HTML proof names the head too
    expect(renderProofHtml(doc)).toContain(`<tr><th>Signature</th><td>${doc.ledgerHead.signature}</td></tr>`);

    const text = JSON.stringify(doc, null, 2);
    expect(await verifyProof(text)).toMatchObject({ ok: true, kind: "proofmail.consent-proof", scope: "subset", events: 3, keySource: "file" });
    const cli = proofVerifyCli(writeFile("proof.json", text));
    expect(cli.err).toBe("");
    expect(cli.code).toBe(0);
    expect(cli.out).toMatch(/^proof ok: proofmail.consent-proof, 3 events/);
  });

  it("fails a file with one changed field, naming that event", async () => {
    const doc = (await getProof({ subscriberId }))!;
    const seq = doc.events[1].seq;
    for (const change of [
      (d: typeof doc) => void (d.events[1].type = "signup"),
      (d: typeof doc) => void (d.events[1].at = "2025-01-10T09:06:00.000Z"),
      (d: typeof doc) => void (d.events[1].ip = "192.0.2.1"),
      (d: typeof doc) => void (d.events[1].formVersionId = "another"),
    ]) {
      const forged = structuredClone(doc);
      change(forged);
      const r = await verifyProof(JSON.stringify(forged));
      expect(r).toMatchObject({ ok: false, seq });
      expect(!r.ok && r.problem).toContain(`events[1] (event ${seq})`);
    }
    const forged = structuredClone(doc);
    (forged.events[2].details as { via: string }).via = "phone";
    const f = writeFile("forged.json", JSON.stringify(forged));
    const cli = proofVerifyCli(f);
    expect(cli.code).toBe(1);
    expect(cli.err).toContain(`proof BROKEN: events[2] (event ${doc.events[2].seq}): the event was changed`);
  });

  it("fails reordered events, a bad signature, another key and a missing head", async () => {
    const doc = (await getProof({ subscriberId }))!;
    const swapped = structuredClone(doc);
    [swapped.events[0], swapped.events[1]] = [swapped.events[1], swapped.events[0]];
    expect(await verifyProof(JSON.stringify(swapped))).toMatchObject({ ok: false, problem: expect.stringMatching(/out of order/) });

    const badSig = structuredClone(doc);
    const sig = Buffer.from(badSig.ledgerHead.signature, "base64");
    sig[0] ^= 1;
    badSig.ledgerHead.signature = sig.toString("base64");
    expect(await verifyProof(JSON.stringify(badSig))).toMatchObject({ ok: false, problem: expect.stringMatching(/signature does not verify/) });
    const cli = proofVerifyCli(writeFile("bad-sig.json", JSON.stringify(badSig)));
    expect(cli.code).toBe(1);
    expect(cli.err).toMatch(/signature does not verify/);

    // a forger who re-signs with a key of their own: caught when the verifier is given the published key
    const other = generateKeyPairSync("ed25519");
    const otherPub = other.publicKey.export({ format: "pem", type: "spki" }).toString();
    expect(await verifyProof(JSON.stringify(doc), { publicKey: otherPub })).toMatchObject({ ok: false, problem: expect.stringMatching(/names key .* but the given key is/) });
    expect(await verifyProof(JSON.stringify(doc), { publicKey: ledgerKeys().publicKeyBase64 })).toMatchObject({ ok: true, keySource: "given" });
    // a key document with several keys (after a key change): the one the head names is used
    const keysDoc = (...pubs: string[]) => JSON.stringify({ ledger: "proofmail", keys: pubs.map((publicKey) => ({ alg: "Ed25519", publicKey })) });
    const otherRaw = other.publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("base64");
    expect(await verifyProof(JSON.stringify(doc), { publicKey: keysDoc(otherRaw, ledgerKeys().publicKeyBase64) })).toMatchObject({ ok: true });
    expect(await verifyProof(JSON.stringify(doc), { publicKey: keysDoc(otherRaw) })).toMatchObject({ ok: false, problem: expect.stringMatching(/given key is/) });

    const headless = structuredClone(doc) as Partial<typeof doc>;
    delete headless.ledgerHead;
    expect(await verifyProof(JSON.stringify(headless))).toMatchObject({ ok: false, problem: expect.stringMatching(/head is missing/) });
  });
});

describe("bulk NDJSON export", () => {
  it("an unfiltered export carries the whole chain and ends with the signed head; proof:verify passes it with the well-known key", async () => {
    const text = await readAll(await streamBulkExport({ format: "ndjson", pageSize: 2 }));
    const lines = text.trim().split("\n").map((l) => JSON.parse(l));
    const total = await db.consentEvent.count();
    expect(lines[0]).toMatchObject({ type: "header", version: 2, ledgerEvents: { scope: "complete", upToSeq: total } });
    const events = lines.filter((l) => l.type === "ledger-event");
    expect(events.map((l) => l.event.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(lines.at(-1)).toMatchObject({ type: "ledger-head", statement: { seq: total } });
    expect(lines.filter((l) => !l.type)).toHaveLength(await db.subscription.count());

    const res = await wellKnown(new Request("http://localhost/.well-known/proofmail-ledger.json"));
    const keyFile = writeFile("well-known.json", await res.text());
    const file = writeFile("export.ndjson", text);
    const cli = proofVerifyCli(file, `--key=${keyFile}`);
    expect(cli.err).toBe("");
    expect(cli.code).toBe(0);
    expect(cli.out).toContain(`proof ok: proofmail.consent-export, ${total} events (the whole chain)`);
    expect(cli.out).not.toContain("note:"); // the key was given
  });

  it("fails an export with one changed field (naming the event), a dropped event, dropped newest events or no head", async () => {
    const text = await readAll(await streamBulkExport({ format: "ndjson" }));
    const lines = text.trim().split("\n");
    const i = lines.findIndex((l) => l.includes('"type":"ledger-event"') && l.includes('"seq":4,'));
    const changed = [...lines];
    changed[i] = changed[i].replace('"actor":"subject"', '"actor":"system"');
    expect(changed[i]).not.toBe(lines[i]);
    const cli = proofVerifyCli(writeFile("changed.ndjson", changed.join("\n")));
    expect(cli.code).toBe(1);
    expect(cli.err).toContain(`proof BROKEN: line ${i + 1} (event 4): the event was changed`);

    const dropped = lines.filter((_, j) => j !== i);
    expect(await verifyProof(dropped.join("\n"))).toMatchObject({ ok: false, seq: 4, problem: expect.stringMatching(/event 4 is missing/) });
    const lastEvent = lines.length - 2;
    const truncated = lines.filter((_, j) => j !== lastEvent);
    expect(await verifyProof(truncated.join("\n"))).toMatchObject({ ok: false, problem: expect.stringMatching(/events missing at the end/) });
    expect(await verifyProof(lines.slice(0, -1).join("\n"))).toMatchObject({ ok: false, problem: expect.stringMatching(/head is missing/) });
    expect(await verifyProof(text)).toMatchObject({ ok: true });
  });

  it("an export for one newsletter carries its subscribers' events only, and verifies", async () => {
    const text = await readAll(await streamBulkExport({ format: "ndjson", newsletterId }));
    const lines = text.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ ledgerEvents: { scope: "subscribers" } });
    expect(new Set(lines.filter((l) => l.type === "ledger-event").map((l) => l.event.subscriberId))).toEqual(new Set([subscriberId]));
    expect(await verifyProof(text)).toMatchObject({ ok: true, scope: "subset", events: 3 });
  });

  it("a share export carries no events and no head (nothing to prove); it ends with its summary", async () => {
    const lines = (await readAll(await streamBulkExport({ format: "ndjson", purpose: "share-with-third-party" }))).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(["header", "summary"]);
    expect(lines[0].ledgerEvents.scope).toBe("none");
  });
});

describe("GET /.well-known/proofmail-ledger.json", () => {
  it("is public and gives the key and the latest signed head", async () => {
    await getProof({ subscriberId }); // signs a head
    const res = await wellKnown(new Request("http://localhost/.well-known/proofmail-ledger.json"));
    expect(res.status).toBe(200);
    const doc = await res.json();
    const { keyId, publicKeyBase64, publicKeyPem } = ledgerKeys();
    expect(doc.keys).toEqual([{ keyId, alg: "Ed25519", publicKey: publicKeyBase64, publicKeyPem, current: true }]);
    const latest = await db.ledgerHead.findFirstOrThrow({ orderBy: { signedAt: "desc" } });
    expect(doc.latestHead).toMatchObject({ type: "ledger-head", signature: latest.signature, statement: { seq: latest.seq, hash: latest.hash, keyId } });
  });
});

describe("the offline verifier", () => {
  it("verifies the examples in lib/export/README.md (an event and its signed head), and fails them changed", async () => {
    const readme = fs.readFileSync(path.resolve("lib/export/README.md"), "utf8");
    const block = (after: string) => JSON.parse(readme.slice(readme.indexOf(after)).split("```json\n")[1].split("```")[0]);
    const event = block("## An event");
    const head = block("## The signed head");
    const doc = { kind: "proofmail.consent-proof", events: [event], ledgerHead: head };
    expect(await verifyProof(JSON.stringify(doc))).toMatchObject({ ok: true, events: 1, head: { seq: 1, keyId: "5b2c7b6d400281ae" } });
    expect(await verifyProof(JSON.stringify(doc), { publicKey: head.publicKey })).toMatchObject({ ok: true, keySource: "given" });
    expect(await verifyProof(JSON.stringify({ ...doc, events: [{ ...event, subscriptionId: "sn_2" }] }))).toMatchObject({ ok: false, seq: 1 });
    expect(await verifyProof(JSON.stringify({ ...doc, ledgerHead: { ...head, statement: { ...head.statement, at: "2025-01-10T09:10:00.001Z" } } }))).toMatchObject({
      ok: false, problem: expect.stringMatching(/signature does not verify/),
    });
  });


  it("imports no Prisma, no database module and no configuration", () => {
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = fs.readFileSync(file, "utf8");
      for (const m of src.matchAll(/^\s*import\s+(?:type\s+)?(?:[^"']*from\s+)?["']([^"']+)["']/gm)) {
        const spec = m[1];
        expect(spec, `${file} imports ${spec}`).not.toMatch(/prisma|\/db\/|\/config\/|^@\//);
        if (spec.startsWith(".")) walk(path.resolve(path.dirname(file), spec));
      }
    };
    walk(path.resolve("scripts/proof-verify.ts"));
    expect([...seen].map((f) => path.relative(process.cwd(), f)).sort()).toEqual([
      "lib/consent/event-hash.ts", "lib/consent/head-statement.ts", "lib/consent/timestamp-token.ts", "lib/export/dossier-seal.ts", "lib/export/verify-proof.ts", "lib/util/canonical-json.ts", "lib/util/hash.ts", "scripts/proof-verify.ts",
    ]);
  });
});
