// Reading the exports of the tools people leave: delimiter, BOM, CRLF and quotes (csv-parse), the guessed
// mapping per tool, the dates they write. Against the fixtures in ./fixtures (their exact header formats).
import { describe, it, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { detectDelimiter, readCsvTable } from "./csv-table.ts";
import { applyMapping, guessMapping, languageOf, methodOf } from "./mapping.ts";
import { parseImportDate } from "./dates.ts";
import { parseImportCsv } from "./parse-import-csv.ts";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "fixtures", name));

const table = (name: string) => {
  const t = readCsvTable(fixture(name));
  if (!t.ok) throw new Error(t.error);
  return t;
};

describe("the five tools' exports", () => {
  it.each([
    ["mailchimp-subscribed.csv", ",", 22, 3],
    ["brevo-contacts.csv", ";", 9, 3],
    ["mailerlite-subscribers.csv", ",", 11, 2],
    ["laposta-relaties.csv", ";", 7, 3],
    ["listmonk-subscribers.csv", ",", 7, 3],
  ])("%s: delimiter %j, %i columns, %i rows", (name, delimiter, columns, rows) => {
    const t = table(name);
    expect(t.delimiter).toBe(delimiter);
    expect(t.header).toHaveLength(columns);
    expect(t.rows).toHaveLength(rows);
    expect(t.header[0]).not.toMatch(/^\uFEFF/); // the BOM is not part of the first header name
    for (const r of t.rows) expect(r.values.length).toBe(columns);
    expect(t.rows.map((r) => r.line)).toEqual(rows === 3 ? [2, 3, 4] : [2, 3]);
  });

  it.each<[string, Record<string, string>]>([
    ["mailchimp-subscribed.csv", { email: "Email Address", name: "First Name", last_name: "Last Name", consent_at: "OPTIN_TIME", confirmed_at: "CONFIRM_TIME" }],
    ["brevo-contacts.csv", { email: "EMAIL", name: "FIRSTNAME", last_name: "LASTNAME", method: "DOUBLE_OPT-IN" }],
    ["mailerlite-subscribers.csv", { email: "Subscriber", name: "Name", last_name: "Last name", consent_at: "Subscribed" }],
    ["laposta-relaties.csv", { email: "E-mailadres", name: "Naam", consent_at: "Aangemeld", language: "Taal" }],
    ["listmonk-subscribers.csv", { email: "email", name: "name", consent_at: "created_at" }],
  ])("%s: the mapping is guessed from the header names", (name, expected) => {
    expect(guessMapping(table(name).header)).toEqual(expected);
  });

  it("reads quoted fields: commas, semicolons, doubled quotes, JSON", () => {
    const mc = table("mailchimp-subscribed.csv");
    expect(mc.rows[0].values[3]).toBe("Keizersgracht 1, Amsterdam, NH, 1015 AA, NL");
    expect(mc.rows[1].values[20]).toBe('Said "yes" at the fair');
    expect(table("brevo-contacts.csv").rows[1].values[3]).toBe("Smit; van der");
    expect(table("laposta-relaties.csv").rows[1].values[1]).toBe('Ivo "Ives" Mulder');
    expect(JSON.parse(table("listmonk-subscribers.csv").rows[0].values[3])).toEqual({ city: "Leiden", plan: "pro" });
  });

  it("maps rows into Proofmail's fields: names joined, Brevo's Yes/No as the method, languages normalised", () => {
    const mc = table("mailchimp-subscribed.csv");
    const [anna] = applyMapping(mc, guessMapping(mc.header));
    expect(anna.fields).toMatchObject({ email: "anna.mailchimp@example.org", name: "Anna de Vries", consent_at: "2023-03-14 09:12:01", confirmed_at: "2023-03-14 09:15:44" });
    const br = table("brevo-contacts.csv");
    expect(applyMapping(br, guessMapping(br.header)).map((r) => r.fields.method)).toEqual(["double-opt-in", "single-opt-in", ""]);
    const lp = table("laposta-relaties.csv");
    expect(applyMapping(lp, guessMapping(lp.header)).map((r) => r.fields.language)).toEqual(["nl", "en", "nl"]);
  });

  it("a mapped field comes only from its column: an unmapped column of the same name is not read", () => {
    const t = readCsvTable("email,source,Mail\nx@example.org,public-source,y@example.org\n");
    if (!t.ok) throw new Error(t.error);
    const [row] = applyMapping(t, { email: "Mail" });
    expect(row.fields.email).toBe("y@example.org");
    expect(row.fields.source).toBeUndefined();
  });

  it("the admin's mapping is required to name the e-mail column", () => {
    expect(parseImportCsv(fixture("laposta-relaties.csv"), { name: "Naam" })).toEqual({ ok: false, error: "Choose the column that holds the e-mail address." });
    const ok = parseImportCsv(fixture("laposta-relaties.csv"), { email: "E-mailadres" });
    expect(ok.ok && ok.rows.map((r) => r.fields.email)).toEqual(["hanna.laposta@example.org", "ivo.laposta@example.org", "jan.laposta@example.org"]);
  });
});

describe("delimiter detection and reading", () => {
  it.each([
    ["email;name\na@example.org;A\n", ";"],
    ["email,name\na@example.org,A\n", ","],
    ["email\tname\na@example.org\tA\n", "\t"],
    ["email\na@example.org\n", ","],
    ['"Naam, volledig";email\nA;a@example.org\n', ";"], // a comma inside quotes does not count
  ])("%j → %j", (csv, d) => expect(detectDelimiter(csv)).toBe(d));

  it("a BOM and CRLF line ends are read as the tools write them", () => {
    const t = readCsvTable(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("E-mailadres;Naam\r\na@example.org;A\r\n\r\nb@example.org;B\r\n")]));
    expect(t).toEqual({ ok: true, delimiter: ";", header: ["E-mailadres", "Naam"], rows: [{ line: 2, values: ["a@example.org", "A"] }, { line: 4, values: ["b@example.org", "B"] }] });
  });

  it("a preview reads only the first rows", () => {
    const csv = "email\n" + Array.from({ length: 50 }, (_, i) => `p${i}@example.org`).join("\n");
    const t = readCsvTable(csv, { limit: 10 });
    expect(t.ok && t.rows.length).toBe(10);
  });

  it("an unclosed quote is a readable message, not a crash", () => {
    const t = readCsvTable('email,name\na@example.org,"open\n');
    expect(t.ok).toBe(false);
    expect(!t.ok && t.error).toMatch(/^The file is not a readable CSV file/);
  });
});

describe("dates as the tools write them", () => {
  it.each([
    ["2024-05-01", "2024-05-01T00:00:00.000Z"],
    ["2023-03-14 09:12:01", "2023-03-14T09:12:01.000Z"], // Mailchimp, MailerLite, Laposta: UTC
    ["2020-02-01 09:15:00.123456+00", "2020-02-01T09:15:00.123Z"], // listmonk
    ["2024-08-08T20:00:00.5+02:00", "2024-08-08T18:00:00.500Z"],
    ["2024-05-01T10:00:00Z", "2024-05-01T10:00:00.000Z"],
    ["15-03-2024 14:05", "2024-03-15T14:05:00.000Z"], // day first
    ["1/2/2024", "2024-02-01T00:00:00.000Z"],
  ])("%s → %s", (raw, iso) => expect(parseImportDate(raw)).toEqual({ ok: true, iso }));

  it.each(["2024-02-30", "31-13-2024", "yesterday", "2024-05-01 25:00", "12/31/2024"])("%s is no date", (raw) => expect(parseImportDate(raw)).toEqual({ ok: false }));

  it("empty is no date at all", () => {
    expect(parseImportDate("")).toBeNull();
    expect(parseImportDate(undefined)).toBeNull();
  });

  it("languages and double opt-in values", () => {
    expect(["nl", "nl_NL", "Dutch", "Nederlands", "en-GB", "English", "de", ""].map(languageOf)).toEqual(["nl", "nl", "nl", "nl", "en", "en", "", ""]);
    expect(["Yes", "1", "ja", "No", "2", "double_opt_in", "paper", "maybe"].map(methodOf)).toEqual(["double-opt-in", "double-opt-in", "double-opt-in", "single-opt-in", "single-opt-in", "double-opt-in", "paper", ""]);
  });
});
