// The complaint dossier (issue 12 D3): when a person tells the regulator "I never signed up", everything
// that proves or disproves the lawfulness of every message, in one document (AVG art. 5(2), 7(1), 13;
// Tw 11.7). Built on the per-subscriber proof (getProof: the ledger events with their hashes, the form
// texts as shown, the messages with their per-send record, the signed head), to which it adds what a
// complaint needs beside it: the controller with its DPO, each consent/withdrawal/objection event with its
// newsletters, method, channel and the purpose version it was given for, the suppressions, and the
// retention that applies with the dates lib/rules says the data will go.
// Found by subscriber id, or by a typed address through the suppression list's keyed hash, which survives
// erasure: then the dossier shows what is lawfully kept (the suppressions and, while its period lasts, the
// consent record the purge kept as a tombstone) and says when the data was erased.
import { purposeTextsIn } from "../newsletters/purpose-fields.ts";
import { db } from "../db/index.ts";
import { ledgerKeys, signHead } from "../consent/ledger-heads.ts";
import { signSeal, type DossierSeal, type SealStatement } from "./dossier-seal.ts";
import { getProof, type ProofDocument } from "./get-proof.ts";
import { privacyStatementsOf } from "../consent/get-consent-snapshot.ts";
import { proofLanguage } from "./render-proof-pdf.ts";
import { suppressionKeys } from "../subscribers/suppression.ts";
import { ERASED_PREFIX, isErasedTombstone } from "../subscribers/erase-subscriber.ts";
import { getRetentionTerms } from "../retention/get-retention-terms.ts";
import { getRetentionPolicy } from "../retention/get-retention-policy.ts";
import {
  effectiveRetentionTerms, erasedOn, processingBasis, resolveRetentionPolicy, retentionOutlook,
  type PromisedRetentionTerms, type RetentionPolicy,
} from "../rules/index.ts";
import type { Locale } from "../i18n/translator.ts";

export const DOSSIER_KIND = "proofmail.complaint-dossier" as const;

/** By subscriber id (the admin's subscriber page), or by an address already normalised (lib/subscribers/normalise-email). */
export type DossierTarget = { subscriberId: string } | { normalisedEmail: string };

export type DossierDocument = NonNullable<Awaited<ReturnType<typeof getDossier>>>;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const record = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** The subscriber row to build on (a person, or the tombstone the purge kept) and the suppression hashes of the address. */
async function locate(target: DossierTarget) {
  if ("subscriberId" in target) {
    const row = await db.subscriber.findUnique({ where: { id: target.subscriberId }, select: { id: true, email: true } });
    if (!row) return null;
    // A tombstone's address is `erased:<suppression hash>:<id>`: its hash is all that is left to match on.
    const keys = isErasedTombstone(row.email) ? [row.email.slice(ERASED_PREFIX.length).split(":")[0]] : suppressionKeys(row.email);
    return { subscriberId: row.id, tombstone: isErasedTombstone(row.email), keys };
  }
  const keys = suppressionKeys(target.normalisedEmail);
  const row = await db.subscriber.findUnique({ where: { email: target.normalisedEmail }, select: { id: true } });
  if (row) return { subscriberId: row.id, tombstone: false, keys };
  const kept = await db.subscriber.findFirst({ where: { OR: keys.map((k) => ({ email: { startsWith: `${ERASED_PREFIX}${k}:` } })) }, select: { id: true } });
  return { subscriberId: kept?.id ?? null, tombstone: !!kept, keys };
}

export async function getDossier(target: DossierTarget, { now = new Date() }: { now?: Date } = {}) {
  const found = await locate(target);
  if (!found) return null;
  const suppressionRows = await db.suppression.findMany({ where: { keyHash: { in: found.keys } }, orderBy: { at: "asc" } });
  if (!found.subscriberId && suppressionRows.length === 0) return null;

  const proof: ProofDocument | null = found.subscriberId ? await getProof({ subscriberId: found.subscriberId, now }) : null;
  const head = proof?.ledgerHead ?? (await signHead(db, { reason: "export", now })).signed;
  const org = await db.organisation.findUnique({ where: { id: 1 } });

  // What getProof does not carry: the purpose each consent was for, the terms each form version promised.
  const subscriptions = found.subscriberId
    ? await db.subscription.findMany({ where: { subscriberId: found.subscriberId }, select: { id: true, newsletterId: true, purposeVersionId: true, purposeAgreedAt: true }, orderBy: { createdAt: "asc" } })
    : [];
  const formRows = proof ? await db.formVersion.findMany({ where: { id: { in: proof.formVersions.map((v) => v.id) } }, select: { id: true, purposeVersionIds: true, retentionPolicies: true } }) : [];
  const purposeOfForm = new Map(formRows.map((f) => [f.id, record(f.purposeVersionIds)]));
  const promisedOfForm = new Map(formRows.map((f) => [f.id, record(f.retentionPolicies)]));
  const purposeOfSubscription = new Map(subscriptions.map((s) => [s.newsletterId, s.purposeVersionId]));

  const events = proof?.events ?? [];
  const newsletterIds = new Set<string>([...subscriptions.map((s) => s.newsletterId), ...suppressionRows.map((s) => s.scope).filter((s) => s !== "all")]);
  for (const e of events) for (const id of strings(e.newsletterIds)) newsletterIds.add(id);
  const newsletters = await db.newsletter.findMany({ where: { id: { in: [...newsletterIds] } }, select: { id: true, name: true, slug: true, language: true } });
  const nameOf = new Map(newsletters.map((n) => [n.id, n.name]));

  // The purpose version an event was given under: the one its form version presented, one a re-permission named, else the subscription's.
  const purposeIdsOf = (e: (typeof events)[number]) =>
    strings(e.newsletterIds).map((nid) => {
      const viaForm = e.formVersionId ? purposeOfForm.get(e.formVersionId)?.[nid] : undefined;
      const viaDetails = record(e.details).purposeVersionId;
      const id = typeof viaForm === "string" ? viaForm : typeof viaDetails === "string" ? viaDetails : purposeOfSubscription.get(nid) ?? null;
      return { newsletterId: nid, purposeVersionId: id };
    });
  const purposeIds = new Set<string>(subscriptions.map((s) => s.purposeVersionId).filter((x): x is string => !!x));
  for (const e of events) for (const p of purposeIdsOf(e)) if (p.purposeVersionId) purposeIds.add(p.purposeVersionId);
  const purposes = await db.purposeVersion.findMany({ where: { id: { in: [...purposeIds] } }, orderBy: [{ newsletterId: "asc" }, { version: "asc" }] });

  const methodOf = new Map((proof?.subscriptions ?? []).map((s) => [s.newsletter.id, s.method]));
  const statements = await privacyStatementsOf(db, events.map((e) => e.formVersionId));
  const consentEvents = events.map((e) => {
    const d = record(e.details);
    const nids = strings(e.newsletterIds);
    return {
      seq: e.seq,
      type: e.type,
      at: e.at,
      ip: e.ip,
      userAgent: e.userAgent,
      actor: e.actor,
      newsletters: nids.map((id) => ({ id, name: nameOf.get(id) ?? null })),
      /** How consent was given for these newsletters (double opt-in, paper…), from the subscription. */
      method: nids.map((id) => methodOf.get(id)).find((m) => m) ?? null,
      /** The route the event came by: a staff-recorded channel (phone, letter…) or the page/header (`via`). */
      channel: typeof d.channel === "string" ? d.channel : typeof d.via === "string" ? d.via : null,
      formVersionId: e.formVersionId,
      purposeVersions: purposeIdsOf(e),
      /** The privacy statement version the form linked to (null: the form predates versioned statements, or had only a URL). */
      privacyStatementVersion: (() => {
        const p = e.formVersionId ? statements.get(e.formVersionId) : undefined;
        return p ? { id: p.id, version: p.version, language: p.language, sha256: p.sha256 } : null;
      })(),
      hash: e.hash,
    };
  });

  // Retention: per newsletter the current terms (with policy version), the promised ones, the effective ones, and when lib/rules says the data goes.
  const terms = await getRetentionTerms(db, subscriptions.map((s) => s.newsletterId));
  const defaultTerms = resolveRetentionPolicy(await getRetentionPolicy(db, null));
  const lastPurchaseAt = proof?.purchases.map((p) => p.at).sort().at(-1) ?? null;
  const contract = processingBasis({ lastPurchaseAt, customerRecordMonths: org?.customerRecordMonths ?? 24, now });
  const subRows = proof?.subscriptions ?? [];
  const perNewsletter = subRows.map((s) => {
    const current = terms[s.newsletter.id];
    const promised = (s.formVersionId ? promisedOfForm.get(s.formVersionId)?.[s.newsletter.id] : null) as PromisedRetentionTerms | null | undefined;
    const effective: RetentionPolicy = effectiveRetentionTerms(promised ?? null, current);
    return { s, current, promised: promised ?? null, effective };
  });
  const outlook = retentionOutlook({
    subscriptions: perNewsletter.map(({ s, effective }) => ({ status: s.status, createdAt: s.givenAt ?? proof!.subscriber.createdAt!, unsubscribedAt: s.unsubscribedAt, terms: effective })),
    contractUntil: contract.until,
    defaultTerms,
  }, now);

  const suppressions = suppressionRows.map((r) => ({
    scope: r.scope, newsletter: r.scope === "all" ? null : { id: r.scope, name: nameOf.get(r.scope) ?? null },
    reason: r.reason, at: r.at.toISOString(), liftedAt: iso(r.liftedAt), liftedReason: r.liftedReason,
  }));
  const eraseEvent = [...events].reverse().find((e) => e.type === "erase");
  const erased = !found.subscriberId || found.tombstone
    ? {
        on: eraseEvent?.at ?? erasedOn(suppressions),
        /** The purge kept the consent record (no address, no name) until this date; null: nothing but the suppression entry. */
        proofKeptUntil: typeof record(eraseEvent?.details).keptProofUntil === "string" ? (record(eraseEvent?.details).keptProofUntil as string) : null,
      }
    : null;
  const language: Locale = proof ? proofLanguage(proof) : "nl";

  return {
    kind: DOSSIER_KIND,
    version: 1,
    generatedAt: now.toISOString(),
    /** How the person was found: by their subscriber record, or by the typed address's keyed hash. */
    foundBy: "subscriberId" in target ? ("subscriber" as const) : ("address" as const),
    controller: org ? { name: org.name, address: org.address, contactEmail: org.contactEmail, privacyUrl: org.privacyUrl, dpoContact: org.dpoContact } : null,
    /** null after an erasure on request; a tombstone (kept proof) has no address and no name. */
    person: proof && !found.tombstone
      ? { id: proof.subscriber.id, email: proof.subscriber.email, name: proof.subscriber.name, kind: proof.subscriber.kind, language, createdAt: proof.subscriber.createdAt }
      : null,
    erased,
    subscriptions: (proof?.subscriptions ?? []).map((s) => {
      const x = subscriptions.find((r) => r.id === s.id);
      return { ...s, purposeVersionId: x?.purposeVersionId ?? null, purposeAgreedAt: iso(x?.purposeAgreedAt) };
    }),
    /** Every consent, confirmation, withdrawal, objection, erasure… event of the person, readable, with its purpose versions. */
    consentEvents,
    formVersions: proof?.formVersions ?? [],
    purposeVersions: purposes.map((p) => ({
      id: p.id, newsletter: { id: p.newsletterId, name: nameOf.get(p.newsletterId) ?? null }, version: p.version, revision: p.revision, change: p.change,
      name: p.name, description: p.description, categories: strings(p.categories), fromName: p.fromName, fromEmail: p.fromEmail,
      thirdPartyOffers: p.thirdPartyOffers, aimedAtChildren: p.aimedAtChildren, contentHash: p.contentHash, createdAt: p.createdAt.toISOString(),
      /** The other languages' texts of this version (covered by contentHash with the fields above). */
      texts: p.texts ?? null,
      /** What the person read: the texts in their language (else the primary ones). */
      shown: { language, ...purposeTextsIn(p, language) },
    })),
    confirmationEmails: proof?.confirmationEmails ?? [],
    purchases: proof?.purchases ?? [],
    /** Every message sent, newest first, with its per-send record (Delivery: basis, reason, rules version, facts hash, decided at). */
    messages: proof?.messages ?? [],
    suppressions,
    retention: {
      perNewsletter: perNewsletter.map(({ s, current, promised, effective }, i) => ({
        newsletter: { id: s.newsletter.id, name: s.newsletter.name }, status: s.status,
        policyVersion: current.version, current: pickTerms(current), promised: promised ? { version: promised.version, ...pickTerms(promised) } : null, effective,
        ...outlook.perSubscription[i],
      })),
      person: outlook.person,
      contractBasisUntil: contract.until,
    },
    /** The ledger events with every field their hashes cover (as in the consent proof; lib/export/README.md). */
    events,
    /** The ledger head signed for this dossier; `npm run proof:verify -- FILE` checks events and head offline. */
    ledgerHead: head,
    /** Signed list of exactly the events above: a dropped, added or reordered event fails the verification (lib/export/README.md). */
    seal: seal(now, head.statement.seq, events),
  };
}

function seal(now: Date, headSeq: number, events: { seq: number; hash: string }[]): DossierSeal {
  const { privateKey, keyId, publicKeyBase64 } = ledgerKeys();
  const statement: SealStatement = { kind: DOSSIER_KIND, generatedAt: now.toISOString(), headSeq, events: events.map((e) => ({ seq: e.seq, hash: e.hash })), keyId };
  return { type: "dossier-seal", statement, alg: "Ed25519", signature: signSeal(statement, privateKey), publicKey: publicKeyBase64 };
}

const pickTerms = (t: RetentionPolicy): RetentionPolicy =>
  ({ pendingDays: t.pendingDays, withdrawnGraceDays: t.withdrawnGraceDays, keepProofMonths: t.keepProofMonths, deliveryLogDays: t.deliveryLogDays });
