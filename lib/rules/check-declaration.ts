// An issue's declaration: which of the newsletter's categories its content is about, whether it carries
// offers from or on behalf of third parties, and the widest basis it may go out on. The gate reads these
// as message.categories, message.thirdPartyPromotion and the claimed basis, so they must be the editor's
// explicit answers, never defaults: left alone, "no third party, the newsletter's own categories" would
// declare "own, similar" for every customer (R-CUSTOMER-OWN-SIMILAR, R-CUSTOMER-NO-THIRD-PARTY, R-HOSTMAILING).
import type { Basis } from "./facts";
import type { DeclarationProblemCode, SendReason } from "./reasons";

/**
 * The widest basis the issue relies on. Consent always covers consent subscribers; "existing-customer"
 * means the issue may also go to customers on the existing-customer exception (own, similar products).
 */
export type DeclaredBasis = "consent" | "existing-customer";

export type DeclarationInput = {
  /** The newsletter's category list as it is now. */
  newsletterCategories: string[];
  /** null = not answered. An empty list is an answer ("none of them"). */
  categories: string[] | null;
  /** null = not answered: the question has no default. */
  thirdPartyPromotion: boolean | null;
  basis: DeclaredBasis | null;
  /** The editor ticked "I declare that…" (for a stored declaration: declaredAt is set). */
  confirmed: boolean;
};

export type DeclarationProblem = { code: DeclarationProblemCode; ruleId: string; field: string; message: string };
export type DeclarationCheck = { ok: boolean; problems: DeclarationProblem[] };

const problem = (code: DeclarationProblemCode, ruleId: string, field: string, message: string): DeclarationProblem => ({ code, ruleId, field, message });

/** Whether a declaration is complete and valid; every problem is listed, in the form's order. */
export function checkDeclaration(input: DeclarationInput): DeclarationCheck {
  const problems: DeclarationProblem[] = [];
  if (input.categories === null) {
    problems.push(problem("DECL_CATEGORIES_MISSING", "R-CUSTOMER-OWN-SIMILAR", "categories", "Tick the categories this issue is about."));
  } else {
    // Only the newsletter's own list: a category nobody consented to or bought cannot be declared.
    for (const c of input.categories.filter((c) => !input.newsletterCategories.includes(c))) {
      problems.push(problem("DECL_UNKNOWN_CATEGORY", "R-CUSTOMER-OWN-SIMILAR", "categories", `“${c}” is not one of this newsletter's categories.`));
    }
  }
  if (input.thirdPartyPromotion === null) {
    problems.push(problem("DECL_THIRD_PARTY_UNANSWERED", "R-HOSTMAILING", "thirdPartyPromotion",
      "Answer whether this issue contains offers from or on behalf of third parties."));
  }
  if (input.basis === null) problems.push(problem("DECL_BASIS_MISSING", "R-BASIS-ELECTRONIC", "basis", "Choose the basis this issue is sent on."));
  if (!input.confirmed) problems.push(problem("DECL_NOT_CONFIRMED", "R-CUSTOMER-OWN-SIMILAR", "confirm", "Tick “I declare…” to confirm the declaration."));
  return { ok: problems.length === 0, problems };
}

/**
 * The basis claimed for one recipient: their subscription's own basis, as far as the declaration covers it.
 * A customer-basis subscription under a consent-only declaration claims no basis (→ DENY_NO_BASIS).
 */
export function claimedBasis(opts: { subscriptionBasis: DeclaredBasis; declaredBasis: DeclaredBasis | null }): Basis {
  if (opts.subscriptionBasis === "consent") return "consent";
  return opts.declaredBasis === "existing-customer" ? "existing-customer" : "none";
}

export type DeclarationEffect = {
  /** What in the declaration causes it. */
  cause: "third-party-offer" | "consent-only" | "no-categories" | "categories";
  /** The recipients (by their subscription's basis) it excludes. */
  basis: DeclaredBasis;
  code: SendReason;
};

/** Which exclusions each part of a declaration can cause, so the pre-send report can show its effect per basis. */
export function declarationEffects(d: { categories: string[]; thirdPartyPromotion: boolean; basis: DeclaredBasis }): DeclarationEffect[] {
  const effects: DeclarationEffect[] = [];
  if (d.basis === "consent") effects.push({ cause: "consent-only", basis: "existing-customer", code: "DENY_NO_BASIS" });
  if (d.thirdPartyPromotion) {
    if (d.basis === "existing-customer") effects.push({ cause: "third-party-offer", basis: "existing-customer", code: "DENY_THIRD_PARTY_NEEDS_CONSENT" }); // R-CUSTOMER-NO-THIRD-PARTY
    effects.push({ cause: "third-party-offer", basis: "consent", code: "DENY_THIRD_PARTY_NEEDS_CONSENT" }); // R-HOSTMAILING
  }
  if (d.basis === "existing-customer") {
    effects.push(d.categories.length === 0
      ? { cause: "no-categories", basis: "existing-customer", code: "DENY_CUSTOMER_NO_CATEGORIES" }
      : { cause: "categories", basis: "existing-customer", code: "DENY_NOT_SIMILAR_PRODUCT" });
  }
  return effects;
}
