"use server";
import { staffTranslator } from "@/lib/i18n/staff-translator";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, checkbox, fields, id, prevState, text } from "@/lib/http/boundary";
import { createForm } from "@/lib/consent/create-form";
import { saveFormDraft } from "@/lib/consent/save-form-draft";
import { publishFormVersion } from "@/lib/consent/publish-form-version";
import { archiveForm } from "@/lib/consent/archive-form";
import type { FormLintViolation } from "@/lib/rules";
import type { FormDraft } from "@/lib/consent/form-definition";

/** What the admin typed, sent back with a refusal so the form shows it again instead of the saved values. */
export type TypedDraft = Omit<FormDraft, "language"> & { language: string };
export type FormEditValues = { name: string; slug?: string; proofOfWork: boolean; draft: TypedDraft };
export type FormEditState = { errors?: Record<string, string>; notice?: string; violations?: FormLintViolation[]; values?: FormEditValues };

const formFields = fields({
  slug: text(1000), name: text(1000), language: text(20), newsletterIds: z.array(z.string().max(64)).max(200),
  title: text(5000), intro: text(50_000), dataStatement: text(50_000), withdrawalStatement: text(50_000),
  askName: checkbox(), proofOfWork: checkbox(), intent: text(20),
});
type Fields = z.output<typeof formFields>;
const typedDraft = (f: Fields): TypedDraft => ({
  language: f.language, title: f.title, intro: f.intro, newsletterIds: f.newsletterIds,
  askName: f.askName, dataStatement: f.dataStatement, withdrawalStatement: f.withdrawalStatement,
});
const state = prevState<FormEditState>();
const invalid = (e: { message: string; extra: { field?: string } }): FormEditState => ({ errors: { [e.extra.field ?? "name"]: e.message } });

export const createFormAction = action({ access: "forms.manage", input: z.tuple([state, formFields]), invalid }, async ({ staff }, _prev, form): Promise<FormEditState> => {
  const input = { slug: form.slug, name: form.name, language: form.language, newsletterIds: form.newsletterIds };
  const r = await createForm({ actor: { id: staff.id, email: staff.email }, input });
  if (!r.ok) return { errors: r.errors, values: { name: input.name, slug: input.slug, proofOfWork: false, draft: { ...typedDraft(form), language: input.language } } };
  redirect(`/admin/forms/${r.id}`);
});

export const saveFormAction = action({ access: "forms.manage", input: z.tuple([id(), state, formFields]), invalid }, async ({ staff }, formId, _prev, form): Promise<FormEditState> => {
  const actor = { id: staff.id, email: staff.email };
  const typed: FormEditValues = { name: form.name, proofOfWork: form.proofOfWork, draft: typedDraft(form) };
  const saved = await saveFormDraft({ formId, actor, name: typed.name, proofOfWork: typed.proofOfWork, draft: typed.draft });
  if (!saved.ok) return { errors: saved.errors, values: typed };
  revalidatePath(`/admin/forms/${formId}`);
  const t = await staffTranslator("admin.forms.editor");
  if (form.intent !== "publish") return { notice: t("draftSaved") };
  const published = await publishFormVersion({ formId, actor });
  if (!published.ok) return { violations: published.violations };
  return { notice: t(published.created ? "published" : "unchanged", { version: published.version.version }) };
});

export const archiveFormAction = action({ access: "forms.manage", input: z.tuple([id(), z.boolean()]).rest(z.unknown()) }, async ({ staff }, formId, archived): Promise<void> => {
  await archiveForm({ formId, archived, actor: { id: staff.id, email: staff.email } });
  revalidatePath(`/admin/forms/${formId}`);
});
