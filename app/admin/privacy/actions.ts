"use server";
import { staffTranslator } from "@/lib/i18n/staff-translator";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, checkbox, fields, prevState, text } from "@/lib/http/boundary";
import { savePrivacyStatementDraft } from "@/lib/privacy/save-privacy-statement-draft";
import { publishPrivacyStatement } from "@/lib/privacy/publish-privacy-statement";

export type PrivacyDraftValues = { markdown: string; hosted: boolean; hostedUrl: string };
export type PrivacyDraftState = { errors?: Record<string, string>; notice?: string; values?: PrivacyDraftValues };

const draftFields = fields({
  language: z.enum(["nl", "en"], { message: "Choose Nederlands or English." }),
  markdown: text(200_000), hosted: checkbox(), hostedUrl: text(2000), intent: z.enum(["save", "publish"]).default("save"),
});

export const savePrivacyDraftAction = action(
  {
    access: "settings.manage",
    input: z.tuple([prevState<PrivacyDraftState>(), draftFields]),
    invalid: (e): PrivacyDraftState => ({ errors: { [e.extra.field ?? "markdown"]: e.message } }),
  },
  async ({ staff }, _prev, form): Promise<PrivacyDraftState> => {
    const values: PrivacyDraftValues = { markdown: form.markdown, hosted: form.hosted, hostedUrl: form.hostedUrl };
    const t = await staffTranslator("admin.privacy.editor");
    if (form.hosted && !form.hostedUrl.trim()) return { errors: { hostedUrl: t("enterUrl") }, values };
    const saved = await savePrivacyStatementDraft({ markdown: form.markdown, language: form.language, staffId: staff.id, hostedUrl: form.hosted ? form.hostedUrl : null });
    if (!saved.ok) return { errors: saved.errors, values };
    revalidatePath("/admin/privacy");
    if (form.intent !== "publish") return { notice: t("draftSaved") };
    const published = await publishPrivacyStatement({ language: form.language, staffId: staff.id });
    if (!published.ok) return { errors: { [published.field]: t("notPublished", { reason: published.message }) }, values };
    return {
      notice: t(published.created ? "published" : "unchanged", { version: published.version.version }),
    };
  },
);
