// The generated newsletters section (processing-register.ts) added to the privacy statement's draft for a
// language, after what the admin wrote: the admin reads it, edits it and publishes it as any draft.
import { db } from "../db/index.ts";
import { getProcessingRegisterFacts, renderPrivacySection } from "./processing-register.ts";
import { savePrivacyStatementDraft } from "./save-privacy-statement-draft.ts";
import type { PrivacyLanguage } from "./privacy-statement.ts";

export async function addGeneratedSectionToDraft({ language, staffId }: { language: PrivacyLanguage; staffId: string | null }): Promise<{ ok: true } | { ok: false; error: string }> {
  const draft = await db.privacyStatementDraft.findUnique({ where: { language } });
  if (draft?.hostedUrl) return { ok: false, error: "This statement is hosted elsewhere: copy the section into that page (download it here), then publish to fetch it." };
  const section = renderPrivacySection(await getProcessingRegisterFacts(), language);
  const markdown = draft?.markdown.trim() ? `${draft.markdown.trimEnd()}\n\n${section}` : section;
  const saved = await savePrivacyStatementDraft({ markdown, language, staffId });
  return saved.ok ? { ok: true } : { ok: false, error: Object.values(saved.errors)[0] ?? "The draft could not be saved." };
}
