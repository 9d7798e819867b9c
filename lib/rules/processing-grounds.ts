// The lawful grounds the processing register and the privacy statement name (AVG art. 13(1)(c), 30(1)(b)),
// decided from what a newsletter is configured to do. R-TWO-LAYERS: each newsletter is processed on the
// AVG ground that lets the organisation store the data AND sent on the Tw 11.7 ground that lets it mail;
// both are named. The supporting records (proof, per-send records, suppression list, buyers' records)
// have grounds of their own. Paragraph numbers of Tw 11.7 are [GK] (catalogue provenance markers).

/** One processing activity of the register. */
export type ProcessingActivity =
  | "newsletter-consent"
  | "newsletter-existing-customer"
  | "consent-proof"
  | "send-record"
  | "suppression-list"
  | "customer-record";

/** An article: `law` AVG (GDPR), UAVG or Tw (Telecommunicatiewet); `article` as "6(1)(a)" or "11.7(1)". */
export type LegalReference = { law: "AVG" | "UAVG" | "Tw"; article: string };

export type ProcessingGround = {
  activity: ProcessingActivity;
  /** The AVG ground for storing and using the data (art. 6), and for children the consent rule. */
  processing: LegalReference[];
  /** The ground for sending electronic direct marketing (Tw 11.7); empty for records that are not mail. */
  sending: LegalReference[];
  ruleIds: string[];
  /** R-CHILD-UNDER-16: this ground is never used for anyone under 16 (the customer basis of a children's newsletter). */
  notUnder16?: true;
};

export type NewsletterGroundFacts = {
  /** Purchase categories whose buyers may get it on the existing-customer basis (Newsletter.customerProducts). */
  customerProducts: string[];
  aimedAtChildren: boolean;
};

/** The grounds one newsletter is processed and sent on: consent always; the existing-customer exception when its product map lists any category. */
export function newsletterGrounds(n: NewsletterGroundFacts): ProcessingGround[] {
  const consent: ProcessingGround = {
    activity: "newsletter-consent",
    processing: [{ law: "AVG", article: "6(1)(a)" }, ...(n.aimedAtChildren ? [{ law: "AVG" as const, article: "8" }, { law: "UAVG" as const, article: "5" }] : [])],
    sending: [{ law: "Tw", article: "11.7(1)" }],
    ruleIds: ["R-BASIS-ELECTRONIC", "R-TWO-LAYERS", ...(n.aimedAtChildren ? ["R-CHILD-UNDER-16"] : [])],
  };
  if (n.customerProducts.length === 0) return [consent];
  return [consent, {
    activity: "newsletter-existing-customer",
    // Legitimate interest may justify the processing (recital 47), never the sending (R-NO-LI-FOR-ELECTRONIC).
    processing: [{ law: "AVG", article: "6(1)(f)" }],
    sending: [{ law: "Tw", article: "11.7(3)" }],
    ruleIds: ["R-CUSTOMER-DEFINITION", "R-CUSTOMER-CONTACT-FROM-SALE", "R-CUSTOMER-OPTOUT-AT-COLLECTION", "R-CUSTOMER-OWN-SIMILAR", "R-NO-LI-FOR-ELECTRONIC", "R-TWO-LAYERS",
      ...(n.aimedAtChildren ? ["R-CHILD-UNDER-16"] : [])],
    ...(n.aimedAtChildren ? { notUnder16: true as const } : {}),
  }];
}

/** The records every install keeps beside the newsletters; the buyers' record only when some newsletter uses the customer basis. */
export function supportingGrounds({ customerBasisUsed }: { customerBasisUsed: boolean }): ProcessingGround[] {
  const out: ProcessingGround[] = [
    { activity: "consent-proof", processing: [{ law: "AVG", article: "5(2)" }, { law: "AVG", article: "7(1)" }], sending: [], ruleIds: ["R-CONSENT-PROOF", "R-RET-PROOF-AFTER-WITHDRAWAL"] },
    { activity: "send-record", processing: [{ law: "AVG", article: "5(2)" }], sending: [], ruleIds: ["R-CONSENT-PROOF", "R-BASIS-ELECTRONIC"] },
    // R-RET-SUPPRESSION-HASH: the obligation to stop (Tw 11.7, AVG art. 21(3)) under art. 6(1)(c), else 6(1)(f).
    { activity: "suppression-list", processing: [{ law: "AVG", article: "6(1)(c)" }, { law: "AVG", article: "21(3)" }, { law: "AVG", article: "6(1)(f)" }], sending: [], ruleIds: ["R-RET-SUPPRESSION-HASH", "R-OBJECTION-ABSOLUTE"] },
  ];
  if (customerBasisUsed) out.push({ activity: "customer-record", processing: [{ law: "AVG", article: "6(1)(b)" }], sending: [], ruleIds: ["R-TWO-LAYERS"] });
  return out;
}
