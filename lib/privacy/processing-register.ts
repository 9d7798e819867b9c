// The facts behind the processing register and the privacy-statement section: read from what is really
// configured (Organisation, every non-archived newsletter with its current purpose version, the retention
// policies, the published forms, SMTP_URL / IMAP_URL / DATABASE_URL), with the lawful grounds asked of
// lib/rules. Nothing is written but what getCurrentPurposeVersion writes for a newsletter that predates
// purpose versions (its version 1). Rendering: render-processing-register.ts (Markdown), markdown-pdf.ts.
import { db, type Db, type Tx } from "../db/index.ts";
import { config as loadConfig, type Config } from "../config/index.ts";
import { getOrganisation } from "../settings/get-organisation.ts";
import { getRetentionPolicy } from "../retention/get-retention-policy.ts";
import { getRetentionTerms } from "../retention/get-retention-terms.ts";
import { getCurrentPurposeVersion } from "../newsletters/current-purpose-version.ts";
import { isImplicitFormSlug, readFormDraft } from "../consent/form-definition.ts";
import { decideExport, newsletterGrounds, resolveRetentionPolicy, supportingGrounds } from "../rules/index.ts";
import type { NewsletterFacts, ProcessingRegisterFacts } from "./render-processing-register.ts";

export { renderPrivacySection, renderProcessingRegister, type ProcessingRegisterFacts } from "./render-processing-register.ts";

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** The host of a URL, never its user, password or path. */
const hostOf = (url: string) => new URL(url).hostname;

export async function getProcessingRegisterFacts(opts: {
  client?: Db | Tx;
  now?: Date;
  /** The environment's settings (tests pass their own SMTP_URL); default: config(). */
  config?: Pick<Config, "smtpUrl" | "imap" | "dbProvider" | "databaseUrl">;
} = {}): Promise<ProcessingRegisterFacts> {
  const client = opts.client ?? db;
  const cfg = opts.config ?? loadConfig();
  const [org, orgRow, newsletters, forms, policyRows, defaultPolicy] = await Promise.all([
    getOrganisation(client),
    client.organisation.findUnique({ where: { id: 1 }, select: { customerRecordMonths: true } }),
    client.newsletter.findMany({ where: { archivedAt: null }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    client.form.findMany({
      where: { archivedAt: null, currentVersionId: { not: null } },
      orderBy: { slug: "asc" },
      select: { slug: true, currentVersion: { select: { newsletterIds: true, definition: true } } },
    }),
    client.retentionPolicy.findMany({ select: { newsletterId: true, version: true } }),
    getRetentionPolicy(client, null),
  ]);
  const terms = await getRetentionTerms(client, newsletters.map((n) => n.id));
  const slugOf = new Map(newsletters.map((n) => [n.id, n.slug]));
  // Where each form is shown: /f/<slug>, or /n/<newsletter> for a newsletter's own implicit form.
  const published = forms.flatMap((f) => {
    const ids = strings(f.currentVersion?.newsletterIds);
    const path = isImplicitFormSlug(f.slug) ? (slugOf.has(ids[0]) ? `/n/${slugOf.get(ids[0])}` : null) : `/f/${f.slug}`;
    const draft = readFormDraft((f.currentVersion?.definition as { draft?: unknown } | null)?.draft);
    return path ? [{ path, newsletterIds: ids, asksName: draft?.askName === true }] : [];
  });
  const ownTerms = new Set(policyRows.map((r) => r.newsletterId));

  const out: NewsletterFacts[] = [];
  for (const n of newsletters) {
    const pv = (await getCurrentPurposeVersion({ newsletterId: n.id, client }))!;
    const customerProducts = strings(n.customerProducts);
    const offering = published.filter((f) => f.newsletterIds.includes(n.id));
    out.push({
      id: n.id,
      slug: n.slug,
      language: n.language,
      frequency: n.frequency,
      purpose: {
        version: pv.version, revision: pv.revision, name: pv.name, description: pv.description, categories: strings(pv.categories),
        thirdPartyOffers: pv.thirdPartyOffers, aimedAtChildren: pv.aimedAtChildren, fromName: pv.fromName, fromEmail: pv.fromEmail,
      },
      customerProducts,
      retention: { ...terms[n.id], ownTerms: ownTerms.has(n.id) },
      forms: offering.map((f) => f.path),
      formsAskingName: offering.filter((f) => f.asksName).map((f) => f.path),
      grounds: newsletterGrounds({ customerProducts, aimedAtChildren: pv.aimedAtChildren }),
    });
  }

  return {
    generatedAt: (opts.now ?? new Date()).toISOString(),
    organisation: {
      name: org.name, address: org.address, contactEmail: org.contactEmail, privacyUrl: org.privacyUrl, dpoContact: org.dpoContact,
      hostingProvider: org.hostingProvider, emailProvider: org.emailProvider,
      customerWindowMonths: org.customerWindowMonths, customerRecordMonths: orgRow?.customerRecordMonths ?? 24, requireDoubleOptIn: org.requireDoubleOptIn,
    },
    newsletters: out,
    supporting: supportingGrounds({ customerBasisUsed: out.some((n) => n.customerProducts.length > 0) }),
    // Version 0: no default row saved, lib/rules' defaults (as getRetentionTerms numbers them).
    defaultRetention: { ...resolveRetentionPolicy(defaultPolicy), version: policyRows.find((r) => r.newsletterId === null)?.version ?? 0 },
    processors: {
      smtpHost: cfg.smtpUrl ? hostOf(cfg.smtpUrl) : null,
      inboundMailboxHost: cfg.imap?.host ?? null,
      database: cfg.dbProvider === "postgres" ? { provider: "postgres", host: hostOf(cfg.databaseUrl) } : { provider: "sqlite" },
    },
    // Asked of lib/rules as the exports page does: no consent to sharing is recorded anywhere.
    sharingWithThirdParties: decideExport({ purpose: "share-with-third-party", consent: { shareWithThirdParties: false } }).allowed,
  };
}
