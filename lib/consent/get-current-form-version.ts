// The version a public signup page shows: the form's current FormVersion, re-rendered first so that a
// change of the organisation settings, a newsletter's text or a retention policy becomes a new version
// (the form never promises something the purge job does not do). /f/[form] names an admin-made form;
// /n/[newsletter] uses an implicit one-newsletter form that is generated from the newsletter.
import { db, Prisma } from "../db/index.ts";
import type { Models } from "../db/index.ts";
import { sha256 } from "../util/hash.ts";
import { implicitFormSlug, isImplicitFormSlug, newsletterFormDraft, type FormLanguage } from "./form-definition.ts";
import { publishFormVersion, type FormVersionDefinition } from "./publish-form-version.ts";
import { joinFormLines } from "./render-form-text.ts";

export type PublicForm = {
  id: string;
  slug: string;
  language: FormLanguage;
  proofOfWork: boolean;
  /** Where the person can sign up again, e.g. /f/news or /n/weekly. */
  path: string;
};

export type CurrentFormVersion =
  | { state: "ok"; form: PublicForm; version: Models.FormVersionModel; definition: FormVersionDefinition }
  | { state: "not-found" }
  | { state: "closed" | "unavailable"; language: FormLanguage };

const lang = (s: string): FormLanguage => (s === "en" ? "en" : "nl");

export async function getCurrentFormVersion(opts: { formSlug: string } | { newsletterSlug: string }): Promise<CurrentFormVersion> {
  if ("newsletterSlug" in opts) {
    const n = await db.newsletter.findUnique({ where: { slug: opts.newsletterSlug } });
    if (!n) return { state: "not-found" };
    if (n.archivedAt) return { state: "closed", language: lang(n.language) };
    const draft = newsletterFormDraft(n);
    const form = await ensureImplicitForm(n.id, n.name, draft);
    const published = await publishFormVersion({ formId: form.id, actor: "system", draft });
    if (!published.ok) return { state: "unavailable", language: draft.language };
    return ready(form, `/n/${n.slug}`, published.version);
  }

  if (isImplicitFormSlug(opts.formSlug)) return { state: "not-found" };
  const form = await db.form.findUnique({ where: { slug: opts.formSlug } });
  if (!form) return { state: "not-found" };
  if (form.archivedAt) return { state: "closed", language: lang(form.language) };
  if (!form.currentVersionId) return { state: "unavailable", language: lang(form.language) };
  const published = await publishFormVersion({ formId: form.id, actor: "system", source: "published" });
  if (!published.ok) return { state: "unavailable", language: lang(form.language) };
  return ready(form, `/f/${form.slug}`, published.version);
}

function ready(form: Models.FormModel, path: string, version: Models.FormVersionModel): CurrentFormVersion {
  const definition = version.definition as FormVersionDefinition;
  // The page renders definition.lines; refuse a version whose lines no longer match its stored hash.
  const text = joinFormLines(definition.lines);
  if (text !== version.renderedText || sha256(text) !== version.contentHash) {
    return { state: "unavailable", language: lang(version.language) };
  }
  return {
    state: "ok",
    form: { id: form.id, slug: form.slug, language: lang(version.language), proofOfWork: form.proofOfWork, path },
    version,
    definition,
  };
}

async function ensureImplicitForm(newsletterId: string, name: string, draft: ReturnType<typeof newsletterFormDraft>) {
  const slug = implicitFormSlug(newsletterId);
  const existing = await db.form.findUnique({ where: { slug } });
  if (existing) return existing;
  try {
    return await db.form.create({ data: { slug, name: `Signup page: ${name}`, language: draft.language, draft } });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return db.form.findUniqueOrThrow({ where: { slug } });
    throw err;
  }
}

/** The public page of a form, for links in mails and on the confirm page. */
export async function formPublicPath(formId: string): Promise<string | null> {
  const form = await db.form.findUnique({ where: { id: formId }, select: { slug: true } });
  if (!form) return null;
  if (!isImplicitFormSlug(form.slug)) return `/f/${form.slug}`;
  const n = await db.newsletter.findUnique({ where: { id: form.slug.slice(3) }, select: { slug: true } });
  return n ? `/n/${n.slug}` : null;
}

/** The language of a public form page, for pages that show no form text (thanks); null if unknown. */
export async function getPublicFormLanguage(opts: { formSlug: string } | { newsletterSlug: string }): Promise<FormLanguage | null> {
  if ("newsletterSlug" in opts) {
    const n = await db.newsletter.findUnique({ where: { slug: opts.newsletterSlug }, select: { language: true } });
    return n ? lang(n.language) : null;
  }
  if (isImplicitFormSlug(opts.formSlug)) return null;
  const f = await db.form.findUnique({ where: { slug: opts.formSlug }, select: { language: true } });
  return f ? lang(f.language) : null;
}
