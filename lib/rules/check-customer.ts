// E4 for basis=existing-customer (Tw 11.7 existing-customer exception), in the catalogue's order (§2.2).
// Shared by the send gate and the CSV import, so both judge a customer the same way.
import type { Channel, Facts } from "./facts";
import { addMonths, toMillis } from "./dates";

export type CustomerCheckInput = {
  channel: Channel;
  now: string;
  customerWindowMonths: number | null;
  customer: Facts["customer"];
  categories: string[];
  thirdPartyPromotion: boolean;
  assessmentDocumented: boolean;
};

export type CustomerReason =
  | "DENY_NOT_A_CUSTOMER" | "DENY_CONTACT_NOT_FROM_SALE" | "DENY_NO_OPTOUT_AT_COLLECTION"
  | "DENY_THIRD_PARTY_NEEDS_CONSENT" | "DENY_CUSTOMER_NO_CATEGORIES" | "DENY_NOT_SIMILAR_PRODUCT" | "DENY_CUSTOMER_STALE"
  | "DENY_ASSESSMENT_MISSING" | "ALLOW_EXISTING_CUSTOMER";

/**
 * R-CUSTOMER-STALE: stale once `windowMonths` whole months have passed since the last purchase
 * (null = no limit). An unparseable date counts as stale: no proof of a current relation.
 */
export function isCustomerStale(lastPurchaseAt: string, now: string, windowMonths: number | null): boolean {
  if (windowMonths === null) return false;
  const bought = toMillis(lastPurchaseAt);
  const at = toMillis(now);
  if (Number.isNaN(bought) || Number.isNaN(at)) return true;
  return addMonths(bought, windowMonths) <= at;
}

export function checkCustomer(input: CustomerCheckInput): CustomerReason {
  const { customer, channel } = input;
  const post = channel === "post";
  if (customer === null || customer.relation !== "purchase") return "DENY_NOT_A_CUSTOMER"; // R-CUSTOMER-DEFINITION
  if (!post && !customer.obtainedInSale) return "DENY_CONTACT_NOT_FROM_SALE"; // R-CUSTOMER-CONTACT-FROM-SALE
  if (!post && !customer.optOutOfferedAtCollection) return "DENY_NO_OPTOUT_AT_COLLECTION"; // R-CUSTOMER-OPTOUT-AT-COLLECTION
  if (input.thirdPartyPromotion) return "DENY_THIRD_PARTY_NEEDS_CONSENT"; // R-CUSTOMER-NO-THIRD-PARTY
  // R-CUSTOMER-OWN-SIMILAR: with no declared category nothing shows the content is about similar products;
  // without this check an empty list would pass the similarity check vacuously.
  if (!post && input.categories.length === 0) return "DENY_CUSTOMER_NO_CATEGORIES";
  if (!post && input.categories.some((c) => !customer.similarCategories.includes(c))) {
    return "DENY_NOT_SIMILAR_PRODUCT"; // R-CUSTOMER-OWN-SIMILAR
  }
  if (isCustomerStale(customer.lastPurchaseAt, input.now, input.customerWindowMonths)) return "DENY_CUSTOMER_STALE";
  if (post && !input.assessmentDocumented) return "DENY_ASSESSMENT_MISSING"; // R-POST: art. 6(4) assessment
  return "ALLOW_EXISTING_CUSTOMER";
}
