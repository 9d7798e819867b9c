// What the issue's declaration does to each group of recipients, for the pre-send report: lib/rules'
// declarationEffects says which exclusion each part can cause, the report's per-basis counts say how many.
import { declarationEffects, type DeclarationEffect } from "../rules/index.ts";
import type { DeclarationSnapshot } from "./issue-declaration.ts";
import type { SendReport } from "./pre-send-report.ts";
import { rulesBasis } from "../subscribers/basis.ts";

export type DeclarationEffectLine = DeclarationEffect & { label: string; count: number; text: string };

const CAUSE: Record<DeclarationEffect["cause"], string> = {
  "third-party-offer": "third-party offer",
  "consent-only": "consent only",
  "no-categories": "no categories declared",
  categories: "declared categories",
};
const GROUP: Record<DeclarationEffect["basis"], { key: string; name: string }> = {
  consent: { key: "consent", name: "consent-basis" },
  "existing-customer": { key: "existing_customer", name: "customer-basis" },
};

/** One line per effect, e.g. "third-party offer: 412 customer-basis recipients excluded, DENY_THIRD_PARTY_NEEDS_CONSENT". */
export function reportDeclarationEffects(opts: { report: SendReport; declaration: DeclarationSnapshot }): DeclarationEffectLine[] {
  const d = opts.declaration;
  return declarationEffects({
    categories: d.categories, thirdPartyPromotion: d.thirdPartyPromotion, basis: rulesBasis(d.basis),
  }).map((e) => {
    const group = GROUP[e.basis];
    const count = opts.report.byBasis[group.key]?.excluded[e.code] ?? 0;
    const label = CAUSE[e.cause];
    return { ...e, label, count, text: `${label}: ${count} ${group.name} ${count === 1 ? "recipient" : "recipients"} excluded, ${e.code}` };
  });
}
