import { describe, it, expect } from "vitest";
import { decideSignupAge, type SignupAgeFacts } from "./decide-signup-age";
import { SIGNUP_AGE_REASONS, reasonLabel } from "./reasons";

const CHILD_FORM: SignupAgeFacts = { asksAge: true, childrenNewsletterChosen: true, age: "under-16", guardianEmail: "valid" };

describe("decideSignupAge (R-CHILD-UNDER-16)", () => {
  // [name, overrides, reason, givenBy, ageBand, confirmationTo, field]
  it.each<[string, Partial<SignupAgeFacts>, string, string | null, string | null, string | null, string | null]>([
    ["under 16 with a parent's address: the parent confirms", {}, "ACCEPT_PARENTAL_CONSENT", "parent", "under16", "guardian", null],
    ["under 16 without a parent's address", { guardianEmail: "absent" }, "SIGNUP_GUARDIAN_REQUIRED", null, null, null, "guardianEmail"],
    ["under 16 with something that is not an address", { guardianEmail: "invalid" }, "SIGNUP_GUARDIAN_INVALID", null, null, null, "guardianEmail"],
    ["under 16 giving their own address as the parent's", { guardianEmail: "same-as-subject" }, "SIGNUP_GUARDIAN_SAME_ADDRESS", null, null, null, "guardianEmail"],
    ["16 or older: own consent, a parent's address is ignored", { age: "16-or-older" }, "ACCEPT_OWN_CONSENT", "subject", "adult", "subject", null],
    ["16 or older without a parent's address", { age: "16-or-older", guardianEmail: "absent" }, "ACCEPT_OWN_CONSENT", "subject", "adult", "subject", null],
    ["no answer while a children's newsletter is chosen", { age: null }, "SIGNUP_AGE_UNANSWERED", null, null, null, "age"],
    ["no answer, only other newsletters chosen on the same form", { age: null, childrenNewsletterChosen: false }, "ACCEPT_OWN_CONSENT", "subject", null, "subject", null],
    ["under 16 on the same form for another newsletter: still the parent", { childrenNewsletterChosen: false }, "ACCEPT_PARENTAL_CONSENT", "parent", "under16", "guardian", null],
    ["an older form version without the question, children's newsletter chosen", { asksAge: false, age: null }, "SIGNUP_AGE_NOT_ASKED", null, null, null, null],
    ["a form without children's newsletters", { asksAge: false, childrenNewsletterChosen: false, age: null, guardianEmail: "absent" }, "ACCEPT_OWN_CONSENT", "subject", null, "subject", null],
  ])("%s → %s", (_name, over, reason, givenBy, ageBand, confirmationTo, field) => {
    const d = decideSignupAge({ ...CHILD_FORM, ...over });
    expect(d.reason).toBe(reason);
    if (d.ok) {
      expect(givenBy).not.toBeNull();
      expect(d).toEqual({ ok: true, reason, givenBy, ageBand, confirmationTo });
    } else {
      expect(givenBy).toBeNull();
      expect(d).toEqual({ ok: false, reason, ruleId: "R-CHILD-UNDER-16", field });
    }
  });

  it.each(SIGNUP_AGE_REASONS)("%s has an English and a Dutch label", (code) => {
    expect(reasonLabel(code, "en")).not.toBe(code);
    expect(reasonLabel(code, "nl")).not.toBe(code);
  });
});
