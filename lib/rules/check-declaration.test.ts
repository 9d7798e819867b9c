import { describe, it, expect } from "vitest";
import { checkDeclaration, claimedBasis, declarationEffects, type DeclarationInput } from "./check-declaration";
import { DECLARATION_PROBLEMS } from "./reasons";

const complete: DeclarationInput = {
  newsletterCategories: ["bikes", "bike-parts"], categories: ["bikes"], thirdPartyPromotion: false, basis: "existing-customer", confirmed: true,
};
const codes = (o: Partial<DeclarationInput>) => checkDeclaration({ ...complete, ...o }).problems.map((p) => p.code);

describe("checkDeclaration", () => {
  it.each<[string, Partial<DeclarationInput>, string[]]>([
    ["complete and confirmed", {}, []],
    ["third-party offer, consent only", { thirdPartyPromotion: true, basis: "consent" }, []],
    ["no category ticked is an answer", { categories: [] }, []],
    ["both categories", { categories: ["bikes", "bike-parts"] }, []],
    ["categories never answered", { categories: null }, ["DECL_CATEGORIES_MISSING"]],
    ["a category not on the newsletter's list", { categories: ["bikes", "insurance"] }, ["DECL_UNKNOWN_CATEGORY"]],
    ["the newsletter's list was emptied after declaring", { newsletterCategories: [] }, ["DECL_UNKNOWN_CATEGORY"]],
    ["third-party question unanswered (no default)", { thirdPartyPromotion: null }, ["DECL_THIRD_PARTY_UNANSWERED"]],
    ["no basis chosen", { basis: null }, ["DECL_BASIS_MISSING"]],
    ["answers given but not confirmed", { confirmed: false }, ["DECL_NOT_CONFIRMED"]],
    ["untouched defaults", { categories: null, thirdPartyPromotion: null, basis: null, confirmed: false },
      ["DECL_CATEGORIES_MISSING", "DECL_THIRD_PARTY_UNANSWERED", "DECL_BASIS_MISSING", "DECL_NOT_CONFIRMED"]],
  ])("%s", (_n, o, expected) => {
    expect(codes(o)).toEqual(expected);
    expect(checkDeclaration({ ...complete, ...o }).ok).toBe(expected.length === 0);
  });

  it("names the field, the rule and the unknown category", () => {
    const [p] = checkDeclaration({ ...complete, categories: ["insurance"] }).problems;
    expect(p).toMatchObject({ code: "DECL_UNKNOWN_CATEGORY", field: "categories", ruleId: "R-CUSTOMER-OWN-SIMILAR" });
    expect(p.message).toContain("insurance");
  });

  it("every problem code is listed in reasons.ts", () => {
    const all = [{ categories: null }, { categories: ["x"] }, { thirdPartyPromotion: null }, { basis: null }, { confirmed: false }]
      .flatMap((o) => codes(o as Partial<DeclarationInput>));
    expect([...new Set(all)].sort()).toEqual([...DECLARATION_PROBLEMS].sort());
  });
});

describe("claimedBasis", () => {
  it.each([
    ["consent", "consent", "consent"],
    ["consent", "existing-customer", "consent"],
    ["consent", null, "consent"],
    ["existing-customer", "existing-customer", "existing-customer"],
    ["existing-customer", "consent", "none"],
    ["existing-customer", null, "none"],
  ] as const)("subscription %s, declared %s → %s", (subscriptionBasis, declaredBasis, expected) => {
    expect(claimedBasis({ subscriptionBasis, declaredBasis })).toBe(expected);
  });
});

describe("declarationEffects", () => {
  const fx = (d: Parameters<typeof declarationEffects>[0]) => declarationEffects(d).map((e) => `${e.cause}:${e.basis}:${e.code}`);
  it.each([
    [{ categories: ["bikes"], thirdPartyPromotion: false, basis: "existing-customer" as const }, ["categories:existing-customer:DENY_NOT_SIMILAR_PRODUCT"]],
    [{ categories: [], thirdPartyPromotion: false, basis: "existing-customer" as const }, ["no-categories:existing-customer:DENY_CUSTOMER_NO_CATEGORIES"]],
    [{ categories: ["bikes"], thirdPartyPromotion: true, basis: "existing-customer" as const }, [
      "third-party-offer:existing-customer:DENY_THIRD_PARTY_NEEDS_CONSENT", "third-party-offer:consent:DENY_THIRD_PARTY_NEEDS_CONSENT",
      "categories:existing-customer:DENY_NOT_SIMILAR_PRODUCT"]],
    [{ categories: ["bikes"], thirdPartyPromotion: true, basis: "consent" as const }, [
      "consent-only:existing-customer:DENY_NO_BASIS", "third-party-offer:consent:DENY_THIRD_PARTY_NEEDS_CONSENT"]],
    [{ categories: [], thirdPartyPromotion: false, basis: "consent" as const }, ["consent-only:existing-customer:DENY_NO_BASIS"]],
  ])("%o", (d, expected) => {
    expect(fx(d)).toEqual(expected);
  });
});
