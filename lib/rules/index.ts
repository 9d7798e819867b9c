// Public API of the rules module: pure functions only (no I/O, no clock, no database).
export {
  DEFAULT_FACTS, deepMerge, factsSchema,
  type Facts, type Decision, type DeepPartial, type Channel, type Basis,
  type ConsentMethod, type ConsentSource, type CustomerRelation, type ConsentProof,
} from "./facts";
export * from "./reasons";
export { decideSend } from "./decide-send";
export { RULES_VERSION } from "./version";
export { canonicalJson, canonicalFacts } from "./canonical-json";
export { marketingObligations } from "./obligations";
export { isCustomerStale } from "./check-customer";
export {
  checkDeclaration, claimedBasis, declarationEffects,
  type DeclaredBasis, type DeclarationInput, type DeclarationProblem, type DeclarationCheck, type DeclarationEffect,
} from "./check-declaration";
export { lintForm, type FormLintInput, type FormLintResult, type FormLintViolation } from "./lint-form";
export { formLintInputSchema } from "./form-input";
export { proofStatement, legalBasisStatement } from "./proof-statement";
export { decideFormVersion, type FormVersionFacts, type FormVersionDecision } from "./decide-form-version";
export { decideSignupAge, type SignupAgeFacts, type SignupAgeDecision } from "./decide-signup-age";
export { decideImport, type ImportRowFacts, type ImportDecision } from "./decide-import";
export { checkImportFile, type ImportFileFacts } from "./check-import-file";
export { decidePurchase, type PurchaseFacts, type PurchaseDecision } from "./decide-purchase";
export { decideExport, EXPORT_PURPOSES, type ExportFacts, type ExportDecision, type ExportPurpose } from "./decide-export";
export {
  retentionAction, deliveryLogAction, retentionStatement, cutoff,
  DEFAULT_RETENTION_POLICY, resolveRetentionPolicy, retentionPolicySchema, effectiveRetentionTerms, shortestTerms,
  processingBasis, customerRecordMonthsSchema, DEFAULT_CUSTOMER_RECORD_MONTHS,
  type RetentionFacts, type RetentionDecision, type RetentionSubscription,
  type RetentionPolicy, type RetentionPolicyInput, type PromisedRetentionTerms,
  type ProcessingBasis, type ProcessingBasisDecision, type ProcessingBasisFacts,
} from "./retention-action";
export { decideErasure, type ErasureRequest, type ErasureDecision } from "./decide-erasure";
export { retentionOutlook, erasedOn, type RetentionOutlook, type OutlookSubscription, type SubscriptionOutlook } from "./retention-outlook";
export { addMonths, wholeMonthsBetween, isIsoInstant } from "./dates";
export { formatIssue } from "./format-issue";
export {
  classifyPurposeChange, textChange,
  type PurposeFields, type LanguageTexts, type PurposeField, type PurposeChange, type PurposeChangeKind, type PurposeFieldChange,
} from "./classify-purpose-change";
export { decideWithdrawal, type WithdrawalFacts, type WithdrawalDecision } from "./decide-withdrawal";
export { suppressionFacts, storedSuppressionReason, type StoredSuppression, type SuppressionFactsInput } from "./suppression-facts";
export { liftsSuppression, type LiftFacts } from "./lifts-suppression";
export { decideInbound, decideStaffInbound, type InboundFacts, type InboundAction, type StaffInboundFacts, type StaffInboundAction } from "./decide-inbound";
export { suppressionCause, SUPPRESSION_CAUSES, type SuppressionCause } from "./suppression-cause";
export {
  newsletterGrounds, supportingGrounds,
  type ProcessingActivity, type ProcessingGround, type LegalReference, type NewsletterGroundFacts,
} from "./processing-grounds";
