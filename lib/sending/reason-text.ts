// One label function for everything a delivery can be skipped or failed for: lib/rules' reason codes and
// the pipeline's own (erased recipient, cancelled send, SMTP outcomes).
import { reasonLabel } from "../rules/index.ts";
import { PIPELINE_REASONS } from "./deliver-batch.ts";

export function outcomeLabel(code: string, lang: "nl" | "en" = "en"): string {
  const own = (PIPELINE_REASONS as Record<string, { en: string; nl: string } | undefined>)[code];
  return own ? own[lang] : reasonLabel(code, lang);
}
