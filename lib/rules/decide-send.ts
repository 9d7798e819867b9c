// The send gate: a pure function of the facts, evaluated in the catalogue's normative order (§2.2);
// the first rule that fires decides. It never reads the clock: `facts.now` is the time of the decision.
import type { Decision, Facts } from "./facts";
import type { SendReason } from "./reasons";
import { isSuppressed } from "./is-suppressed";
import { checkConsent } from "./check-consent";
import { checkCustomer } from "./check-customer";
import { checkOtherBasis } from "./check-other-bases";
import { marketingObligations } from "./obligations";

const ELECTRONIC = new Set(["email", "sms", "app"]);

// E0 (R-SCOPE-ELECTRONIC-DM, R-DOUBLE-OPT-IN): pure service mail and the one DOI mail skip the gate;
// anything carrying promotion is marketing, whatever the caller calls it.
function messageKind(facts: Facts): Decision | null {
  const { kind, marketingContent } = facts.message;
  if (kind === "transactional" && !marketingContent) {
    return { allowed: true, reason: "ALLOW_TRANSACTIONAL", obligations: [] };
  }
  if (kind === "confirmation-request" && !marketingContent &&
      facts.basis === "consent" && facts.consent?.status === "pending") {
    return { allowed: true, reason: "ALLOW_CONFIRMATION_REQUEST", obligations: ["O-CONFIRMATION-MAIL"] };
  }
  return null;
}

// E1 (R-CUSTOMER-OPTOUT-EVERY-MESSAGE, R-WITHDRAW-ANYTIME, O-*): a defective message is refused for
// everyone, before looking at the recipient.
function messageDefect(facts: Facts): SendReason | null {
  const { channel, message } = facts;
  if (ELECTRONIC.has(channel) && !message.unsubscribeLink) return "DENY_MISSING_UNSUBSCRIBE";
  if (channel === "email" && !message.listUnsubscribeHeaders) return "DENY_MISSING_LIST_UNSUBSCRIBE";
  if (ELECTRONIC.has(channel) && !message.senderIdentity) return "DENY_MISSING_SENDER_IDENTITY";
  if (channel === "phone" && !facts.phone.callerIdShown) return "DENY_CALLER_ID_HIDDEN"; // R-TEL
  return null;
}

// E3 (R-CHILD-UNDER-16): only consent given by a parent counts; unknown age (null) is not checked here.
function childWithoutParent(facts: Facts): boolean {
  return facts.recipient.under16 === true &&
    !(facts.basis === "consent" && facts.consent?.givenBy === "parent");
}

// E0 (R-CONSENT-PER-NEWSLETTER, R-CONSENT-INFORMED): the promotion-free request to accept a newsletter's
// changed purpose. It is itself DM (R-SCOPE-ELECTRONIC-DM, §4.7), so it goes only to someone with another
// valid basis: consent to this newsletter that is valid in every respect but its purpose revision, which is
// an earlier one; the message must carry what every message carries (E1) and nobody suppressed gets it.
// Anyone else gets the gate's normal answer for the message.
function repermissionRequest(facts: Facts): Decision | null {
  const { message, consent } = facts;
  if (message.kind !== "repermission-request" || message.marketingContent || facts.basis !== "consent") return null;
  const agreed = consent?.purposeRevision ?? null;
  const current = message.purposeRevision ?? null;
  if (agreed === null || current === null || agreed >= current) return null;
  if (messageDefect(facts) || isSuppressed(facts) || childWithoutParent(facts)) return null;
  if (checkConsent(facts) !== "DENY_CONSENT_PURPOSE_CHANGED") return null;
  return { allowed: true, reason: "ALLOW_REPERMISSION_REQUEST", obligations: marketingObligations(facts.channel) };
}

// E4: the claimed basis is checked; the gate never substitutes another.
function basisCheck(facts: Facts): SendReason {
  switch (facts.basis) {
    case "consent":
      return checkConsent(facts);
    case "existing-customer":
      return checkCustomer({
        channel: facts.channel,
        now: facts.now,
        customerWindowMonths: facts.org.customerWindowMonths,
        customer: facts.customer,
        categories: facts.message.categories,
        thirdPartyPromotion: facts.message.thirdPartyPromotion,
        assessmentDocumented: facts.post.assessmentDocumented,
      });
    default:
      return checkOtherBasis(facts);
  }
}

/** Decides whether one message may go to one recipient (catalogue §2.2, E0..E4). */
export function decideSend(facts: Facts): Decision {
  const early = messageKind(facts) ?? repermissionRequest(facts);
  if (early) return early;
  const reason: SendReason =
    messageDefect(facts) ??
    (isSuppressed(facts) ? "DENY_SUPPRESSED" : null) ??
    (childWithoutParent(facts) ? "DENY_CHILD_PARENTAL_CONSENT_REQUIRED" : null) ??
    basisCheck(facts);
  const allowed = reason.startsWith("ALLOW_");
  return { allowed, reason, obligations: allowed ? marketingObligations(facts.channel) : [] };
}
