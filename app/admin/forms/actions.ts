"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, checkbox, fields, id, prevState, text } from "@/lib/http/boundary";
import { createForm } from "@/lib/consent/create-form";
import { saveFormDraft } from "@/lib/consent/save-form-draft";
import { publishFormVersion } from "@/lib/consent/publish-form-version";
import { archiveForm } from "@/lib/consent/archive-form";
import type { FormLintViolation } from "@/lib/rules";

export type FormEditState = { errors?: Record<string, string>; notice?: string; violations?: FormLintViolation[] };

const formFields = fields({
  slug: text(1000), name: text(1000), language: text(20), newsletterIds: z.array(z.string().max(64)).max(200),
  title: text(5000), intro: text(50_000), dataStatement: text(50_000), withdrawalStatement: text(50_000),
  askName: checkbox(), proofOfWork: checkbox(), intent: text(20),
});
const state = prevState<FormEditState>();
const invalid = (e: { message: string; extra: { field?: string } }): FormEditState => ({ errors: { [e.extra.field ?? "name"]: e.message } });

export const createFormAction = action({ access: "forms.manage", input: z.tuple([state, formFields]), invalid }, async ({ staff }, _prev, form): Promise<FormEditState> => {
  const r = await createForm({ actor: { id: staff.id, email: staff.email }, input: { slug: form.slug, name: form.name, language: form.language, newsletterIds: form.newsletterIds } });
  if (!r.ok) return { errors: r.errors };
  redirect(`/admin/forms/${r.id}`);
});

export const saveFormAction = action({ access: "forms.manage", input: z.tuple([id(), state, formFields]), invalid }, async ({ staff }, formId, _prev, form): Promise<FormEditState> => {
  const actor = { id: staff.id, email: staff.email };
  const saved = await saveFormDraft({
    formId, actor, name: form.name, proofOfWork: form.proofOfWork,
    draft: {
      language: form.language, title: form.title, intro: form.intro, newsletterIds: form.newsletterIds,
      askName: form.askName, dataStatement: form.dataStatement, withdrawalStatement: form.withdrawalStatement,
    },
  });
  if (!saved.ok) return { errors: saved.errors };
  revalidatePath(`/admin/forms/${formId}`);
  if (form.intent !== "publish") return { notice: "Draft saved. It is not public until you publish it." };
  const published = await publishFormVersion({ formId, actor });
  if (!published.ok) return { violations: published.violations };
  return { notice: published.created ? `Published as version ${published.version.version}.` : `Nothing changed since version ${published.version.version}; no new version.` };
});

export const archiveFormAction = action({ access: "forms.manage", input: z.tuple([id(), z.boolean()]).rest(z.unknown()) }, async ({ staff }, formId, archived): Promise<void> => {
  await archiveForm({ formId, archived, actor: { id: staff.id, email: staff.email } });
  revalidatePath(`/admin/forms/${formId}`);
});
