// R-CONSENT-INFORMED / R-CONSENT-PROOF at signup: which form version a post is recorded against. A post
// names the version the person was shown (an embed snippet keeps naming the version it was copied from).
// Once the form has moved on, consent may be recorded against the current version only when the person
// saw exactly its text and was offered exactly its newsletters; otherwise nothing is recorded and the
// person is shown the current text to consent to what they then see. Pure: the caller reads the versions.
import type { FormVersionReason } from "./reasons";

export type FormVersionFacts = {
  posted: { id: string; renderedText: string; newsletterIds: string[] };
  current: { id: string; renderedText: string; newsletterIds: string[] };
};

export type FormVersionDecision =
  | { accept: true; reason: Exclude<FormVersionReason, "FORM_VERSION_TEXT_CHANGED">; recordAs: string; ruleId: "R-CONSENT-PROOF" }
  | { accept: false; reason: "FORM_VERSION_TEXT_CHANGED"; ruleId: "R-CONSENT-INFORMED" };

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function decideFormVersion({ posted, current }: FormVersionFacts): FormVersionDecision {
  if (posted.id === current.id) return { accept: true, reason: "FORM_VERSION_CURRENT", recordAs: current.id, ruleId: "R-CONSENT-PROOF" };
  if (posted.renderedText === current.renderedText && same(posted.newsletterIds, current.newsletterIds)) {
    return { accept: true, reason: "FORM_VERSION_SAME_TEXT", recordAs: current.id, ruleId: "R-CONSENT-PROOF" };
  }
  return { accept: false, reason: "FORM_VERSION_TEXT_CHANGED", ruleId: "R-CONSENT-INFORMED" };
}
