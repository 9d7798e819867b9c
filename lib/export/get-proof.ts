// Collects the consent proof for one subscriber (AVG art. 7(1), 5(2); R-CONSENT-PROOF): each
// subscription with the exact form text the person saw and its hash (recomputed, so a tampered snapshot
// shows), every ledger event with time, IP and user agent (each event's own hash re-checked), the
// confirmation emails that were sent (ledger `optin_sent`), the privacy statement version in force for each
// form version and event (number, link, sha256 of its text), purchases for the customer basis, and every
// message sent with the send gate's per-send record (basis, reason code, rules version, facts hash).
// Each event carries every field its hash covers, its prevHash and hash, and the document ends with the
// ledger head signed for this export, so `npm run proof:verify` checks it with no database (lib/export/README.md).
import { db } from "../db/index.ts";
import { eventHash } from "../consent/ledger.ts";
import { latestTimestampedHead, signHead } from "../consent/ledger-heads.ts";
import { proofEvent } from "./proof-events.ts";
import { sha256 } from "../util/hash.ts";
import { getConsentSnapshot, privacyStatementRef, privacyStatementsOf, type ConsentSnapshot, type PrivacyStatementRef } from "../consent/get-consent-snapshot.ts";
import { listSentMessages } from "../sending/sent-messages.ts";
import type { FormLine } from "../consent/render-form-text.ts";

export type ProofDocument = NonNullable<Awaited<ReturnType<typeof getProof>>>;

export async function getProof({ subscriberId, now = new Date() }: { subscriberId: string; now?: Date }) {
  const subscriber = await db.subscriber.findUnique({
    where: { id: subscriberId },
    include: {
      subscriptions: { include: { newsletter: { select: { id: true, name: true, slug: true, language: true } } }, orderBy: { createdAt: "asc" } },
      purchases: { orderBy: { at: "asc" } },
    },
  });
  if (!subscriber) return null;
  // Read before the export's own head is signed, so it is at or before that head.
  const timestampedHead = await latestTimestampedHead(db);
  // Signed first: the events listed are those up to this head (later ones are only appended).
  const head = (await signHead(db, { reason: "export", now })).signed;
  const events = await db.consentEvent.findMany({ where: { subscriberId, seq: { lte: head.statement.seq } }, orderBy: { seq: "asc" } });
  // The consent engineer's snapshot is the one reading of "what this person agreed to" per subscription.
  const snapshots = new Map<string, ConsentSnapshot>();
  for (const sub of subscriber.subscriptions) {
    const snap = await getConsentSnapshot({ subscriptionId: sub.id });
    if (snap) snapshots.set(sub.id, snap);
  }
  const fromSnapshots = new Map<string, NonNullable<ConsentSnapshot["formVersion"]>>();
  for (const snap of snapshots.values()) if (snap.formVersion) fromSnapshots.set(snap.formVersion.id, snap.formVersion);
  const otherIds = [...new Set(events.map((e) => e.formVersionId).filter((x): x is string => !!x && !fromSnapshots.has(x)))];
  const others = await db.formVersion.findMany({ where: { id: { in: otherIds } }, include: { form: { select: { slug: true } }, privacyStatementVersion: true } });
  const versions = [
    ...[...fromSnapshots.values()].map((v) => ({ ...v, formSlug: v.formSlug, lines: v.lines as FormLine[] | null })),
    ...others.map((v) => ({
      id: v.id, formId: v.formId, formSlug: v.form.slug, version: v.version, language: v.language, renderedText: v.renderedText,
      contentHash: v.contentHash, hashVerified: sha256(v.renderedText) === v.contentHash, lines: ((v.definition as { lines?: FormLine[] } | null)?.lines ?? null),
      controllerIdentity: v.controllerIdentity, privacyUrl: v.privacyUrl, retentionStatement: v.retentionStatement, publishedAt: v.createdAt,
      privacyStatement: v.privacyStatementVersion && privacyStatementRef(v.privacyStatementVersion),
    })),
  ];
  const statements = await privacyStatementsOf(db, events.map((e) => e.formVersionId));
  const statementOut = (p: PrivacyStatementRef | null | undefined) => (p ? { id: p.id, version: p.version, language: p.language, url: p.url, sha256: p.sha256, publishedAt: p.publishedAt.toISOString() } : null);
  const organisation = await db.organisation.findUnique({ where: { id: 1 } });
  const sent = await listSentMessages({ subscriberId });
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  return {
    kind: "proofmail.consent-proof" as const,
    version: 1,
    generatedAt: now.toISOString(),
    controller: organisation ? { name: organisation.name, address: organisation.address, contactEmail: organisation.contactEmail } : null,
    subscriber: { id: subscriber.id, email: subscriber.email, name: subscriber.name, kind: subscriber.kind, createdAt: iso(subscriber.createdAt) },
    subscriptions: subscriber.subscriptions.map((s) => ({
      id: s.id,
      newsletter: s.newsletter,
      status: s.status,
      basis: s.basis,
      method: s.method,
      source: s.source,
      sourceProofNamesOrg: s.sourceProofNamesOrg,
      proofReference: s.proofReference,
      givenBy: s.givenBy,
      preTicked: s.preTicked,
      bundled: s.bundled,
      conditional: s.conditional,
      formVersionId: s.formVersionId,
      /** signup, optin_sent, confirm, suppression_lifted for this newsletter (getConsentSnapshot). */
      consentEventSeqs: snapshots.get(s.id)?.events.map((e) => e.seq) ?? [],
      givenAt: iso(s.givenAt),
      confirmedAt: iso(s.confirmedAt),
      unsubscribedAt: iso(s.unsubscribedAt),
    })),
    formVersions: versions.map((v) => ({
      id: v.id,
      form: { id: v.formId, slug: v.formSlug },
      version: v.version,
      language: v.language,
      publishedAt: iso(v.publishedAt),
      controllerIdentity: v.controllerIdentity,
      privacyUrl: v.privacyUrl,
      /** The privacy statement version this form linked to (null: the link went to privacyUrl, no text kept). */
      privacyStatement: statementOut(v.privacyStatement),
      retentionStatement: v.retentionStatement,
      renderedText: v.renderedText,
      /** The lines as the page rendered them (checkboxes, links), when the version has them. */
      lines: v.lines,
      contentHash: v.contentHash,
      hashMatchesText: v.hashVerified,
    })),
    /** Every event of this person, each with the fields its hash covers, prevHash and hash (not contiguous: see lib/export/README.md). */
    events: events.map((e) => ({
      ...proofEvent(e),
      newsletterIds: (e.newsletterIds as string[] | null) ?? null,
      details: (e.details as Record<string, unknown> | null) ?? null,
      hashOk: eventHash(e.prevHash, e) === e.hash,
      /** The privacy statement in force for this event, through its form version (not part of the event's hash). */
      privacyStatement: statementOut(e.formVersionId ? statements.get(e.formVersionId) : null),
    })),
    confirmationEmails: events
      .filter((e) => e.type === "optin_sent")
      .map((e) => {
        const d = (e.details ?? {}) as { subject?: unknown; text?: unknown };
        return { at: e.at.toISOString(), subject: String(d.subject ?? ""), text: String(d.text ?? "") };
      }),
    purchases: subscriber.purchases.map((p) => ({
      at: p.at.toISOString(), category: p.category, reference: p.reference, obtainedInSale: p.obtainedInSale,
      optOutOfferedAtCollection: p.optOutOfferedAtCollection, objected: p.objected, source: p.source,
    })),
    /** Every message sent to this person, newest first, each with its per-send record (issue 12 D1; lib/export/README.md). */
    messages: sent.messages,
    /** The ledger head signed for this export (Ed25519); the events above are at or before its seq. */
    ledgerHead: head,
    /** The newest head an RFC 3161 timestamp authority stamped (with its token), or null (lib/export/README.md). */
    timestampedHead,
  };
}
