// What an opt-in token carries (Token.data): which pending subscriptions it confirms, and enough to
// answer in the right language and link back to the form. Never the address.
import type { FormLanguage } from "./form-definition.ts";

export type OptinTokenData = { subscriptionIds: string[]; newsletterIds: string[]; formId: string; language: FormLanguage };

export function readOptinTokenData(data: unknown): OptinTokenData | null {
  const d = data as Partial<OptinTokenData> | null;
  if (!d || !Array.isArray(d.subscriptionIds) || !Array.isArray(d.newsletterIds) || typeof d.formId !== "string") return null;
  return { subscriptionIds: d.subscriptionIds, newsletterIds: d.newsletterIds, formId: d.formId, language: d.language === "en" ? "en" : "nl" };
}
