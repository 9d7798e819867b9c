// The stored basis (Prisma enum Basis: consent | existing_customer) and lib/rules' name for it (catalogue
// §2.1: consent | existing-customer), by table: modules translate, they never compare bases by hand.
export type StoredBasis = "consent" | "existing_customer";
export type RulesBasis = "consent" | "existing-customer";

const TO_RULES: Record<StoredBasis, RulesBasis> = { consent: "consent", existing_customer: "existing-customer" };

/** A stored basis, or null for anything else (form input, an unknown value). */
export function parseStoredBasis(value: unknown): StoredBasis | null {
  return typeof value === "string" && Object.hasOwn(TO_RULES, value) ? (value as StoredBasis) : null;
}

/** lib/rules' name for a stored basis; an unknown value is read as consent, whose checks are the strictest. */
export function rulesBasis(stored: string): RulesBasis {
  return TO_RULES[parseStoredBasis(stored) ?? "consent"];
}
