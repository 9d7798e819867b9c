// R-CHILD-UNDER-16 at signup: who must give the consent, and where the double opt-in mail goes. A form
// that offers a newsletter aimed at children asks "16 or older / under 16"; under 16 the consent is
// the parent's or guardian's, so the confirmation mail goes to their address and only their confirm
// counts (givenBy = parent). The age is a self-declaration; asking it and routing under-16s to a parent
// is the "reasonable effort" the catalogue asks. Pure: the caller validates the addresses.
import type { SignupAgeReason } from "./reasons";

export type SignupAgeFacts = {
  /** The form version the person saw asks the age question. */
  asksAge: boolean;
  /** At least one chosen newsletter is aimed at children or teenagers (as it is now). */
  childrenNewsletterChosen: boolean;
  age: "16-or-older" | "under-16" | null;
  /** The parent's or guardian's address as given: absent, not an address, the person's own, or usable. */
  guardianEmail: "absent" | "invalid" | "same-as-subject" | "valid";
};

export type SignupAgeDecision =
  | { ok: true; reason: Extract<SignupAgeReason, `ACCEPT_${string}`>; givenBy: "subject" | "parent"; ageBand: "under16" | "adult" | null; confirmationTo: "subject" | "guardian" }
  | { ok: false; reason: Exclude<SignupAgeReason, `ACCEPT_${string}`>; ruleId: "R-CHILD-UNDER-16"; field: "age" | "guardianEmail" | null };

const deny = (reason: Exclude<SignupAgeReason, `ACCEPT_${string}`>, field: "age" | "guardianEmail" | null): SignupAgeDecision =>
  ({ ok: false, reason, ruleId: "R-CHILD-UNDER-16", field });

export function decideSignupAge(f: SignupAgeFacts): SignupAgeDecision {
  // An older form version without the question cannot sign anyone up for a children's newsletter.
  if (!f.asksAge) {
    return f.childrenNewsletterChosen ? deny("SIGNUP_AGE_NOT_ASKED", null)
      : { ok: true, reason: "ACCEPT_OWN_CONSENT", givenBy: "subject", ageBand: null, confirmationTo: "subject" };
  }
  if (f.age === null) {
    // The answer is needed for a children's newsletter; for the others on the same form it is optional.
    return f.childrenNewsletterChosen ? deny("SIGNUP_AGE_UNANSWERED", "age")
      : { ok: true, reason: "ACCEPT_OWN_CONSENT", givenBy: "subject", ageBand: null, confirmationTo: "subject" };
  }
  if (f.age === "16-or-older") return { ok: true, reason: "ACCEPT_OWN_CONSENT", givenBy: "subject", ageBand: "adult", confirmationTo: "subject" };
  // Under 16, for any newsletter on the form: a child's own consent is not valid.
  if (f.guardianEmail === "absent") return deny("SIGNUP_GUARDIAN_REQUIRED", "guardianEmail");
  if (f.guardianEmail === "invalid") return deny("SIGNUP_GUARDIAN_INVALID", "guardianEmail");
  if (f.guardianEmail === "same-as-subject") return deny("SIGNUP_GUARDIAN_SAME_ADDRESS", "guardianEmail");
  return { ok: true, reason: "ACCEPT_PARENTAL_CONSENT", givenBy: "parent", ageBand: "under16", confirmationTo: "guardian" };
}
