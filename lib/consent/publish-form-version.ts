// Publishes a form: renders its exact text (render-form-text.ts), runs lintForm from lib/rules, and —
// only if the form passes and its text differs from the current version — creates a new immutable
// FormVersion and makes it current. A failing form is never published; the caller gets every violation
// with its rule ID. FormVersions are never updated or deleted here or anywhere else.
import { db, Prisma, type Db, type Tx } from "../db/index.ts";
import type { Models } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { lintForm, retentionStatement, type FormLintViolation } from "../rules/index.ts";
import { getRetentionPolicy } from "../retention/get-retention-policy.ts";
import { getRetentionTerms, sameRetentionTerms } from "../retention/get-retention-terms.ts";
import { getOrganisation } from "../settings/get-organisation.ts";
import { readFormDraft, type FormDraft } from "./form-definition.ts";
import { renderFormText, type FormLine, type RenderedForm } from "./render-form-text.ts";
import { getCurrentPurposeVersion } from "../newsletters/current-purpose-version.ts";
import { inLanguage, TEXTS } from "../newsletters/newsletter-texts.ts";
import { canonicalJson } from "../util/canonical-json.ts";
import { currentPrivacyStatement } from "../privacy/privacy-statement.ts";

/** What FormVersion.definition holds: the draft as published and the exact lines the page renders. */
export type FormVersionDefinition = { draft: FormDraft; lines: FormLine[]; newsletters: { id: string; name: string }[] };

export type PublishResult =
  | { ok: true; version: Models.FormVersionModel; created: boolean }
  | { ok: false; violations: FormLintViolation[] };

/**
 * Renders a draft with the current settings, newsletters (archived ones left out), retention policies and
 * privacy statement: once a statement is published, the privacy line links to the version in force in the
 * form's language (/privacy/v/N), else to the settings' privacy link.
 */
export async function renderDraft(client: Db | Tx, draft: FormDraft): Promise<RenderedForm & { privacyStatementVersionId: string | null }> {
  const settings = await getOrganisation(client);
  const statement = await currentPrivacyStatement(draft.language, client);
  const organisation = statement ? { ...settings, privacyUrl: statement.url } : settings;
  const rows = await client.newsletter.findMany({ where: { id: { in: draft.newsletterIds }, archivedAt: null }, include: { texts: TEXTS } });
  // Each newsletter's name and description in the form's language: the form version keeps what was shown.
  const byId = new Map(rows.map((r) => [r.id, inLanguage(r, draft.language)]));
  const newsletters = [];
  for (const id of draft.newsletterIds) {
    const n = byId.get(id);
    if (!n) continue;
    const policy = await getRetentionPolicy(client, n.id);
    newsletters.push({
      id: n.id, aimedAtChildren: n.aimedAtChildren, name: n.name, description: n.description, frequency: n.frequency,
      retentionPolicy: policy, retentionStatement: retentionStatement(policy, draft.language),
    });
  }
  return { ...renderFormText({ draft, organisation, newsletters }), privacyStatementVersionId: statement?.id ?? null };
}

export async function publishFormVersion({ formId, actor, source = "draft", draft: given }: {
  formId: string;
  actor: AuditActor;
  /** "draft": the admin's saved draft. "published": re-render the current version's draft because the
   *  settings, a newsletter or a retention policy changed (the form and the purge job must not drift). */
  source?: "draft" | "published";
  /** Overrides the stored draft (implicit newsletter forms are generated, not edited). */
  draft?: FormDraft;
}): Promise<PublishResult> {
  const form = await db.form.findUnique({ where: { id: formId }, include: { currentVersion: true } });
  if (!form) throw new Error(`form ${formId} not found`);
  const current = form.currentVersion;
  const draft = given ?? readFormDraft(source === "published" && current ? (current.definition as FormVersionDefinition).draft : form.draft);
  if (!draft) throw new Error(`form ${formId} has an unreadable draft`);

  // The retention terms each box promises, read before the text: a policy changed in between can then
  // only leave a promise older than the text, and the purge's min(promised, current) never exceeds it.
  const terms = await getRetentionTerms(db, draft.newsletterIds);
  const rendered = await renderDraft(db, draft);
  const lint = lintForm(rendered.lintInput);
  if (!lint.ok) return { ok: false, violations: lint.violations };
  const offered = rendered.lines.flatMap((l) => (l.kind === "checkbox" ? [{ id: l.newsletterId, name: l.text }] : []));
  // The purpose version each box presents: a purpose change (even one the text does not show, such as a
  // category) makes a new version, so new signups consent to the new purpose.
  const purposeVersionIds: Record<string, string> = {};
  for (const n of offered) {
    const pv = await getCurrentPurposeVersion({ newsletterId: n.id });
    if (pv) purposeVersionIds[n.id] = pv.id;
  }
  const retentionPolicies = Object.fromEntries(offered.map((n) => [n.id, terms[n.id]]));
  // Same text, same newsletters, same purposes and same policy versions promised behind the boxes: nothing to publish.
  if (current && current.contentHash === rendered.contentHash && JSON.stringify(current.newsletterIds) === JSON.stringify(offered.map((n) => n.id)) &&
      canonicalJson(current.purposeVersionIds ?? {}) === canonicalJson(purposeVersionIds) && sameRetentionTerms(current.retentionPolicies, retentionPolicies) &&
      current.privacyStatementVersionId === rendered.privacyStatementVersionId) {
    return { ok: true, version: current, created: false };
  }

  const definition: FormVersionDefinition = { draft, lines: rendered.lines, newsletters: offered };
  try {
    const version = await db.$transaction(async (tx) => {
      const last = await tx.formVersion.findFirst({ where: { formId }, orderBy: { version: "desc" }, select: { version: true } });
      const row = await tx.formVersion.create({
        data: {
          formId,
          version: (last?.version ?? 0) + 1,
          language: draft.language,
          definition,
          newsletterIds: offered.map((n) => n.id),
          renderedText: rendered.renderedText,
          contentHash: rendered.contentHash,
          controllerIdentity: rendered.controllerIdentity,
          privacyUrl: rendered.privacyUrl,
          retentionStatement: rendered.retentionStatement,
          purposeVersionIds,
          retentionPolicies,
          privacyStatementVersionId: rendered.privacyStatementVersionId,
          createdById: typeof actor === "object" ? (actor.id ?? null) : null,
        },
      });
      await tx.form.update({ where: { id: formId }, data: { currentVersionId: row.id, language: draft.language } });
      await audit(tx, actor, "form.publish", formId, { version: row.version, contentHash: row.contentHash, source });
      return row;
    });
    return { ok: true, version, created: true };
  } catch (err) {
    // Two requests re-rendering the same change at once: the other one won; use its version.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      const again = await db.form.findUnique({ where: { id: formId }, include: { currentVersion: true } });
      if (again?.currentVersion?.contentHash === rendered.contentHash && canonicalJson(again.currentVersion.purposeVersionIds ?? {}) === canonicalJson(purposeVersionIds)) return { ok: true, version: again.currentVersion, created: false };
    }
    throw err;
  }
}

