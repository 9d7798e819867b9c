// The structured definition of a signup (or checkout/booking) form that lintForm checks (catalogue §3.2).
import { z } from "zod";
import { retentionPolicySchema } from "./retention-policy";

const text = z.string();

export const formLintInputSchema = z.object({
  language: z.enum(["nl", "en"]),
  controller: z.object({ name: text, contact: text }),
  privacyUrl: text,
  retentionStatement: text,
  withdrawalStatement: text,
  /** What data is collected (and whether opens/clicks are tracked). */
  dataStatement: text,
  /** What is stored at signup and confirmation and why (proof of consent): proofStatement() from lib/rules. */
  proofStatement: text,
  /** The legal basis (consent, AVG art. 6(1)(a)): legalBasisStatement() from lib/rules. */
  legalBasisStatement: text,
  checkboxes: z.array(z.object({
    newsletterIds: z.array(text),
    label: text,
    preChecked: z.boolean(),
    purpose: text,
    frequency: text.optional(),
  })),
  fields: z.array(z.object({ name: text, required: z.boolean(), purpose: text.optional() })),
  /** Consent combined with accepting the T&C in one box, or hidden in the T&C. */
  termsBundled: z.boolean(),
  /** What newsletter consent is made a condition of (download, account, booking...), or null. */
  conditionalOn: text.nullable().optional(),
  offers: z.array(z.object({ kind: text, requiresNewsletter: z.boolean() })).optional(),
  thirdPartySharing: z.object({ named: z.boolean(), separateBox: z.boolean() }).nullable().optional(),
  /** R-HOTEL-EMAIL-VOLUNTARY: on a form that also serves something else, e-mail is marked voluntary. */
  emailOptionalMarked: z.boolean().optional(),
  /** §3.2 item 9: newsletters aimed at minors ask the age and have a parental consent flow. */
  children: z.object({
    aimedAtMinors: z.boolean(),
    ageQuestion: z.boolean(),
    parentalConsentFlow: z.boolean(),
  }).nullable().optional(),
  /** When given, retentionStatement must be exactly the text generated from this policy. */
  retentionPolicy: retentionPolicySchema.partial().nullable().optional(),
});

export type FormLintInput = z.infer<typeof formLintInputSchema>;
