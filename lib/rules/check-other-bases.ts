// E4 for the bases other than consent and existing customer (catalogue §2.2).
import type { Facts } from "./facts";
import type { SendReason } from "./reasons";

const ELECTRONIC = new Set(["email", "sms", "app"]);

export function checkOtherBasis(facts: Facts): SendReason {
  const { channel, recipient } = facts;
  switch (facts.basis) {
    case "b2b-published": // R-B2B-PUBLISHED-ADDRESS; an e-mail exception, no basis for calls or post
      if (channel === "phone" || channel === "post") return "DENY_NO_BASIS";
      if (recipient.kind !== "organisation") return "DENY_B2B_EXCEPTION_NOT_APPLICABLE"; // R-B2B-SOLE-TRADER
      if (!recipient.addressPublishedForOffers) return "DENY_B2B_NO_CONSENT";
      return "ALLOW_B2B_PUBLISHED_ADDRESS";
    case "b2b-non-eea": // R-B2B-NON-EEA
      if (recipient.kind !== "organisation") return "DENY_B2B_EXCEPTION_NOT_APPLICABLE";
      if (recipient.eea) return "DENY_B2B_NO_CONSENT";
      if (!facts.b2b.nonEeaLocalRulesOk) return "DENY_NON_EEA_LOCAL_RULES_NOT_MET";
      return "ALLOW_B2B_NON_EEA";
    case "legitimate-interest": // R-NO-LI-FOR-ELECTRONIC, R-POST
      if (ELECTRONIC.has(channel)) return "DENY_LI_NOT_VALID_ELECTRONIC";
      if (channel === "phone") return "DENY_NO_BASIS"; // R-TEL: calls need consent since 1 July 2021
      if (facts.post.inPostfilter) return "DENY_POSTFILTER";
      if (!facts.post.assessmentDocumented) return "DENY_ASSESSMENT_MISSING";
      return "ALLOW_LEGITIMATE_INTEREST";
    case "charity-supporter": // R-TEL exception (2)
      return channel === "phone" && facts.org.isCharity ? "ALLOW_CHARITY_SUPPORTER" : "DENY_NO_BASIS";
    case "published-for-sales": // R-TEL exception (3)
      return channel === "phone" && facts.phone.numberPublishedForSales ? "ALLOW_PUBLISHED_FOR_SALES" : "DENY_NO_BASIS";
    default: // "none" (R-BASIS-ELECTRONIC), and consent/customer are not handled here
      return "DENY_NO_BASIS";
  }
}
