// Reading published privacy statement versions (immutable; lib/privacy/README.md). One number names one
// text in one language; the version in force for a language is its newest one in that language.
import { db, type Db, type Tx } from "../db/index.ts";
import type { Models } from "../db/index.ts";
import { config } from "../config/index.ts";

export type PrivacyLanguage = "nl" | "en";
export const PRIVACY_LANGUAGES = ["nl", "en"] as const;
export const privacyLanguage = (s: unknown): PrivacyLanguage => (s === "en" ? "en" : "nl");

export type PrivacyStatement = {
  id: string;
  version: number;
  language: PrivacyLanguage;
  markdown: string;
  sha256: string;
  source: "inline" | "fetched";
  sourceUrl: string | null;
  publishedAt: Date;
  publishedById: string | null;
  /** The public page of this version, e.g. /privacy/v/3. */
  path: string;
  /** The same, absolute (APP_URL): what forms link to and proofs cite. */
  url: string;
};

export const privacyStatementPath = (version: number) => `/privacy/v/${version}`;

export function toPrivacyStatement(row: Models.PrivacyStatementVersionModel): PrivacyStatement {
  const path = privacyStatementPath(row.version);
  return {
    id: row.id, version: row.version, language: privacyLanguage(row.language), markdown: row.markdown, sha256: row.sha256,
    source: row.source === "fetched" ? "fetched" : "inline", sourceUrl: row.sourceUrl, publishedAt: row.publishedAt,
    publishedById: row.publishedById, path, url: `${config().appUrl.replace(/\/+$/, "")}${path}`,
  };
}

export async function getPrivacyStatementVersion(id: string, client: Db | Tx = db): Promise<PrivacyStatement | null> {
  const row = await client.privacyStatementVersion.findUnique({ where: { id } });
  return row && toPrivacyStatement(row);
}

export async function getPrivacyStatementByNumber(version: number, client: Db | Tx = db): Promise<PrivacyStatement | null> {
  if (!Number.isSafeInteger(version) || version < 1) return null;
  const row = await client.privacyStatementVersion.findUnique({ where: { version } });
  return row && toPrivacyStatement(row);
}

/**
 * The statement in force for a language: its newest version in that language; when that language has
 * none yet, the newest in the other (a form then still links to the statement that applies), else null.
 */
export async function currentPrivacyStatement(language: PrivacyLanguage, client: Db | Tx = db): Promise<PrivacyStatement | null> {
  const row = (await client.privacyStatementVersion.findFirst({ where: { language }, orderBy: { version: "desc" } }))
    ?? (await client.privacyStatementVersion.findFirst({ orderBy: { version: "desc" } }));
  return row && toPrivacyStatement(row);
}

/** Every version, newest first. */
export async function listPrivacyStatementVersions(client: Db | Tx = db): Promise<PrivacyStatement[]> {
  const rows = await client.privacyStatementVersion.findMany({ orderBy: { version: "desc" } });
  return rows.map(toPrivacyStatement);
}

/**
 * When a version was in force: from its publication until the next version in its language was
 * published (null: still in force). Versions are newest first or in any order.
 */
export function inForce(version: Pick<PrivacyStatement, "version" | "language" | "publishedAt">, all: Pick<PrivacyStatement, "version" | "language" | "publishedAt">[]) {
  const next = all
    .filter((v) => v.language === version.language && v.version > version.version)
    .sort((a, b) => a.version - b.version)[0];
  return { from: version.publishedAt, until: next?.publishedAt ?? null, successor: next?.version ?? null };
}
