// The mapping step against the database (SQLite, or PostgreSQL with DATABASE_URL): remembered mappings per
// source, and each tool's export run through the import with its guessed mapping. decideImport still decides
// every row; consent dates in the future or before the newsletter are refused per row.
import { describe, it, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { db } from "../db/index.ts";
import { suppressionKey } from "../subscribers/suppression.ts";
import { runImport, type ImportResult } from "./run-import.ts";
import { readCsvTable } from "./csv-table.ts";
import { guessMapping, type ColumnMapping } from "./mapping.ts";
import { rememberMapping, rememberedMapping } from "./remembered-mapping.ts";
import { stageUpload, loadUpload, deleteUpload, purgeStaleUploads } from "./uploads.ts";

const admin = { id: "u-admin", email: "admin@example.org" };
const NOW = new Date("2025-06-01T12:00:00Z");
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "fixtures", name));
const headerOf = (buf: Buffer | string) => {
  const t = readCsvTable(buf, { limit: 0 });
  if (!t.ok) throw new Error(t.error);
  return t.header;
};
const ok = (r: ImportResult) => {
  if (!r.ok) throw new Error(r.error);
  return r;
};
let n = 0;
const newsletter = (createdAt?: Date) => db.newsletter.create({ data: { slug: `nl-${++n}`, name: `Nieuws ${n}`, fromName: "Org", fromEmail: "news@org.nl", categories: [], ...(createdAt ? { createdAt } : {}) } });
const declaration = { basis: "consent", source: "migration", proofReference: "export of the old tool, archived 2025-05-30", newsletterSince: "2021-01-01" };

async function run(file: string, o: { mapping?: ColumnMapping; decl?: object; newsletterId?: string; mode?: "preview" | "import" } = {}) {
  const csv = fixture(file);
  const nl = o.newsletterId ?? (await newsletter()).id;
  const r = ok(await runImport({ actor: admin, csv, fileName: file, newsletterId: nl, declaration: o.decl ?? declaration, mapping: o.mapping ?? guessMapping(headerOf(csv)), mode: o.mode ?? "import", now: NOW }));
  return { r, nl, reasons: r.rows.map((x) => [x.row, x.reason]) };
}

describe("remembered mappings", () => {
  it("are found again by the same header names (any order or case), and by the source's name", async () => {
    const header = ["E-mailadres", "Naam", "Aangemeld"];
    expect(await rememberedMapping(header)).toBeNull();
    await rememberMapping(header, { email: "E-mailadres", name: "Naam", consent_at: "Aangemeld" }, "Laposta leden");
    expect(await rememberedMapping(["Aangemeld", "E-mailadres", "Naam"])).toEqual({ by: "headers", mapping: { email: "E-mailadres", name: "Naam", consent_at: "Aangemeld" } });
    // another order and case: the same source; the mapping names the columns as this file spells them
    expect(await rememberedMapping(["aangemeld", "naam", "E-MAILADRES"])).toEqual({ by: "headers", mapping: { email: "E-MAILADRES", name: "naam", consent_at: "aangemeld" } });
    expect(await rememberedMapping(["E-mailadres", "Naam"])).toBeNull(); // other columns: another source
    // the source's name finds it for a file whose columns changed; columns the file lacks are left out
    expect(await rememberedMapping(["E-mailadres", "Naam", "Telefoon"], "  laposta LEDEN ")).toEqual({ by: "source", mapping: { email: "E-mailadres", name: "Naam" } });
    // remembering again replaces it
    await rememberMapping(header, { email: "E-mailadres" }, "Laposta leden");
    expect((await rememberedMapping(header))?.mapping).toEqual({ email: "E-mailadres" });
    expect(await db.importMapping.count()).toBe(2);
  });

  it("never keep a column the file does not have or a field Proofmail does not know", async () => {
    await rememberMapping(["email", "x"], { email: "email", name: "nope", bogus: "x" } as ColumnMapping);
    expect((await rememberedMapping(["email", "x"]))?.mapping).toEqual({ email: "email" });
  });
});

describe("staged uploads", () => {
  it("keep the file and the first step's fields for a day, then go", async () => {
    const { id } = await stageUpload({ actorId: admin.id, fileName: "leden\u0007.csv", content: fixture("laposta-relaties.csv"), sourceName: "Laposta", declaration: { source: "migration" }, now: NOW });
    const u = await loadUpload(id, NOW);
    expect(u?.fileName).toBe("leden.csv");
    expect(u?.content.equals(fixture("laposta-relaties.csv"))).toBe(true);
    expect(u?.declaration).toEqual({ source: "migration" });
    expect(await loadUpload(id, new Date(NOW.getTime() + 25 * 3600_000))).toBeNull();
    await stageUpload({ actorId: admin.id, fileName: "b.csv", content: Buffer.from("email\n"), now: new Date(NOW.getTime() + 25 * 3600_000) });
    expect(await db.importUpload.findUnique({ where: { id } })).toBeNull(); // purged at the next upload
    expect(await purgeStaleUploads(new Date(NOW.getTime() + 50 * 3600_000))).toBe(1); // the daily purge takes the second
    const other = await stageUpload({ actorId: admin.id, fileName: "c.csv", content: Buffer.from("email\n") });
    await deleteUpload(other.id);
    expect(await loadUpload(other.id)).toBeNull();
  });
});

describe("each tool's export through the import", () => {
  it("Mailchimp: opt-in and confirmation times make confirmed rows; the future opt-in is refused", async () => {
    const { r, nl, reasons } = await run("mailchimp-subscribed.csv");
    expect(reasons).toEqual([[2, "ACCEPT_CONFIRMED"], [3, "ACCEPT_CONFIRMED"], [4, "IMPORT_CONSENT_DATE_FUTURE"]]);
    const subs = await db.subscription.findMany({ where: { newsletterId: nl }, include: { subscriber: true }, orderBy: { givenAt: "asc" } });
    expect(subs.map((s) => [s.subscriber.email, s.subscriber.name, s.status, s.givenAt?.toISOString(), s.confirmedAt?.toISOString()])).toEqual([
      ["anna.mailchimp@example.org", "Anna de Vries", "confirmed", "2023-03-14T09:12:01.000Z", "2023-03-14T09:15:44.000Z"],
      ["bram.mailchimp@example.org", "Bram Jansen", "confirmed", "2024-11-02T18:40:00.000Z", "2024-11-02T18:41:10.000Z"],
    ]);
    expect(r.accepted).toBe(2);
  });

  it("Brevo: no date column, so pending; DOUBLE_OPT-IN No is single opt-in; a bad address is the rules' refusal", async () => {
    const { reasons } = await run("brevo-contacts.csv");
    expect(reasons).toEqual([[2, "ACCEPT_PENDING"], [3, "ACCEPT_PENDING"], [4, "IMPORT_INVALID_EMAIL"]]);
  });

  it("MailerLite: subscribed dates, the future one refused", async () => {
    const { reasons } = await run("mailerlite-subscribers.csv");
    expect(reasons).toEqual([[2, "ACCEPT_PENDING"], [3, "IMPORT_CONSENT_DATE_FUTURE"]]);
  });

  it("Laposta: semicolons, BOM, CRLF, day-first dates; language kept in the ledger; the future row refused", async () => {
    const { nl, reasons } = await run("laposta-relaties.csv");
    expect(reasons).toEqual([[2, "ACCEPT_PENDING"], [3, "ACCEPT_PENDING"], [4, "IMPORT_CONSENT_DATE_FUTURE"]]);
    const events = await db.consentEvent.findMany({ where: { type: "import", newsletterIds: { equals: [nl] } } });
    const details = events.map((e) => e.details as { row: number; language?: string; consentAt: string }).sort((a, b) => a.row - b.row);
    expect(details.map((d) => [d.row, d.language, d.consentAt])).toEqual([[2, "nl", "2021-09-01T10:00:00.000Z"], [3, "en", "2024-03-15T14:05:00.000Z"]]);
  });

  it("listmonk: a consent date before the newsletter started and one in the future are refused", async () => {
    const { reasons } = await run("listmonk-subscribers.csv");
    expect(reasons).toEqual([[2, "IMPORT_CONSENT_DATE_BEFORE_NEWSLETTER"], [3, "ACCEPT_PENDING"], [4, "IMPORT_CONSENT_DATE_FUTURE"]]);
  });

  it("without a declared start, a mapped file's dates must lie after the day the newsletter was created here", async () => {
    const nl = await newsletter(new Date("2024-01-01T00:00:00Z"));
    const { reasons } = await run("laposta-relaties.csv", { newsletterId: nl.id, decl: { ...declaration, newsletterSince: "" } });
    expect(reasons).toEqual([[2, "IMPORT_CONSENT_DATE_BEFORE_NEWSLETTER"], [3, "ACCEPT_PENDING"], [4, "IMPORT_CONSENT_DATE_FUTURE"]]);
  });

  it("an unreadable start date is refused before anything is read", async () => {
    const nl = await newsletter();
    const r = await runImport({ actor: admin, csv: fixture("laposta-relaties.csv"), fileName: "x.csv", newsletterId: nl.id, declaration: { ...declaration, newsletterSince: "soon" }, mapping: { email: "E-mailadres" }, mode: "preview", now: NOW });
    expect(r).toEqual({ ok: false, error: "Give the date the newsletter started as YYYY-MM-DD." });
  });

  it("the rules decide first: a suppressed address with a future date stays SUPPRESSED; unreadable dates and other newsletters are refused", async () => {
    const nl = await newsletter();
    await db.suppression.create({ data: { keyHash: suppressionKey("gone@example.org"), scope: "all", reason: "withdrawal" } });
    const csv = [
      "Mail;Wanneer;Lijst",
      "gone@example.org;2031-01-01;",
      "soon@example.org;next week;",
      "elsewhere@example.org;2024-01-01;Other letter",
      `here@example.org;2024-01-01;Nieuws ${n}`,
      "public@example.org;2024-01-01;",
    ].join("\r\n");
    const r = ok(await runImport({ actor: admin, csv, fileName: "mixed.csv", newsletterId: nl.id, declaration, mapping: { email: "Mail", consent_at: "Wanneer", newsletter: "Lijst" }, mode: "preview", now: NOW }));
    expect(r.rows.map((x) => x.reason)).toEqual(["SUPPRESSED", "IMPORT_CONSENT_DATE_UNREADABLE", "IMPORT_OTHER_NEWSLETTER", "ACCEPT_PENDING", "ACCEPT_PENDING"]);
    // a row's own source still goes through the rules: a public source is refused whatever its date
    const pub = ok(await runImport({ actor: admin, csv: "e;d;s\np@example.org;2031-01-01;public-source\n", fileName: "p.csv", newsletterId: nl.id, declaration, mapping: { email: "e", consent_at: "d", source: "s" }, mode: "preview", now: NOW }));
    expect(pub.rows[0].reason).toBe("DENY_PUBLIC_SOURCE");
  });

  it("the stored report keeps the refusals with their rows", async () => {
    const { r } = await run("laposta-relaties.csv", { mode: "preview" });
    const imp = await db.import.findUniqueOrThrow({ where: { id: r.importId } });
    expect((imp.counts as { counts: Record<string, number> }).counts).toEqual({ ACCEPT_PENDING: 2, IMPORT_CONSENT_DATE_FUTURE: 1 });
    const audit = await db.auditLog.findFirstOrThrow({ where: { target: r.importId } });
    expect(audit.details).toMatchObject({ mapping: { email: "E-mailadres", consent_at: "Aangemeld" }, newsletterSince: "2021-01-01T00:00:00.000Z" });
  });
});
