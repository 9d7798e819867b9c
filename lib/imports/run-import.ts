// CSV import through the rules module. The admin declares the file's basis (consent with its source and
// proof, or existing customers); decideImport decides every row, including which proof the stored row
// carries; accepted rows become subscriptions with an `import` ledger event. Broker and partner rows carry
// their own evidence: the partner's form text and its date, uploaded or pasted with the import, stored once
// as a ConsentEvidence (kind partner-form) that their subscriptions point to; never our form version,
// which those people never saw. A real import runs in ONE transaction: it is either wholly written or not at
// all, and the checks (suppression, existing subscriptions) are read inside that same transaction.
// Re-importing a file changes nothing: every row it added now has a subscription, which an import never
// overwrites. Nothing of a rejected row is stored; the report keeps row number and reason only.
//
// Not offered: a re-permission (double opt-in) mail to rows that land `pending`. Such a mail is itself
// direct marketing (catalogue R-RECONSENT-LEGACY, §4.7) and is lawful only for people with another valid
// basis for the same newsletter; an imported pending row has none, so they are asked again only through
// the website or product (a signup form), never by mail.
import { z } from "zod";
import { db, type Tx, type Db, type SubscriptionStatus } from "../db/index.ts";
import { appendEvents, type NewEvent } from "../consent/ledger.ts";
import { audit } from "../audit/log.ts";
import { decideImport, IMPORT_REASONS, type ImportReason, type ConsentSource, type ConsentMethod } from "../rules/index.ts";
import { normaliseEmail } from "../subscribers/normalise-email.ts";
import { suppressionKeys } from "../subscribers/suppression.ts";
import { recordEvidence } from "../consent/record-evidence.ts";
import { parseImportCsv } from "./parse-import-csv.ts";
import { parseImportDate } from "./dates.ts";
import type { ColumnMapping } from "./mapping.ts";
import { maskEmail } from "../log/mask-email.ts";
import { getLogger } from "../log/logger.ts";

const log = getLogger("imports");

const CONSENT_SOURCES = ["own-form", "migration", "list-broker", "partner", "public-source", "legacy"] as const;
const METHODS = ["double-opt-in", "single-opt-in", "paper", "verbal"] as const;

const noControl = (v: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v);
export const evidenceSchema = z.object({
  sourceName: z.string().trim().min(1, "Name the partner or broker whose form text this is.").max(200).refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "The partner's name must be one line."),
  text: z.string().trim().min(1, "Paste or upload the partner's form text their people saw.").max(200_000, "The partner's form text is longer than 200,000 characters.").refine(noControl, "The partner's form text contains control characters."),
  /** The date the partner's form text was in use from (YYYY-MM-DD or a date-time with a zone). */
  shownAt: z.string().trim().refine((v) => parseDate(v) !== null, "Give the date of the partner's form text (YYYY-MM-DD)."),
  /** The text names this organisation as the one the data go to. */
  namesOrg: z.boolean(),
});

export const importDeclarationSchema = z.discriminatedUnion("basis", [
  z.object({
    basis: z.literal("consent"),
    source: z.enum(CONSENT_SOURCES, { message: "Choose where the consent came from." }),
    /** File-level proof (archive of signed forms, form text location); counts for own-form/migration rows. */
    proofReference: z.string().trim().max(500).optional().default(""),
    formVersionId: z.string().trim().max(64).optional().default(""),
    /** Broker/partner rows: the partner's own form text their people saw (R-IMPORT-THIRD-PARTY). */
    evidence: evidenceSchema.optional(),
    /** When the newsletter started, also in the tool the list comes from (YYYY-MM-DD): a consent date before it
     *  is refused. Empty: a mapped import takes the day the newsletter was created here; an unmapped one checks none. */
    newsletterSince: z.string().trim().max(40).optional().default("").refine((v) => v === "" || parseImportDate(v)?.ok === true, "Give the date the newsletter started as YYYY-MM-DD."),
  }),
  z.object({
    basis: z.literal("existing-customer"),
    obtainedInSale: z.boolean().optional().default(false),
    optOutOfferedAtCollection: z.boolean().optional().default(false),
  }),
]);
export type ImportDeclaration = z.input<typeof importDeclarationSchema>;

export type ImportProgress = { phase: "deciding" | "writing"; done: number; total: number };
export type ReportRow = { row: number; email: string; accepted: boolean; reason: ImportReason; landAs?: "pending" | "confirmed" };
export type ImportResult =
  | { ok: true; importId: string; mode: "preview" | "import"; total: number; accepted: number; rejected: number; counts: Partial<Record<ImportReason, number>>; rows: ReportRow[] }
  | { ok: false; error: string; importId?: string };

export type RunImportOptions = {
  actor: { id: string; email: string };
  csv: string | Buffer;
  fileName: string;
  newsletterId: string;
  declaration: unknown;
  mode: "preview" | "import";
  /** The admin's column mapping (the mapping step); without one the columns carry Proofmail's own names. */
  mapping?: ColumnMapping;
  now?: Date;
  onProgress?: (p: ImportProgress) => void | Promise<void>;
};

const YES = new Set(["yes", "y", "true", "1", "ja", "j"]);
const NO = new Set(["no", "n", "false", "0", "nee"]);
const bool = (v: string | undefined): boolean | null => (v === undefined || v === "" ? null : YES.has(v.toLowerCase()) ? true : NO.has(v.toLowerCase()) ? false : null);

/** A date with a zone, as the rules need: "2024-05-01" is read as UTC midnight; anything unreadable is null. */
export function parseDate(v: string | undefined): string | null {
  if (!v) return null;
  const s = /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function under16Of(f: Record<string, string>, now: Date): boolean | null {
  const explicit = bool(f.under16 ?? f.under_16);
  if (explicit !== null) return explicit;
  const birth = parseDate(f.birth_date ?? f.date_of_birth);
  if (!birth) return null;
  const b = new Date(birth);
  const sixteenth = Date.UTC(b.getUTCFullYear() + 16, b.getUTCMonth(), b.getUTCDate());
  return now.getTime() < sixteenth;
}

type Decided = {
  row: number; email: string | null; masked: string; name: string | null; under16: boolean | null;
  decision: ReturnType<typeof decideImport>; existingSubscriberId: string | null;
  method: ConsentMethod | null; consentAt: string | null; language: "nl" | "en" | null;
  givenBy: "subject" | "parent"; purchaseAt: string | null; category: string | null; obtainedInSale: boolean; optOut: boolean;
};

async function decideRows(client: Db | Tx, o: {
  rows: { line: number; fields: Record<string, string> }[];
  newsletter: { id: string; slug: string; name: string; categories: unknown; similarMap: unknown };
  /** A consent date before this is refused (the newsletter did not exist yet); null: not checked. */
  since: Date | null;
  decl: z.output<typeof importDeclarationSchema>; now: Date; org: { requireDoubleOptIn: boolean; customerWindowMonths: number | null };
  onProgress?: RunImportOptions["onProgress"];
}): Promise<Decided[]> {
  const { rows, decl, now } = o;
  const normalised = rows.map((r) => normaliseEmail(r.fields.email ?? ""));
  const valid = [...new Set(normalised.flatMap((n) => (n.ok ? [n.email] : [])))];
  const existing = new Map<string, { id: string; status: SubscriptionStatus | null }>();
  const suppressed = new Set<string>();
  for (let i = 0; i < valid.length; i += 500) {
    const chunk = valid.slice(i, i + 500);
    const subs = await client.subscriber.findMany({
      where: { email: { in: chunk } },
      select: { id: true, email: true, subscriptions: { where: { newsletterId: o.newsletter.id }, select: { status: true } } },
    });
    for (const s of subs) existing.set(s.email, { id: s.id, status: s.subscriptions[0]?.status ?? null });
    const keys = new Map(chunk.flatMap((e) => suppressionKeys(e).map((k) => [k, e] as const)));
    // Any entry, in any scope, under the current or a previous key, keeps the row out (R-IMPORT-SUPPRESSION-CHECK): the same keyed hashes as suppressionsFor.
    const hits = await client.suppression.findMany({ where: { keyHash: { in: [...keys.keys()] } }, select: { keyHash: true } });
    for (const h of hits) suppressed.add(keys.get(h.keyHash)!);
    await o.onProgress?.({ phase: "deciding", done: Math.min(i + 500, valid.length), total: valid.length });
  }
  const categories = Array.isArray(o.newsletter.categories) ? (o.newsletter.categories as string[]) : [];
  const similarMap = (o.newsletter.similarMap ?? {}) as Record<string, string[]>;
  const seen = new Set<string>();
  return rows.map((r, i) => {
    const f = r.fields;
    const n = normalised[i];
    const email = n.ok ? n.email : null;
    const duplicate = !!email && seen.has(email);
    if (email) seen.add(email);
    const ex = email ? existing.get(email) : undefined;
    const under16 = under16Of(f, now);
    const givenBy = (f.given_by ?? "").toLowerCase() === "parent" ? "parent" : "subject";
    const methodRaw = (f.method ?? "").toLowerCase().replace(/_/g, "-");
    const method = (METHODS as readonly string[]).includes(methodRaw) ? (methodRaw as ConsentMethod) : null;
    const consentDate = parseImportDate(f.consent_at ?? f.given_at);
    const consentAt = consentDate?.ok ? consentDate.iso : null;
    const confirmedDate = parseImportDate(f.confirmed_at);
    const confirmedAt = confirmedDate?.ok ? confirmedDate.iso : null;
    // A row may name its own source (mixed files); an unknown value is no declared source at all.
    const rowSourceRaw = (f.source ?? "").toLowerCase().replace(/_/g, "-");
    const source: ConsentSource | null = decl.basis !== "consent" ? null
      : rowSourceRaw === "" ? decl.source
      : (CONSENT_SOURCES as readonly string[]).includes(rowSourceRaw) ? (rowSourceRaw as ConsentSource) : null;
    const consentDecl = decl.basis === "consent" ? decl : null;
    const category = f.product_category ?? f.category ?? null;
    const purchaseAt = parseDate(f.purchase_date ?? f.purchased_at);
    const obtainedInSale = decl.basis === "existing-customer" ? (bool(f.obtained_in_sale) ?? decl.obtainedInSale) : false;
    const optOut = decl.basis === "existing-customer" ? (bool(f.optout_offered ?? f.opt_out_offered) ?? decl.optOutOfferedAtCollection) : false;
    const ruled = decideImport({
      now: now.toISOString(),
      emailValid: n.ok,
      duplicateInFile: duplicate,
      suppressed: !!email && suppressed.has(email),
      existingSubscriptionStatus: ex?.status ?? null,
      basis: decl.basis,
      under16,
      givenBy,
      source,
      proofReference: (f.proof_reference ?? "").slice(0, 500) || null,
      fileProofReference: consentDecl?.proofReference || null,
      formVersionId: consentDecl?.formVersionId || null,
      evidence: consentDecl?.evidence ? { namesOrg: consentDecl.evidence.namesOrg, shownAt: parseDate(consentDecl.evidence.shownAt) } : null,
      sourceProofNamesOrg: bool(f.proof_names_org),
      consentAt,
      confirmedAt,
      method,
      requireDoubleOptIn: o.org.requireDoubleOptIn,
      purchaseAt,
      purchaseCategory: category,
      similarCategories: category ? (similarMap[category] ?? []) : [],
      optOutOfferedAtCollection: optOut,
      obtainedInSale,
      newsletterCategories: categories,
      customerWindowMonths: o.org.customerWindowMonths,
    });
    // The rules decided the row; a row they accept is still refused when the file itself is wrong about it.
    const problem = ruled.accept ? fileProblem(f, { consentDate, newsletter: o.newsletter, since: o.since, now, consentBasis: decl.basis === "consent" }) : null;
    const decision: ReturnType<typeof decideImport> = problem ? { accept: false, reason: problem, ruleId: "§3.2-import" } : ruled;
    const language = f.language === "nl" || f.language === "en" ? f.language : null;
    const name = (f.name ?? "").replace(/[\u0000-\u001f\u007f]/g, " ").trim().slice(0, 200) || null;
    return {
      row: r.line, email, masked: maskEmail(f.email ?? ""), name, under16, decision, existingSubscriberId: ex?.id ?? null,
      method, consentAt, language, givenBy, purchaseAt, category, obtainedInSale, optOut,
    };
  });
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** What the file says wrongly about a row: a consent date in the future, before the newsletter, or no date; another newsletter. */
function fileProblem(f: Record<string, string>, o: {
  consentDate: ReturnType<typeof parseImportDate>; newsletter: { slug: string; name: string }; since: Date | null; now: Date; consentBasis: boolean;
}): ImportReason | null {
  const named = (f.newsletter ?? "").trim();
  if (named && !sameName(named, o.newsletter.slug) && !sameName(named, o.newsletter.name)) return "IMPORT_OTHER_NEWSLETTER";
  if (!o.consentBasis || !o.consentDate) return null;
  if (!o.consentDate.ok) return "IMPORT_CONSENT_DATE_UNREADABLE";
  const at = Date.parse(o.consentDate.iso);
  if (at > o.now.getTime()) return "IMPORT_CONSENT_DATE_FUTURE";
  if (o.since && at < o.since.getTime()) return "IMPORT_CONSENT_DATE_BEFORE_NEWSLETTER";
  return null;
}

const toEnum = <T extends string>(v: string) => v.replace(/-/g, "_") as T;

async function writeRows(tx: Tx, o: { decided: Decided[]; importId: string; newsletterId: string; decl: z.output<typeof importDeclarationSchema>; actor: { id: string; tag: string }; now: Date; onProgress?: RunImportOptions["onProgress"] }) {
  const accepted = o.decided.filter((d) => d.decision.accept && d.email);
  const total = accepted.length;
  const events: NewEvent[] = [];
  const consentDecl = o.decl.basis === "consent" ? o.decl : null;
  // The rules said which proof each row carries: our declared form version, or the partner's evidence.
  const formVersionOf = (d: Decided) => (d.decision.proof === "form-version" ? consentDecl?.formVersionId || null : null);
  const ev = consentDecl?.evidence && accepted.some((d) => d.decision.proof === "third-party-evidence")
    ? await recordEvidence(tx, {
        kind: "partner-form", sourceName: consentDecl.evidence.sourceName, text: consentDecl.evidence.text,
        shownAt: new Date(parseDate(consentDecl.evidence.shownAt)!), namesOrg: consentDecl.evidence.namesOrg, createdById: o.actor.id,
      })
    : null;
  const evidenceOf = (d: Decided) => (d.decision.proof === "third-party-evidence" ? ev : null);
  for (let i = 0; i < accepted.length; i += 500) {
    const chunk = accepted.slice(i, i + 500);
    const fresh = chunk.filter((d) => !d.existingSubscriberId);
    const created = fresh.length
      ? await tx.subscriber.createManyAndReturn({
          data: fresh.map((d) => ({ email: d.email!, name: d.name, ageBand: d.under16 === null ? null : d.under16 ? "under16" : "adult" })),
          select: { id: true, email: true },
        })
      : [];
    const idByEmail = new Map(created.map((c) => [c.email, c.id]));
    const subs = await tx.subscription.createManyAndReturn({
      data: chunk.map((d) => {
        const subscriberId = d.existingSubscriberId ?? idByEmail.get(d.email!)!;
        if (d.decision.basis === "existing-customer")
          return { subscriberId, newsletterId: o.newsletterId, status: "confirmed" as const, basis: "existing_customer" as const, createdAt: o.now };
        return {
          subscriberId, newsletterId: o.newsletterId, status: d.decision.landAs!, basis: "consent" as const,
          method: d.method ? toEnum<"double_opt_in">(d.method) : null,
          source: toEnum<"own_form">(d.decision.consentSource ?? "legacy"),
          sourceProofNamesOrg: d.decision.sourceProofNamesOrg ?? false,
          proofReference: d.decision.proofReference ?? null, givenBy: d.givenBy,
          formVersionId: formVersionOf(d), evidenceId: evidenceOf(d)?.id ?? null,
          givenAt: d.consentAt ? new Date(d.consentAt) : null,
          confirmedAt: d.decision.confirmedAt ? new Date(d.decision.confirmedAt) : null,
          createdAt: o.now,
        };
      }),
      select: { id: true, subscriberId: true },
    });
    const subBySubscriber = new Map(subs.map((s) => [s.subscriberId, s.id]));
    const purchases = chunk.filter((d) => d.decision.basis === "existing-customer");
    if (purchases.length)
      await tx.purchase.createMany({
        data: purchases.map((d) => ({
          subscriberId: d.existingSubscriberId ?? idByEmail.get(d.email!)!, at: new Date(d.purchaseAt!), category: d.category!,
          obtainedInSale: d.obtainedInSale, optOutOfferedAtCollection: d.optOut, objected: false, source: "import",
        })),
      });
    for (const d of chunk) {
      const subscriberId = d.existingSubscriberId ?? idByEmail.get(d.email!)!;
      events.push({
        type: "import", at: o.now, subscriberId, subscriptionId: subBySubscriber.get(subscriberId) ?? null,
        newsletterIds: [o.newsletterId], formVersionId: formVersionOf(d), actor: o.actor.tag,
        details: {
          importId: o.importId, row: d.row, basis: d.decision.basis, landAs: d.decision.landAs, reason: d.decision.reason,
          ...(d.decision.basis === "consent"
            ? {
                source: d.decision.consentSource, proof: d.decision.proof ?? null, proofReference: d.decision.proofReference ?? null,
                ...(evidenceOf(d) ? { evidenceId: evidenceOf(d)!.id, evidenceTextHash: evidenceOf(d)!.textHash, sourceProofNamesOrg: d.decision.sourceProofNamesOrg } : {}),
                consentAt: d.consentAt, confirmedAt: d.decision.confirmedAt ?? null, method: d.method, givenBy: d.givenBy,
                ...(d.language ? { language: d.language } : {}),
              }
            : { purchaseAt: d.purchaseAt, category: d.category, optOutOfferedAtCollection: d.optOut, obtainedInSale: d.obtainedInSale }),
        },
      });
    }
    await o.onProgress?.({ phase: "writing", done: Math.min(i + 500, total), total });
  }
  await appendEvents(tx, events);
  return { evidenceId: ev?.id ?? null };
}

function summarise(decided: Decided[]) {
  const counts: Partial<Record<ImportReason, number>> = {};
  for (const d of decided) counts[d.decision.reason] = (counts[d.decision.reason] ?? 0) + 1;
  const accepted = decided.filter((d) => d.decision.accept).length;
  return { counts, accepted, rejected: decided.length - accepted };
}

export async function runImport(o: RunImportOptions): Promise<ImportResult> {
  const now = o.now ?? new Date();
  const decl = importDeclarationSchema.safeParse(o.declaration);
  if (!decl.success) return { ok: false, error: decl.error.issues[0]?.message ?? "The declaration is incomplete." };
  const newsletter = await db.newsletter.findUnique({ where: { id: o.newsletterId }, select: { id: true, slug: true, name: true, createdAt: true, categories: true, similarMap: true } });
  if (!newsletter) return { ok: false, error: "Choose the newsletter to import into." };
  if (decl.data.basis === "consent" && decl.data.formVersionId) {
    const fv = await db.formVersion.findUnique({ where: { id: decl.data.formVersionId }, select: { newsletterIds: true } });
    if (!fv || !(fv.newsletterIds as string[]).includes(newsletter.id)) return { ok: false, error: "That form version does not offer this newsletter." };
  }
  const parsed = parseImportCsv(o.csv, o.mapping);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const orgRow = await db.organisation.findUnique({ where: { id: 1 } });
  const org = { requireDoubleOptIn: orgRow?.requireDoubleOptIn ?? true, customerWindowMonths: orgRow ? orgRow.customerWindowMonths : 24 };
  const fileName = o.fileName.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 200) || "upload.csv";
  const actorTag = `user:${o.actor.id}`;
  const imp = await db.import.create({
    data: {
      createdById: o.actor.id, fileName, basis: decl.data.basis, source: decl.data.basis === "consent" ? decl.data.source : null,
      status: o.mode === "preview" ? "preview" : "running", total: parsed.rows.length,
    },
  });
  // Before the newsletter existed: the declared start (a list moved from another tool), else, for a mapped
  // file, the day it was created here. Proofmail's own column format keeps its earlier behaviour.
  const declaredSince = decl.data.basis === "consent" && decl.data.newsletterSince ? parseImportDate(decl.data.newsletterSince) : null;
  const since = declaredSince?.ok ? new Date(declaredSince.iso) : o.mapping ? newsletter.createdAt : null;
  const base = { rows: parsed.rows, newsletter, since, decl: decl.data, now, org, onProgress: o.onProgress };
  const mappingAudit = { ...(o.mapping ? { mapping: o.mapping } : {}), ...(since ? { newsletterSince: since.toISOString() } : {}) };
  const report = (decided: Decided[]) => {
    const s = summarise(decided);
    return {
      ...s,
      rows: decided.map((d): ReportRow => ({ row: d.row, email: d.masked, accepted: d.decision.accept, reason: d.decision.reason, landAs: d.decision.landAs })),
      // Stored: counts and row/reason pairs, never an address (not even masked).
      stored: { counts: s.counts, accepted: s.accepted, rejected: s.rejected, newsletterId: newsletter.id, rows: decided.map((d) => [d.row, IMPORT_REASONS.indexOf(d.decision.reason)]) },
    };
  };
  try {
    if (o.mode === "preview") {
      const decided = await decideRows(db, base);
      const r = report(decided);
      await db.import.update({ where: { id: imp.id }, data: { processed: decided.length, counts: r.stored, finishedAt: new Date() } });
      await audit(db, o.actor, "import.preview", imp.id, { fileName, newsletterId: newsletter.id, basis: decl.data.basis, total: decided.length, accepted: r.accepted, ...mappingAudit });
      return { ok: true, importId: imp.id, mode: "preview", total: decided.length, accepted: r.accepted, rejected: r.rejected, counts: r.counts, rows: r.rows };
    }
    const r = await db.$transaction(
      async (tx) => {
        const decided = await decideRows(tx, base);
        const { evidenceId } = await writeRows(tx, { decided, importId: imp.id, newsletterId: newsletter.id, decl: decl.data, actor: { id: o.actor.id, tag: actorTag }, now, onProgress: o.onProgress });
        const r = report(decided);
        await tx.import.update({ where: { id: imp.id }, data: { status: "done", processed: decided.length, counts: { ...r.stored, evidenceId }, finishedAt: new Date() } });
        await audit(tx, o.actor, "import", imp.id, { fileName, newsletterId: newsletter.id, basis: decl.data.basis, total: decided.length, accepted: r.accepted, counts: r.counts, evidenceId, ...mappingAudit });
        return r;
      },
      { timeout: 15 * 60_000, maxWait: 30_000 },
    );
    return { ok: true, importId: imp.id, mode: "import", total: parsed.rows.length, accepted: r.accepted, rejected: r.rejected, counts: r.counts, rows: r.rows };
  } catch (e) {
    // Nothing of the rows was written (the transaction rolled back); record that the attempt failed.
    log.error({ importId: imp.id, err: e }, "import failed");
    await db.import.update({ where: { id: imp.id }, data: { status: "failed", finishedAt: new Date() } });
    await audit(db, o.actor, "import.failed", imp.id, { fileName, newsletterId: newsletter.id, error: e instanceof Error ? e.message.slice(0, 200) : "unknown" });
    return { ok: false, importId: imp.id, error: "The import failed and nothing was imported. Try again; if it keeps failing, check the server log." };
  }
}
