// What the public privacy pages show: /privacy (the version in force) and /privacy/v/N (one version), each
// with when it was in force, the other versions and its text as sanitised HTML (as issue bodies are).
import { db } from "../db/index.ts";
import { markdownToSafeHtml } from "../mail/render-issue.tsx";
import { currentPrivacyStatement, getPrivacyStatementByNumber, inForce, listPrivacyStatementVersions, type PrivacyLanguage, type PrivacyStatement } from "./privacy-statement.ts";

export type StatementPage = {
  statement: PrivacyStatement;
  html: string;
  inForce: { from: Date; until: Date | null; successor: number | null };
  /** The version in force in the other language, if any (a link to read it there). */
  otherLanguage: PrivacyStatement | null;
  /** Every other version, newest first. */
  others: PrivacyStatement[];
};

async function page(statement: PrivacyStatement): Promise<StatementPage> {
  const all = await listPrivacyStatementVersions(db);
  const other = statement.language === "nl" ? "en" : "nl";
  const otherCurrent = all.find((v) => v.language === other) ?? null;
  return {
    statement,
    html: markdownToSafeHtml(statement.markdown),
    inForce: inForce(statement, all),
    otherLanguage: otherCurrent,
    others: all.filter((v) => v.id !== statement.id),
  };
}

/** /privacy: the version in force in the visitor's language (else in the other), null when none exists. */
export async function currentStatementPage(language: PrivacyLanguage): Promise<StatementPage | null> {
  const current = await currentPrivacyStatement(language);
  return current && page(current);
}

/** /privacy/v/N: that version, null when there is none. */
export async function statementVersionPage(version: number): Promise<StatementPage | null> {
  const v = await getPrivacyStatementByNumber(version);
  return v && page(v);
}

const formatters = {
  nl: new Intl.DateTimeFormat("nl-NL", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" }),
  en: new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" }),
};
/** A moment as people read it: date and time (a statement can change twice a day), Dutch time. */
export const formatMoment = (d: Date, language: PrivacyLanguage) => formatters[language].format(d);
