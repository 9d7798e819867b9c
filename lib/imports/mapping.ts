// The mapping step: which column of the file holds which of Proofmail's fields. Guessed from the header
// names the tools people leave write (Mailchimp, Brevo/Sendinblue, MailerLite, Laposta, listmonk), changed by
// the admin on the mapping screen, and remembered per source (lib/imports/remembered-mapping.ts).
import type { CsvTable } from "./csv-table.ts";
import { normaliseHeader } from "./csv-table.ts";

export const MAPPED_FIELDS = ["email", "name", "last_name", "language", "consent_at", "confirmed_at", "method", "source", "newsletter"] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];
/** Field → the file's header name (as in the file). A field left out is not in the file. */
export type ColumnMapping = Partial<Record<MappedField, string>>;

export const FIELD_LABELS: Record<MappedField, { label: string; hint: string }> = {
  email: { label: "E-mail address", hint: "required" },
  name: { label: "Name", hint: "or first name" },
  last_name: { label: "Last name", hint: "added to the name" },
  language: { label: "Language", hint: "nl or en" },
  consent_at: { label: "Consent date", hint: "when they signed up" },
  confirmed_at: { label: "Confirmation date", hint: "when they confirmed (double opt-in)" },
  method: { label: "Double opt-in", hint: "yes/no, or double-opt-in, single-opt-in, paper, verbal" },
  source: { label: "Source", hint: "own-form, migration, list-broker, partner, public-source, legacy; empty: the file's source" },
  newsletter: { label: "List", hint: "the newsletter's name or slug; a row naming another one is refused" },
};

// Header names per field, best first, compared without case, spaces or punctuation ("E-mailadres" → "emailadres").
const ALIASES: Record<MappedField, string[]> = {
  email: ["email", "emailaddress", "emailadres", "mailadres", "subscriber", "subscriberemail", "mail", "correoelectronico"],
  name: ["name", "fullname", "naam", "volledigenaam", "firstname", "fname", "voornaam", "vorname"],
  last_name: ["lastname", "lname", "surname", "achternaam", "familienaam", "nachname"],
  language: ["language", "lang", "taal", "locale", "languagecode"],
  consent_at: ["consentat", "consentdate", "givenat", "optintime", "optindate", "subscribed", "subscribedat", "datesubscribed", "aangemeld", "aangemeldop", "inschrijfdatum", "signupdate", "createdat", "addedtime", "confirmtime"],
  confirmed_at: ["confirmedat", "confirmtime", "confirmationdate", "bevestigd", "bevestigdop"],
  method: ["method", "doubleoptin", "doi", "optinmethod"],
  source: ["source", "consentsource", "bron"],
  newsletter: ["newsletter", "nieuwsbrief", "list", "lijst", "listname"],
};

const squash = (h: string) => h.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]/g, "");

/** The mapping the header names suggest; each column is used for one field at most. */
export function guessMapping(header: string[]): ColumnMapping {
  const squashed = header.map(squash);
  const used = new Set<number>();
  const out: ColumnMapping = {};
  for (const field of MAPPED_FIELDS) {
    for (const alias of ALIASES[field]) {
      const i = squashed.findIndex((h, j) => h === alias && !used.has(j));
      if (i >= 0) {
        out[field] = header[i];
        used.add(i);
        break;
      }
    }
  }
  // A consent date that is the confirmation time is no reason to leave the confirmation date out.
  if (out.consent_at && out.consent_at === out.confirmed_at) delete out.confirmed_at;
  return out;
}

/** A mapping for this file: each column as the file spells it (case aside), fields whose column it lacks left out. */
export function fitMapping(mapping: ColumnMapping, header: string[]): ColumnMapping {
  const byName = new Map(header.map((h) => [h.trim().toLowerCase(), h]));
  const out: ColumnMapping = {};
  for (const [f, h] of Object.entries(mapping)) {
    const col = typeof h === "string" ? byName.get(h.trim().toLowerCase()) : undefined;
    if ((MAPPED_FIELDS as readonly string[]).includes(f) && col !== undefined) out[f as MappedField] = col;
  }
  return out;
}

const YES = new Set(["yes", "y", "true", "1", "ja", "j", "confirmed", "bevestigd"]);
const NO = new Set(["no", "n", "false", "0", "2", "nee"]); // Brevo's DOUBLE_OPT-IN: 1 = yes, 2 = no
const METHODS = new Set(["double-opt-in", "single-opt-in", "paper", "verbal"]);

/** A double opt-in column's value as a consent method: yes → double-opt-in, no → single-opt-in. */
export function methodOf(v: string): string {
  const s = v.trim().toLowerCase().replace(/[_ ]/g, "-");
  if (METHODS.has(s)) return s;
  if (YES.has(s)) return "double-opt-in";
  if (NO.has(s)) return "single-opt-in";
  return "";
}

/** "Dutch", "nl_NL", "nl-BE", "Nederlands" → nl; "English", "en-GB" → en; anything else → "". */
export function languageOf(v: string): "nl" | "en" | "" {
  const s = v.trim().toLowerCase();
  if (/^(nl|nld|dut)([-_].*)?$/.test(s) || s === "dutch" || s === "nederlands") return "nl";
  if (/^(en|eng)([-_].*)?$/.test(s) || s === "english" || s === "engels") return "en";
  return "";
}

// Fields the import reads that a mapping decides: an unmapped column under one of these names is not read.
const DECIDED = new Set<string>([...MAPPED_FIELDS, "given_at"]);

/** The rows as the import reads them: the mapped fields from their columns, other columns under their own names. */
export function applyMapping(table: Pick<CsvTable, "header" | "rows">, mapping: ColumnMapping): { line: number; fields: Record<string, string> }[] {
  const keys = table.header.map(normaliseHeader);
  const index = Object.fromEntries(Object.entries(mapping).map(([f, h]) => [f, table.header.indexOf(h!)])) as Partial<Record<MappedField, number>>;
  return table.rows.map((r) => {
    const fields: Record<string, string> = {};
    keys.forEach((k, i) => {
      if (!DECIDED.has(k) && !(k in fields)) fields[k] = r.values[i] ?? "";
    });
    const get = (f: MappedField) => (index[f] !== undefined && index[f]! >= 0 ? (r.values[index[f]!] ?? "").trim() : "");
    for (const f of MAPPED_FIELDS) if (index[f] !== undefined) fields[f] = get(f);
    if (index.last_name !== undefined) fields.name = [get("name"), get("last_name")].filter(Boolean).join(" ");
    if (index.method !== undefined) fields.method = methodOf(get("method"));
    if (index.language !== undefined) fields.language = languageOf(get("language"));
    return { line: r.line, fields };
  });
}
