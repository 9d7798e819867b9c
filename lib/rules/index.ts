// Public API of the rules module: pure functions only (no I/O, no clock, no database).
export {
  DEFAULT_FACTS, deepMerge, factsSchema,
  type Facts, type Decision, type DeepPartial, type Channel, type Basis,
  type ConsentMethod, type ConsentSource, type CustomerRelation,
} from "./facts";
export * from "./reasons";
export { decideSend } from "./decide-send";
export { marketingObligations } from "./obligations";
export { isCustomerStale } from "./check-customer";
export { lintForm, type FormLintInput, type FormLintResult, type FormLintViolation } from "./lint-form";
export { formLintInputSchema } from "./form-input";
export { decideImport, type ImportRowFacts, type ImportDecision } from "./decide-import";
export {
  retentionAction, deliveryLogAction, retentionStatement, cutoff,
  DEFAULT_RETENTION_POLICY, resolveRetentionPolicy, retentionPolicySchema,
  type RetentionFacts, type RetentionDecision, type RetentionSubscription,
  type RetentionPolicy, type RetentionPolicyInput,
} from "./retention-action";
export { addMonths, wholeMonthsBetween, isIsoInstant } from "./dates";
export { formatIssue } from "./format-issue";
export { decideWithdrawal, type WithdrawalFacts, type WithdrawalDecision } from "./decide-withdrawal";
export { suppressionFacts, storedSuppressionReason, type StoredSuppression, type SuppressionFactsInput } from "./suppression-facts";
export { liftsSuppression, type LiftFacts } from "./lifts-suppression";
