// R-TWO-LAYERS: whether the organisation may still STORE a person's record (AVG art. 6) is a question
// apart from whether it may MAIL them (Tw 11.7). Here the storage side for a buyer: the contract
// (art. 6(1)(b)) keeps the customer record for the organisation's stated customerRecordMonths after the
// last purchase, a term of its own (R-RET-NO-FIXED-TERM) that is never "forever" and has nothing to do with
// the marketing customer window (R-CUSTOMER-STALE). Bad input throws: a purge must not guess.
import { z } from "zod";
import { addMonths, requireMillis } from "./dates";
import { formatIssue } from "./format-issue";

export type ProcessingBasis = "contract" | "none";

/** Months a buyer's record is kept for the contract; a whole number from 1 (a century at most: a typo). */
export const customerRecordMonthsSchema = z.number().int().min(1).max(1200);
export const DEFAULT_CUSTOMER_RECORD_MONTHS = 24;

export type ProcessingBasisFacts = {
  /** The latest purchase (ISO), or null for someone who never bought anything. */
  lastPurchaseAt: string | null;
  customerRecordMonths: number;
  now: Date | string;
};

export type ProcessingBasisDecision = {
  basis: ProcessingBasis;
  ruleId: "R-TWO-LAYERS";
  /** Until when the contract basis lasts (ISO); null without one. */
  until: string | null;
};

export function processingBasis(facts: ProcessingBasisFacts): ProcessingBasisDecision {
  const months = facts.customerRecordMonths;
  // The purge asks once per person: the plain check first, zod only for the message.
  if (!(Number.isInteger(months) && months >= 1 && months <= 1200)) {
    const parsed = customerRecordMonthsSchema.safeParse(months, { reportInput: true });
    throw new RangeError(parsed.success ? `customerRecordMonths: invalid ${months}` : formatIssue(parsed.error, "customerRecordMonths"));
  }
  const now = requireMillis(facts.now, "now");
  if (facts.lastPurchaseAt === null) return { basis: "none", ruleId: "R-TWO-LAYERS", until: null };
  const until = addMonths(requireMillis(facts.lastPurchaseAt, "lastPurchaseAt"), months);
  return until > now
    ? { basis: "contract", ruleId: "R-TWO-LAYERS", until: new Date(until).toISOString() }
    : { basis: "none", ruleId: "R-TWO-LAYERS", until: null };
}
