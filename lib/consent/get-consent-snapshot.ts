// Everything needed to show exactly what a person agreed to for one subscription: the FormVersion text
// they saw (its lines, as the page rendered them, and its hash, re-checked), and the signup, the
// confirmation mail that was sent, the confirmation and any lifted suppression, with time, IP and user
// agent. Each event names the privacy statement version that was in force (through its form version).
// Used by the preferences page and the admin consent-proof export.
import { db, type Db, type Tx } from "../db/index.ts";
import { sha256 } from "../util/hash.ts";
import type { FormVersionDefinition } from "./publish-form-version.ts";
import type { FormLine } from "./render-form-text.ts";
import { toPrivacyStatement } from "../privacy/privacy-statement.ts";

/** The privacy statement version a form version linked to: its number, language, public link and text hash. */
export type PrivacyStatementRef = { id: string; version: number; language: string; url: string; sha256: string; publishedAt: Date };

export type ConsentSnapshotEvent = {
  seq: number;
  type: "signup" | "optin_sent" | "confirm" | "suppression_lifted";
  at: Date;
  ip: string | null; // null after erasure/redaction
  userAgent: string | null;
  formVersionId: string | null;
  actor: string;
  /** signup: { formId, version, postedVersion? (an older version with the same text, recorded as this one), via }; optin_sent: { subject, text (link replaced) }; confirm: { via }. */
  details: Record<string, unknown> | null;
  hash: string;
  /** The privacy statement in force for this event: the one its form version linked to (null: none kept then, or no form). */
  privacyStatement: PrivacyStatementRef | null;
};

export type ConsentSnapshot = {
  subscription: {
    id: string; subscriberId: string; newsletterId: string; newsletterName: string;
    status: string; basis: string; method: string | null; source: string;
    givenAt: Date | null; confirmedAt: Date | null; unsubscribedAt: Date | null;
  };
  /** null when the consent did not come through a form (import, customer basis). */
  formVersion: {
    id: string; formId: string; formSlug: string; version: number; language: string;
    renderedText: string; contentHash: string;
    /** sha256(renderedText) recomputed now equals contentHash. */
    hashVerified: boolean;
    lines: FormLine[];
    controllerIdentity: string; privacyUrl: string; retentionStatement: string;
    publishedAt: Date;
    privacyStatement: PrivacyStatementRef | null;
  } | null;
  /** Oldest first; only events about this subscription's newsletter. */
  events: ConsentSnapshotEvent[];
};

const TYPES = ["signup", "optin_sent", "confirm", "suppression_lifted"] as const;

export async function getConsentSnapshot({ subscriptionId, client = db }: { subscriptionId: string; client?: Db | Tx }): Promise<ConsentSnapshot | null> {
  const s = await client.subscription.findUnique({
    where: { id: subscriptionId },
    include: { newsletter: { select: { name: true } }, formVersion: { include: { form: { select: { slug: true } }, privacyStatementVersion: true } } },
  });
  if (!s) return null;
  const rows = await client.consentEvent.findMany({
    where: { subscriberId: s.subscriberId, type: { in: [...TYPES] } },
    orderBy: { seq: "asc" },
  });
  const own = rows.filter((e) => Array.isArray(e.newsletterIds) && (e.newsletterIds as string[]).includes(s.newsletterId));
  const statements = await privacyStatementsOf(client, own.map((e) => e.formVersionId));
  const events = own.map((e) => ({
    seq: e.seq, type: e.type as ConsentSnapshotEvent["type"], at: e.at, ip: e.ip, userAgent: e.userAgent,
    formVersionId: e.formVersionId, actor: e.actor, details: (e.details ?? null) as Record<string, unknown> | null, hash: e.hash,
    privacyStatement: (e.formVersionId && statements.get(e.formVersionId)) || null,
  }));
  const v = s.formVersion;
  return {
    subscription: {
      id: s.id, subscriberId: s.subscriberId, newsletterId: s.newsletterId, newsletterName: s.newsletter.name,
      status: s.status, basis: s.basis, method: s.method, source: s.source,
      givenAt: s.givenAt, confirmedAt: s.confirmedAt, unsubscribedAt: s.unsubscribedAt,
    },
    formVersion: v && {
      id: v.id, formId: v.formId, formSlug: v.form.slug, version: v.version, language: v.language,
      renderedText: v.renderedText, contentHash: v.contentHash, hashVerified: sha256(v.renderedText) === v.contentHash,
      lines: (v.definition as FormVersionDefinition).lines ?? [],
      controllerIdentity: v.controllerIdentity, privacyUrl: v.privacyUrl, retentionStatement: v.retentionStatement,
      publishedAt: v.createdAt,
      privacyStatement: v.privacyStatementVersion && privacyStatementRef(v.privacyStatementVersion),
    },
    events,
  };
}

export function privacyStatementRef(row: Parameters<typeof toPrivacyStatement>[0]): PrivacyStatementRef {
  const p = toPrivacyStatement(row);
  return { id: p.id, version: p.version, language: p.language, url: p.url, sha256: p.sha256, publishedAt: p.publishedAt };
}

/** formVersionId → the privacy statement version it linked to, for those that linked to one. */
export async function privacyStatementsOf(client: Db | Tx, formVersionIds: (string | null)[]): Promise<Map<string, PrivacyStatementRef>> {
  const ids = [...new Set(formVersionIds.filter((x): x is string => !!x))];
  if (!ids.length) return new Map();
  const rows = await client.formVersion.findMany({ where: { id: { in: ids }, privacyStatementVersionId: { not: null } }, select: { id: true, privacyStatementVersion: true } });
  return new Map(rows.flatMap((r) => (r.privacyStatementVersion ? [[r.id, privacyStatementRef(r.privacyStatementVersion)] as const] : [])));
}
