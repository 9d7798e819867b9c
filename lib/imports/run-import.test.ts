import { describe, it, expect, beforeAll } from "vitest";
import { db } from "../db/index.ts";
import { verifyLedger } from "../consent/ledger.ts";
import { suppressionKey } from "../subscribers/suppression.ts";
import { withdraw } from "../subscribers/withdraw.ts";
import { runImport, parseDate, type ImportResult } from "./run-import.ts";
import { maskEmail } from "../log/mask-email.ts";
import { createNewsletterWithForm } from "../testing/fixtures.ts";
import { preSendReport } from "../sending/pre-send-report.ts";
import { seedOrganisation } from "../sending/testing/fixtures.ts";
import { sha256 } from "../util/hash.ts";

const admin = { id: "u-admin", email: "admin@example.org" };
const NOW = new Date("2025-06-01T12:00:00Z");
const HEADER = "email,name,source,proof_reference,consent_at,confirmed_at,method,given_by,under16";

type Kind = "confirmed" | "pending" | "broker" | "suppressed" | "malformed" | "duplicate" | "child";
const KINDS: Kind[] = ["confirmed", "confirmed", "confirmed", "pending", "pending", "broker", "suppressed", "malformed", "duplicate", "child"];
const EXPECTED: Record<Kind, string> = {
  confirmed: "ACCEPT_CONFIRMED", pending: "ACCEPT_PENDING", broker: "DENY_UNVERIFIED_SOURCE", suppressed: "SUPPRESSED",
  malformed: "IMPORT_INVALID_EMAIL", duplicate: "IMPORT_DUPLICATE", child: "DENY_CHILD_PARENTAL_CONSENT_REQUIRED",
};

function mixedCsv(n: number, tag: string) {
  const lines = [HEADER];
  const kinds: Kind[] = [];
  for (let i = 0; i < n; i++) {
    const k = KINDS[i % 10];
    kinds.push(k);
    const email = `p${i}.${tag}@Example.NL`; // upper case: the import normalises
    switch (k) {
      case "confirmed": lines.push(`${email},Person ${i},,form-archive/${i},2024-01-02T10:00:00Z,2024-01-02T10:05:00Z,double-opt-in,,`); break;
      case "pending": lines.push(`${email},,,,,,,,`); break;
      case "broker": lines.push(`${email},,list-broker,broker-file-7,2024-03-01,,,,`); break;
      case "suppressed": lines.push(`${email},,,form-archive/${i},2024-01-02T10:00:00Z,2024-01-02T10:05:00Z,double-opt-in,,`); break;
      case "malformed": lines.push(`not-an-address-${i},,,,,,,,`); break;
      case "duplicate": lines.push(`P${i - 8}.${tag}@example.nl,,,,,,,,`); break;
      case "child": lines.push(`${email},,,form-archive/${i},2024-01-02T10:00:00Z,2024-01-02T10:05:00Z,double-opt-in,subject,yes`); break;
    }
  }
  return { csv: lines.join("\n") + "\n", kinds };
}

async function newsletter(slug: string, extra: Partial<{ categories: string[]; similarMap: Record<string, string[]> }> = {}) {
  return db.newsletter.create({ data: { slug, name: slug, fromName: "Org", fromEmail: "news@org.nl", categories: extra.categories ?? [], similarMap: extra.similarMap } });
}

const ok = (r: ImportResult) => {
  if (!r.ok) throw new Error(r.error);
  return r;
};

describe("CSV import of 10,000 mixed rows", () => {
  let nl: { id: string };
  let csv: string;
  let kinds: Kind[];
  let first: Extract<ImportResult, { ok: true }>;

  beforeAll(async () => {
    nl = await newsletter("mixed");
    ({ csv, kinds } = mixedCsv(10_000, "m"));
    // earlier unsubscribes/objections: only their keyed hash exists
    const suppressed = kinds.flatMap((k, i) => (k === "suppressed" ? [`p${i}.m@example.nl`] : []));
    await db.suppression.createMany({ data: suppressed.map((e, i) => ({ keyHash: suppressionKey(e), scope: i % 2 ? "all" : "other-newsletter", reason: "withdrawal" })) });
    const progress: string[] = [];
    first = ok(await runImport({ actor: admin, csv, fileName: "mixed.csv", newsletterId: nl.id, declaration: { basis: "consent", source: "own-form" }, mode: "import", now: NOW, onProgress: (p) => void progress.push(p.phase) }));
    expect(progress).toContain("deciding");
    expect(progress).toContain("writing");
  }, 240_000); // 10,000 rows: seconds on an idle machine, far more on a busy shared one

  it("decides every row as expected", () => {
    expect(first.total).toBe(10_000);
    expect(first.rows).toHaveLength(10_000);
    first.rows.forEach((r, i) => {
      expect(r.reason, `row ${i + 2} (${kinds[i]})`).toBe(EXPECTED[kinds[i]]);
      expect(r.row).toBe(i + 2); // spreadsheet line numbers: the header is line 1
    });
    expect(first.counts).toEqual({ ACCEPT_CONFIRMED: 3000, ACCEPT_PENDING: 2000, DENY_UNVERIFIED_SOURCE: 1000, SUPPRESSED: 1000, IMPORT_INVALID_EMAIL: 1000, IMPORT_DUPLICATE: 1000, DENY_CHILD_PARENTAL_CONSENT_REQUIRED: 1000 });
    expect(first.accepted).toBe(5000);
    expect(first.rows[0].email).toBe("p***@example.nl");
  });

  it("writes accepted rows only, proofless consent as pending legacy, with an import event each", async () => {
    const subs = await db.subscription.findMany({ where: { newsletterId: nl.id }, include: { subscriber: true } });
    expect(subs).toHaveLength(5000);
    const confirmed = subs.filter((s) => s.status === "confirmed");
    expect(confirmed).toHaveLength(3000);
    expect(confirmed.every((s) => s.source === "own_form" && s.confirmedAt && s.givenAt && s.proofReference?.startsWith("form-archive/") && s.method === "double_opt_in")).toBe(true);
    const pending = subs.filter((s) => s.status === "pending");
    expect(pending).toHaveLength(2000);
    expect(pending.every((s) => s.source === "legacy" && s.confirmedAt === null)).toBe(true);
    expect(await db.subscriber.count()).toBe(5000);
    // nothing of a rejected row is stored
    expect(await db.subscriber.count({ where: { email: { startsWith: "not-an-address" } } })).toBe(0);
    const childEmails = kinds.flatMap((k, i) => (k === "child" || k === "broker" || k === "suppressed" ? [`p${i}.m@example.nl`] : []));
    const stored = new Set((await db.subscriber.findMany({ select: { email: true } })).map((x) => x.email));
    expect(childEmails.filter((e) => stored.has(e))).toEqual([]);
    const events = await db.consentEvent.findMany({ where: { type: "import" } });
    expect(events).toHaveLength(5000);
    expect(JSON.stringify(events.slice(0, 50))).not.toContain("@");
    expect(await verifyLedger(db)).toMatchObject({ ok: true, events: 5000 });
    const imp = await db.import.findUniqueOrThrow({ where: { id: first.importId } });
    expect(imp.status).toBe("done");
    expect(JSON.stringify(imp.counts)).not.toContain("@");
    expect(await db.auditLog.count({ where: { action: "import", target: first.importId } })).toBe(1);
  });

  it("re-importing the same file changes nothing", { timeout: 240_000 }, async () => {
    const before = { subs: await db.subscription.findMany({ orderBy: { id: "asc" } }), events: await db.consentEvent.count(), people: await db.subscriber.count() };
    const again = ok(await runImport({ actor: admin, csv, fileName: "mixed.csv", newsletterId: nl.id, declaration: { basis: "consent", source: "own-form" }, mode: "import", now: NOW }));
    expect(again.accepted).toBe(0);
    expect(again.counts.IMPORT_EXISTING_KEPT).toBe(5000);
    expect(await db.subscription.findMany({ orderBy: { id: "asc" } })).toEqual(before.subs);
    expect(await db.consentEvent.count()).toBe(before.events);
    expect(await db.subscriber.count()).toBe(before.people);
  });
});

describe("import rules on single rows", () => {
  it("never re-subscribes an unsubscribed person and never overwrites an existing status", async () => {
    const nl = await newsletter("keep");
    const gone = await db.subscriber.create({ data: { email: "gone@example.nl" } });
    await db.subscription.create({ data: { subscriberId: gone.id, newsletterId: nl.id, status: "confirmed" } });
    await withdraw({ subscriberId: gone.id, scope: { newsletterId: nl.id }, actor: "subject", via: "test" });
    const waiting = await db.subscriber.create({ data: { email: "waiting@example.nl" } });
    await db.subscription.create({ data: { subscriberId: waiting.id, newsletterId: nl.id, status: "pending" } });
    const csv = `${HEADER}\ngone@example.nl,,,ref,2024-01-01,2024-01-01,double-opt-in,,\nwaiting@example.nl,,,ref,2024-01-01,2024-01-01,double-opt-in,,\n`;
    const r = ok(await runImport({ actor: admin, csv, fileName: "k.csv", newsletterId: nl.id, declaration: { basis: "consent", source: "migration" }, mode: "import", now: NOW }));
    expect(r.rows.map((x) => x.reason)).toEqual(["SUPPRESSED", "IMPORT_EXISTING_KEPT"]);
    const statuses = await db.subscription.findMany({ where: { newsletterId: nl.id }, orderBy: { createdAt: "asc" }, select: { status: true } });
    expect(statuses.map((s) => s.status)).toEqual(["unsubscribed", "pending"]);
  });

  it("adds a subscription for a known person without touching their other data; public sources and parents' consent", async () => {
    const nl = await newsletter("known");
    const p = await db.subscriber.create({ data: { email: "known@example.nl", name: "Kept" } });
    const csv = `${HEADER}\nknown@example.nl,Other,,,,,,,\npub@example.nl,,public-source,,,,,,\nkid@example.nl,,,ref,2024-01-01,2024-01-01,double-opt-in,parent,yes\nodd@example.nl,,made-up,,,,,,\n`;
    const r = ok(await runImport({ actor: admin, csv, fileName: "k.csv", newsletterId: nl.id, declaration: { basis: "consent", source: "own-form" }, mode: "import", now: NOW }));
    expect(r.rows.map((x) => x.reason)).toEqual(["ACCEPT_PENDING", "DENY_PUBLIC_SOURCE", "ACCEPT_CONFIRMED", "DENY_UNVERIFIED_SOURCE"]);
    expect((await db.subscriber.findUniqueOrThrow({ where: { id: p.id } })).name).toBe("Kept");
    const kid = await db.subscriber.findUniqueOrThrow({ where: { email: "kid@example.nl" }, include: { subscriptions: true } });
    expect(kid.ageBand).toBe("under16");
    expect(kid.subscriptions[0]).toMatchObject({ givenBy: "parent", status: "confirmed" });
  });

  it("broker rows need per-row proof naming this organisation", async () => {
    const nl = await newsletter("broker");
    const csv = `email,proof_reference,consent_at,confirmed_at,proof_names_org\nb1@example.nl,broker-123,2024-01-01,2024-01-02,yes\nb2@example.nl,,2024-01-01,2024-01-02,yes\nb3@example.nl,broker-9,2024-01-01,2024-01-02,no\n`;
    // Input adapted: broker rows are now proven by the broker's own form text, uploaded with the import.
    const evidence = { sourceName: "Lijstbroker BV", text: "Ja, geef mijn adres door aan Org B.V. voor nieuwsbrieven.", shownAt: "2023-06-01", namesOrg: true };
    const r = ok(await runImport({ actor: admin, csv, fileName: "b.csv", newsletterId: nl.id, declaration: { basis: "consent", source: "list-broker", proofReference: "file-level proof does not count for brokers", evidence }, mode: "import", now: NOW }));
    expect(r.rows.map((x) => x.reason)).toEqual(["ACCEPT_CONFIRMED", "DENY_UNVERIFIED_SOURCE", "DENY_UNVERIFIED_SOURCE"]);
    const s = await db.subscription.findFirstOrThrow({ where: { newsletterId: nl.id } });
    expect(s).toMatchObject({ source: "list_broker", sourceProofNamesOrg: true, proofReference: "broker-123", formVersionId: null, evidenceId: expect.any(String) });
  });

  it("a partner row carries the partner's evidence and never our form version, and is sent only when that evidence names us", async () => {
    const { newsletter: nl, formVersion } = await createNewsletterWithForm({ name: "Partnerbrief" });
    await db.newsletter.update({ where: { id: nl.id }, data: { categories: ["bikes"] } });
    const text = "Ja, Partner BV mag mijn e-mailadres delen met Org B.V. voor de Partnerbrief.";
    const declaration = { basis: "consent", source: "partner", formVersionId: formVersion.id, evidence: { sourceName: "Partner BV", text, shownAt: "2023-06-01", namesOrg: true } };
    const csv = [
      "email,source,proof_reference,consent_at,confirmed_at,method",
      "pa1@example.nl,,partner-1,2024-01-01,2024-01-02,double-opt-in",
      "pa2@example.nl,,partner-2,2023-01-01,2023-01-02,double-opt-in", // before the partner's text was in use
      "own1@example.nl,own-form,archive/1,2024-01-01,2024-01-02,double-opt-in", // our own form: our form version
    ].join("\n");
    const r = ok(await runImport({ actor: admin, csv, fileName: "partner.csv", newsletterId: nl.id, declaration, mode: "import", now: NOW }));
    expect(r.rows.map((x) => x.reason)).toEqual(["ACCEPT_CONFIRMED", "DENY_UNVERIFIED_SOURCE", "ACCEPT_CONFIRMED"]);
    const subs = await db.subscription.findMany({ where: { newsletterId: nl.id }, include: { subscriber: true, evidence: true } });
    const partner = subs.find((x) => x.subscriber.email === "pa1@example.nl")!;
    expect(partner).toMatchObject({ source: "partner", formVersionId: null, sourceProofNamesOrg: true, status: "confirmed" });
    expect(partner.evidence).toMatchObject({ kind: "partner-form", sourceName: "Partner BV", text, textHash: sha256(text), namesOrg: true, shownAt: new Date("2023-06-01T00:00:00Z") });
    const own = subs.find((x) => x.subscriber.email === "own1@example.nl")!;
    expect(own).toMatchObject({ source: "own_form", formVersionId: formVersion.id, evidenceId: null });
    const event = await db.consentEvent.findFirstOrThrow({ where: { type: "import", subscriberId: partner.subscriberId } });
    expect(event.formVersionId).toBeNull();
    expect(event.details).toMatchObject({ proof: "third-party-evidence", evidenceId: partner.evidenceId, evidenceTextHash: sha256(text) });
    expect((await db.import.findUniqueOrThrow({ where: { id: r.importId } })).counts).toMatchObject({ evidenceId: partner.evidenceId });
    expect(await verifyLedger(db)).toMatchObject({ ok: true });

    // The same partner's text that does not name us: nothing is imported.
    const refused = ok(await runImport({ actor: admin, csv: "email,proof_reference,consent_at,confirmed_at\npa3@example.nl,partner-3,2024-01-01,2024-01-02\n", fileName: "partner2.csv", newsletterId: nl.id, declaration: { ...declaration, evidence: { ...declaration.evidence, namesOrg: false } }, mode: "import", now: NOW }));
    expect(refused.rows.map((x) => x.reason)).toEqual(["DENY_UNVERIFIED_SOURCE"]);
    expect(await db.subscriber.count({ where: { email: "pa3@example.nl" } })).toBe(0);
    expect(await db.consentEvidence.count({ where: { textHash: sha256(text) } })).toBe(1); // only evidence that rows use is stored

    // A partner row as the old import wrote it (our form version, no evidence of its own) no longer passes the gate.
    const old = await db.subscriber.create({ data: { email: "oldpartner@example.nl" } });
    await db.subscription.create({ data: { subscriberId: old.id, newsletterId: nl.id, status: "confirmed", method: "double_opt_in", source: "partner", sourceProofNamesOrg: true, formVersionId: formVersion.id, proofReference: "p-old", givenAt: new Date("2024-01-01"), confirmedAt: new Date("2024-01-02") } });
    await seedOrganisation();
    const issue = await db.issue.create({ data: { newsletterId: nl.id, subject: "Partnerbrief 1", categories: ["bikes"] } });
    const report = await preSendReport({ issueId: issue.id, now: NOW });
    expect(report).toMatchObject({ candidates: 3, recipients: 2, excluded: { DENY_CONSENT_PROOF_INCOMPLETE: 1 } });
  });

  it("rejects an incomplete partner evidence declaration with a message", async () => {
    const nl = await newsletter("evidence-bad");
    const base = { actor: admin, csv: "email\nx@example.nl\n", fileName: "e.csv", newsletterId: nl.id, mode: "preview" as const, now: NOW };
    const ev = { sourceName: "Partner BV", text: "Ja, Org B.V. mag mij mailen.", shownAt: "2023-06-01", namesOrg: true };
    expect(await runImport({ ...base, declaration: { basis: "consent", source: "partner", evidence: { ...ev, text: "" } } })).toMatchObject({ ok: false, error: expect.stringContaining("form text") });
    expect(await runImport({ ...base, declaration: { basis: "consent", source: "partner", evidence: { ...ev, shownAt: "last year" } } })).toMatchObject({ ok: false, error: expect.stringContaining("date") });
    expect(await runImport({ ...base, declaration: { basis: "consent", source: "partner", evidence: { ...ev, sourceName: "" } } })).toMatchObject({ ok: false, error: expect.stringContaining("partner") });
  });

  it("existing customers: purchase date and category per row, decided by the rules", async () => {
    const nl = await newsletter("bikes", { categories: ["bikes"], similarMap: { "bike-parts": ["bikes"] } });
    const csv = [
      "email,purchase_date,product_category,optout_offered",
      "c1@example.nl,2025-03-01,bikes,yes",
      "c2@example.nl,2025-03-01,bike-parts,yes",
      "c3@example.nl,,bikes,yes",
      "c4@example.nl,2025-03-01,insurance,yes",
      "c5@example.nl,2020-01-01,bikes,yes",
      "c6@example.nl,2025-03-01,bikes,no",
    ].join("\n");
    const r = ok(await runImport({ actor: admin, csv, fileName: "c.csv", newsletterId: nl.id, declaration: { basis: "existing-customer", obtainedInSale: true, optOutOfferedAtCollection: false }, mode: "import", now: NOW }));
    expect(r.rows.map((x) => x.reason)).toEqual(["ACCEPT_CUSTOMER", "ACCEPT_CUSTOMER", "DENY_NOT_A_CUSTOMER", "DENY_NOT_SIMILAR_PRODUCT", "DENY_CUSTOMER_STALE", "DENY_NO_OPTOUT_AT_COLLECTION"]);
    const subs = await db.subscription.findMany({ where: { newsletterId: nl.id } });
    expect(subs.every((s) => s.basis === "existing_customer" && s.status === "confirmed")).toBe(true);
    expect(await db.purchase.count({ where: { source: "import" } })).toBe(2);
  });

  it("a preview writes no subscriber, subscription or event", async () => {
    const nl = await newsletter("preview");
    const before = { people: await db.subscriber.count(), events: await db.consentEvent.count() };
    const r = ok(await runImport({ actor: admin, csv: `email\npv1@example.nl\npv2@example.nl\n`, fileName: "p.csv", newsletterId: nl.id, declaration: { basis: "consent", source: "own-form" }, mode: "preview", now: NOW }));
    expect(r.accepted).toBe(2);
    expect(await db.subscriber.count()).toBe(before.people);
    expect(await db.consentEvent.count()).toBe(before.events);
    expect(await db.subscription.count({ where: { newsletterId: nl.id } })).toBe(0);
    expect((await db.import.findUniqueOrThrow({ where: { id: r.importId } })).status).toBe("preview");
  });

  it("is all-or-nothing: a failure half-way leaves nothing behind", async () => {
    const nl = await newsletter("atomic");
    const before = { people: await db.subscriber.count(), events: await db.consentEvent.count() };
    const { csv } = mixedCsv(3000, "atomic");
    let writes = 0;
    const r = await runImport({
      actor: admin, csv, fileName: "a.csv", newsletterId: nl.id, declaration: { basis: "consent", source: "own-form" }, mode: "import", now: NOW,
      onProgress: (p) => {
        if (p.phase === "writing" && ++writes === 2) throw new Error("disk full");
      },
    });
    expect(r.ok).toBe(false);
    expect(writes).toBe(2);
    expect(await db.subscription.count({ where: { newsletterId: nl.id } })).toBe(0);
    expect(await db.subscriber.count()).toBe(before.people);
    expect(await db.consentEvent.count()).toBe(before.events);
    expect(await db.import.findFirstOrThrow({ where: { fileName: "a.csv" } })).toMatchObject({ status: "failed" });
    expect(await db.auditLog.count({ where: { action: "import.failed" } })).toBe(1);
  });

  it("rejects unusable input with a message", async () => {
    const nl = await newsletter("bad");
    const base = { actor: admin, fileName: "x.csv", newsletterId: nl.id, mode: "import" as const };
    expect(await runImport({ ...base, csv: "name\nx\n", declaration: { basis: "consent", source: "own-form" } })).toMatchObject({ ok: false, error: expect.stringContaining("email") });
    expect(await runImport({ ...base, csv: "email\n\"unterminated\n", declaration: { basis: "consent", source: "own-form" } })).toMatchObject({ ok: false, error: expect.stringContaining("CSV") });
    expect(await runImport({ ...base, csv: "email\na@b.nl\n", declaration: { basis: "consent" } })).toMatchObject({ ok: false });
    expect(await runImport({ ...base, csv: "email\na@b.nl\n", declaration: { basis: "consent", source: "own-form" }, newsletterId: "nope" })).toMatchObject({ ok: false });
  });
});

describe("helpers", () => {
  it("masks addresses and reads dates with a zone", () => {
    expect(maskEmail("jan@example.nl")).toBe("j***@example.nl");
    expect(maskEmail("garbage")).toBe("g***");
    expect(parseDate("2024-05-01")).toBe("2024-05-01T00:00:00.000Z");
    expect(parseDate("2024-05-01T10:00:00+02:00")).toBe("2024-05-01T08:00:00.000Z");
    expect(parseDate("2024-05-01T10:00:00")).toBeNull();
    expect(parseDate("01-05-2024")).toBeNull();
  });
});
