// An issue's stored declaration as lib/rules sees it: the Issue row's answers checked by checkDeclaration
// against the newsletter's current category list, and the snapshot a send stores in Send.declaration.
import { checkDeclaration, type DeclarationCheck } from "../rules/index.ts";
import { parseStoredBasis, rulesBasis } from "../subscribers/basis.ts";

export type DeclarationSnapshot = {
  categories: string[]; thirdPartyPromotion: boolean; basis: "consent" | "existing_customer"; declaredAt: string; declaredById: string | null;
};
type IssueRow = { categories: unknown; thirdPartyPromotion: boolean; basis: string; declaredAt: Date | null; declaredById: string | null };

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** The check, the snapshot when it passes, and one sentence for the editor when it does not. */
export function issueDeclaration(opts: { issue: IssueRow; newsletterCategories: unknown }): {
  check: DeclarationCheck; snapshot: DeclarationSnapshot | null; error: string | null;
} {
  const { issue } = opts;
  const declared = issue.declaredAt !== null;
  const categories = Array.isArray(issue.categories) ? strings(issue.categories) : null;
  const basis = parseStoredBasis(issue.basis) ?? "consent";
  // Until the editor declares, the row's column defaults (no third party, consent) are not answers.
  const check = checkDeclaration({
    newsletterCategories: strings(opts.newsletterCategories),
    categories,
    thirdPartyPromotion: declared ? issue.thirdPartyPromotion : null,
    basis: declared ? rulesBasis(basis) : null,
    confirmed: declared,
  });
  if (!check.ok) {
    const error = declared
      ? `The declaration no longer fits: ${check.problems.map((p) => p.message).join(" ")} Declare the issue again in the composer.`
      : "This issue has not been declared. In the composer, say which categories it is about, whether it contains offers from or on behalf of third parties and its basis, and confirm.";
    return { check, snapshot: null, error };
  }
  return {
    check, error: null,
    snapshot: { categories: categories ?? [], thirdPartyPromotion: issue.thirdPartyPromotion, basis, declaredAt: issue.declaredAt!.toISOString(), declaredById: issue.declaredById },
  };
}
