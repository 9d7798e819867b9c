// What an opt-in token carries (Token.data): which pending subscriptions it confirms, and enough to
// answer in the right language and link back to the form. Never the subscriber's address. For a signup
// on a children's form also the age answer and, under 16, the parent's or guardian's address: they are
// written onto the subscriber only when that confirmation comes (an unconfirmed claim changes nothing).
import type { FormLanguage } from "./form-definition.ts";

export type OptinTokenData = {
  subscriptionIds: string[]; newsletterIds: string[]; formId: string; language: FormLanguage;
  ageBand?: "under16" | "adult"; givenBy?: "subject" | "parent"; guardianEmail?: string;
};

export function readOptinTokenData(data: unknown): OptinTokenData | null {
  const d = data as Partial<OptinTokenData> | null;
  if (!d || !Array.isArray(d.subscriptionIds) || !Array.isArray(d.newsletterIds) || typeof d.formId !== "string") return null;
  return {
    subscriptionIds: d.subscriptionIds, newsletterIds: d.newsletterIds, formId: d.formId, language: d.language === "en" ? "en" : "nl",
    ...(d.ageBand === "under16" || d.ageBand === "adult" ? { ageBand: d.ageBand } : {}),
    ...(d.givenBy === "parent" || d.givenBy === "subject" ? { givenBy: d.givenBy } : {}),
    ...(typeof d.guardianEmail === "string" ? { guardianEmail: d.guardianEmail } : {}),
  };
}
