"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { protectedAction } from "@/lib/auth/guard";
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

const str = (f: FormData, k: string) => (typeof f.get(k) === "string" ? (f.get(k) as string) : "");
const ids = (f: FormData) => f.getAll("newsletterIds").filter((v): v is string => typeof v === "string");
const typedDraft = (f: FormData): TypedDraft => ({
  language: str(f, "language"), title: str(f, "title"), intro: str(f, "intro"), newsletterIds: ids(f),
  askName: f.get("askName") === "on", dataStatement: str(f, "dataStatement"), withdrawalStatement: str(f, "withdrawalStatement"),
});

export const createFormAction = protectedAction("forms.manage", async (staff, _prev: FormEditState, form: FormData): Promise<FormEditState> => {
  const input = { slug: str(form, "slug"), name: str(form, "name"), language: str(form, "language"), newsletterIds: ids(form) };
  const r = await createForm({ actor: { id: staff.id, email: staff.email }, input });
  if (!r.ok) return { errors: r.errors, values: { name: input.name, slug: input.slug, proofOfWork: false, draft: { ...typedDraft(form), language: input.language } } };
  redirect(`/admin/forms/${r.id}`);
});

export const saveFormAction = protectedAction("forms.manage", async (staff, formId: string, _prev: FormEditState, form: FormData): Promise<FormEditState> => {
  const actor = { id: staff.id, email: staff.email };
  const typed: FormEditValues = { name: str(form, "name"), proofOfWork: form.get("proofOfWork") === "on", draft: typedDraft(form) };
  const saved = await saveFormDraft({ formId, actor, name: typed.name, proofOfWork: typed.proofOfWork, draft: typed.draft });
  if (!saved.ok) return { errors: saved.errors, values: typed };
  revalidatePath(`/admin/forms/${formId}`);
  if (str(form, "intent") !== "publish") return { notice: "Draft saved. It is not public until you publish it." };
  const published = await publishFormVersion({ formId, actor });
  if (!published.ok) return { violations: published.violations };
  return { notice: published.created ? `Published as version ${published.version.version}.` : `Nothing changed since version ${published.version.version}; no new version.` };
});

export const archiveFormAction = protectedAction("forms.manage", async (staff, formId: string, archived: boolean): Promise<void> => {
  await archiveForm({ formId, archived, actor: { id: staff.id, email: staff.email } });
  revalidatePath(`/admin/forms/${formId}`);
});
