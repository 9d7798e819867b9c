// Saves a form's editable draft (admin). Nothing the public sees changes until it is published
// (publish-form-version.ts), which lints it and snapshots it into a new FormVersion.
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { formDraftSchema } from "./form-definition.ts";

export type SaveFormDraftResult = { ok: true } | { ok: false; errors: Record<string, string> };

export async function saveFormDraft({ formId, draft, name, proofOfWork, actor }: {
  formId: string; draft: unknown; name: string; proofOfWork: boolean; actor: AuditActor;
}): Promise<SaveFormDraftResult> {
  const parsed = formDraftSchema.safeParse(draft);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  const cleanName = name.trim();
  if (!cleanName || cleanName.length > 120 || /[\u0000-\u001f\u007f]/.test(cleanName)) errors.name = "Enter a name of one line (at most 120 characters).";
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors };
  const ids = parsed.data.newsletterIds;
  if (new Set(ids).size !== ids.length || (await db.newsletter.count({ where: { id: { in: ids } } })) !== ids.length) {
    return { ok: false, errors: { newsletterIds: "Choose each newsletter once, from the list." } };
  }
  return db.$transaction(async (tx) => {
    const { count } = await tx.form.updateMany({ where: { id: formId }, data: { draft: parsed.data, name: cleanName, proofOfWork } });
    if (!count) return { ok: false as const, errors: { form: "This form no longer exists." } };
    await audit(tx, actor, "form.draft", formId);
    return { ok: true as const };
  });
}
