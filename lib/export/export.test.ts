import { describe, it, expect, beforeAll } from "vitest";
import { db, dbProvider } from "../db/index.ts";
import { appendEvent } from "../consent/ledger.ts";
import { createNewsletterWithForm, createSubscriber } from "../testing/fixtures.ts";
import { getProof } from "./get-proof.ts";
import { renderProofHtml } from "./render-proof-html.ts";
import { proofLanguage, renderProofPdf } from "./render-proof-pdf.ts";
import { parse } from "csv-parse/sync";
import { streamBulkExport, csvField, CSV_COLUMNS } from "./stream-bulk-export.ts";

async function readAll(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

/** The text pdfkit drew: its hex-encoded strings, decoded, in order. */
function pdfText(pdf: Buffer) {
  return [...pdf.toString("latin1").matchAll(/<([0-9a-f]+)>/g)].map((m) => Buffer.from(m[1], "hex").toString("latin1")).join("");
}

describe("consent-proof export", () => {
  let fixture: Awaited<ReturnType<typeof createNewsletterWithForm>>;
  let subscriberId: string;

  beforeAll(async () => {
    fixture = await createNewsletterWithForm({ text: "Ja, stuur mij de Fietsbrief <b>niet vet</b>. Afmelden kan altijd." });
    const { subscriber, subscriptions } = await createSubscriber({
      email: "proof@example.nl",
      subscriptions: [{ newsletterId: fixture.newsletter.id, formVersionId: fixture.formVersion.id, status: "confirmed", createdAt: new Date("2025-01-10T09:00:00Z"), confirmedAt: new Date("2025-01-10T09:05:00Z") }],
      ip: "198.51.100.7",
      userAgent: "Mozilla/5.0 (Proof test)",
    });
    subscriberId = subscriber.id;
    await db.$transaction((tx) =>
      appendEvent(tx, {
        type: "optin_sent", subscriberId, subscriptionId: subscriptions[0].id, newsletterIds: [fixture.newsletter.id], formVersionId: fixture.formVersion.id,
        actor: "system", details: { subject: "Bevestig je inschrijving", text: "Klik op de link om te bevestigen: [link]" }, at: new Date("2025-01-10T09:00:01Z"),
      }),
    );
  });

  it("collects the form text with its hash, the events with IP and user agent, and the confirmation mail", async () => {
    const doc = (await getProof({ subscriberId }))!;
    expect(doc.formVersions).toHaveLength(1);
    expect(doc.formVersions[0]).toMatchObject({ contentHash: fixture.formVersion.contentHash, renderedText: fixture.formVersion.renderedText, hashMatchesText: true });
    expect(doc.events.map((e) => e.type)).toEqual(["signup", "confirm", "optin_sent"]);
    expect(doc.events[0]).toMatchObject({ ip: "198.51.100.7", userAgent: "Mozilla/5.0 (Proof test)", hashOk: true });
    expect(doc.confirmationEmails).toEqual([{ at: "2025-01-10T09:00:01.000Z", subject: "Bevestig je inschrijving", text: "Klik op de link om te bevestigen: [link]" }]);
    expect(doc.subscriptions[0].consentEventSeqs).toHaveLength(3);
    expect(await getProof({ subscriberId: "nobody" })).toBeNull();
  });

  it("shows a tampered form text", async () => {
    const f = await createNewsletterWithForm({ text: "original" });
    const { subscriber } = await createSubscriber({ subscriptions: [{ newsletterId: f.newsletter.id, formVersionId: f.formVersion.id, status: "confirmed", createdAt: new Date() }] });
    await db.formVersion.update({ where: { id: f.formVersion.id }, data: { renderedText: "edited afterwards" } });
    const doc = (await getProof({ subscriberId: subscriber.id }))!;
    expect(doc.formVersions[0].hashMatchesText).toBe(false);
    expect(renderProofHtml(doc)).toContain("DOES NOT match");
  });

  it("renders HTML with the hash, the escaped text and the events", async () => {
    const html = renderProofHtml((await getProof({ subscriberId }))!);
    expect(html).toContain(`data-testid="form-hash">${fixture.formVersion.contentHash}<`);
    expect(html).toContain("&lt;b&gt;niet vet&lt;/b&gt;");
    expect(html).not.toContain("<b>niet vet</b>");
    expect(html).toContain("198.51.100.7");
    expect(html).toContain("Bevestig je inschrijving");
  });

  it("renders a PDF with the hash, in the language of the form the person saw (or another asked for)", async () => {
    const doc = (await getProof({ subscriberId }))!;
    expect(proofLanguage(doc)).toBe(doc.formVersions[0].language);
    const nl = pdfText(await renderProofPdf(doc, "nl"));
    expect(nl).toContain("Bewijs van toestemming");
    expect(nl).toContain("Getoonde formuliertekst");
    expect(nl).toContain("bevestigd, grondslag consent");
    expect(nl).toContain(fixture.formVersion.contentHash);
    expect(nl).toContain("198.51.100.7");
    expect(nl).not.toContain("Consent proof");
    const pdf = await renderProofPdf(doc, "en");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const en = pdfText(pdf);
    expect(en).toContain("Consent proof");
    expect(en).toContain("Form text shown");
    expect(en).toContain("confirmed, basis consent");
    expect(en).toContain(fixture.formVersion.contentHash);
  });
});

describe("bulk export", () => {
  let a: { id: string };

  beforeAll(async () => {
    const f1 = await createNewsletterWithForm({ name: "Bulk A" });
    const f2 = await createNewsletterWithForm({ name: "Bulk B" });
    a = f1.newsletter;
    for (let i = 0; i < 7; i++)
      await createSubscriber({ email: `bulk${i}@example.nl`, subscriptions: [{ newsletterId: f1.newsletter.id, formVersionId: f1.formVersion.id, status: "confirmed", createdAt: new Date() }] });
    await createSubscriber({ email: "=cmd@example.nl", subscriptions: [{ newsletterId: f2.newsletter.id, formVersionId: f2.formVersion.id, status: "pending", createdAt: new Date() }] });
  });

  it("streams NDJSON for one newsletter across pages, with the ledger result in the header", async () => {
    const text = await readAll(await streamBulkExport({ format: "ndjson", newsletterId: a.id, pageSize: 3 }));
    const lines = text.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: "header", newsletter: { id: a.id, name: "Bulk A" }, ledger: { ok: true } });
    // header, one line per subscription, then (verify-proof.test.ts) the ledger events and the signed head
    const rows = lines.slice(1).filter((l) => !l.type);
    expect(rows).toHaveLength(7);
    expect(lines.slice(1, 8)).toEqual(rows);
    expect(new Set(rows.map((l) => l.email)).size).toBe(7);
    expect(lines.at(-1)).toMatchObject({ type: "ledger-head" });
    expect(lines[1]).toMatchObject({ newsletter_id: a.id, status: "confirmed", source_proof_names_org: false, confirmed_at: expect.stringMatching(/Z$/), form_content_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("exports every date as Prisma reads it, whatever form it is stored in", async () => {
    const sub = await db.subscription.findFirstOrThrow({ where: { newsletterId: a.id }, orderBy: { id: "asc" } });
    const given = new Date("2025-03-04T05:06:07.089Z");
    // SQLite: "Z" text instead of Prisma's "+00:00" form (read back through Prisma); PostgreSQL: a timestamp.
    if (dbProvider() === "postgres") await db.$executeRawUnsafe(`UPDATE "Subscription" SET "givenAt" = $1::timestamp(3) WHERE "id" = $2`, "2025-03-04T05:06:07.089", sub.id);
    else await db.$executeRawUnsafe(`UPDATE "Subscription" SET "givenAt" = ? WHERE "id" = ?`, given.toISOString(), sub.id);
    const lines = (await readAll(await streamBulkExport({ format: "ndjson", pageSize: 4 }))).trim().split("\n").slice(1).map((l) => JSON.parse(l)).filter((l) => !l.type);
    const subs = await db.subscription.findMany({ orderBy: { id: "asc" } });
    expect(lines.map((l) => [l.subscription_id, l.given_at, l.confirmed_at, l.unsubscribed_at])).toEqual(
      subs.map((x) => [x.id, x.givenAt?.toISOString() ?? null, x.confirmedAt?.toISOString() ?? null, x.unsubscribedAt?.toISOString() ?? null]),
    );
    expect(lines.find((l) => l.subscription_id === sub.id)).toMatchObject({ given_at: given.toISOString() });
    expect(Object.keys(lines[0])).toEqual([...CSV_COLUMNS.slice(0, -1), "form_content_hash"]);
  });

  it("streams CSV for all newsletters that spreadsheets open cleanly: BOM, the header row first, formula-safe, notes after the data", async () => {
    const bytes = new Uint8Array(await new Response(await streamBulkExport({ format: "csv", pageSize: 2 })).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes); // drops the BOM
    const rows = parse(text, { relax_column_count: true }) as string[][];
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const count = await db.subscription.count();
    expect(rows.slice(1, 1 + count).every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    expect(rows.slice(1 + count).map((r) => r[0])).toEqual([
      expect.stringMatching(/^# proofmail consent export, generated .*newsletter all$/),
      expect.stringMatching(/^# ledger: verified, \d+ events, last hash [0-9a-f]{64}$/),
    ]);
    expect(text).toContain(",'=cmd@example.nl,");
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    for (const f of ["=1+1", "+31 6", "-2", "@SUM(A1)", "\tx"]) expect(csvField(f).replace(/^"/, "")).toMatch(/^'/);
  });

  it("reports a broken ledger in the header", async () => {
    const e = await db.consentEvent.findFirstOrThrow({ orderBy: { seq: "asc" } });
    await db.consentEvent.update({ where: { id: e.id }, data: { actor: "forged" } });
    try {
      const first = (await readAll(await streamBulkExport({ format: "ndjson", newsletterId: a.id }))).split("\n")[0];
      expect(JSON.parse(first).ledger).toMatchObject({ ok: false, brokenAt: e.seq });
      const csv = await readAll(await streamBulkExport({ format: "csv" }));
      expect(csv.trim().split("\n").at(-1)).toMatch(/^# ledger: BROKEN at event \d+/);
    } finally {
      await db.consentEvent.update({ where: { id: e.id }, data: { actor: e.actor } });
    }
  });

  it("a share-with-third-party export exports nobody and reports DENY_SHARE_NO_CONSENT with the count (R-SHARE-THIRD-PARTY)", async () => {
    const total = await db.subscription.count();
    const count = await db.subscription.count({ where: { newsletterId: a.id } });
    let seen: unknown = null;
    // pageSize 3 over 7 rows: pages that export nothing must not stall the stream
    const text = await readAll(await streamBulkExport({ format: "ndjson", newsletterId: a.id, purpose: "share-with-third-party", pageSize: 3, onSummary: (x) => void (seen = x) }));
    const lines = text.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ type: "header", purpose: "share-with-third-party", newsletter: { id: a.id } });
    expect(lines[1]).toEqual({ type: "summary", purpose: "share-with-third-party", exported: 0, excluded: { DENY_SHARE_NO_CONSENT: count } });
    expect(seen).toEqual(lines[1]);
    expect(text).not.toContain("@example.nl");
    const csv = await readAll(await streamBulkExport({ format: "csv", purpose: "share-with-third-party", pageSize: 2 }));
    const csvLines = csv.replace(/^\uFEFF/, "").trim().split("\n");
    expect(csvLines[0].startsWith("subscription_id,")).toBe(true);
    expect(csvLines.slice(3)).toEqual(["# purpose: share-with-third-party", `# summary: 0 exported; excluded: DENY_SHARE_NO_CONSENT ${total}`]);
    // the proof export: every row, no summary line (then its ledger events and the signed head)
    let proof: unknown = null;
    const proofLines = (await readAll(await streamBulkExport({ format: "ndjson", newsletterId: a.id, onSummary: (x) => void (proof = x) }))).trim().split("\n");
    expect(proofLines.filter((l) => !l.startsWith('{"type"'))).toHaveLength(count);
    expect(proofLines.filter((l) => l.startsWith('{"type":"summary"'))).toHaveLength(0);
    expect(JSON.parse(proofLines[0])).toMatchObject({ purpose: "proof" });
    expect(proof).toEqual({ type: "summary", purpose: "proof", exported: count, excluded: {} });
  });

  it("refuses an unknown newsletter before streaming", async () => {
    await expect(streamBulkExport({ format: "ndjson", newsletterId: "nope" })).rejects.toThrow("No such newsletter");
  });
});
