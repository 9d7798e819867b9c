// What publishing a form's saved draft would give: the exact text and the lint result (every
// violation with its rule ID), for the admin's form page. Writes nothing.
import { db } from "../db/index.ts";
import { lintForm, type FormLintViolation } from "../rules/index.ts";
import { readFormDraft } from "./form-definition.ts";
import { renderDraft } from "./publish-form-version.ts";
import type { RenderedForm } from "./render-form-text.ts";

export async function previewFormDraft({ formId }: { formId: string }): Promise<{ rendered: RenderedForm; violations: FormLintViolation[] } | null> {
  const form = await db.form.findUnique({ where: { id: formId }, select: { draft: true } });
  const draft = form && readFormDraft(form.draft);
  if (!draft) return null;
  const rendered = await renderDraft(db, draft);
  return { rendered, violations: lintForm(rendered.lintInput).violations };
}
