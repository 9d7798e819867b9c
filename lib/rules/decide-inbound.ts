// What a bounce, complaint or reply that came back in does (issue 14 D3; R-OBJECTION-ABSOLUTE,
// R-WITHDRAW-ANYTIME, R-UNSUB-SCOPE, R-RET-SUPPRESSION-HASH). Pure: lib/inbound/apply-inbound.ts gathers the
// facts and carries the answer out. Each action it names is one ledger event.
//
// - Nothing is ever done without a verified id of ours (`matched`): an unmatched event is kept for staff.
// - Hard bounce: the address cannot take mail; suppression `bounce`, scope all (it counts as a withdrawal in
//   the gate, so the person's own later DOI lifts it). The subscriptions stay: the person asked for nothing.
// - Soft bounce: counted; the `limit`-th soft-bounced delivery within `days` days suppresses like a hard one.
// - Complaint (ARF abuse/fraud/…): an objection to all direct marketing, at once (R-OBJECTION-ABSOLUTE):
//   suppression `complaint` scope all, every subscription ends, an objection event with the provider as channel.
// - Reply to the List-Unsubscribe mailto: a withdrawal for that newsletter, exactly as the link does
//   (decideWithdrawal decides its scope: a customer-basis subscription objects to all).
import type { InboundReason } from "./reasons";
import { storedSuppressionReason } from "./suppression-facts";

export type InboundFacts = {
  kind: "hard-bounce" | "soft-bounce" | "complaint" | "unsubscribe-reply" | "unknown";
  /** A verified id named a delivery (or, for a reply, a subscription) whose subscriber we still hold. */
  matched: boolean;
  /** Stored reasons of the address's active scope-"all" suppression entries. */
  activeAllScopeReasons: string[];
  /** Distinct deliveries to this address that soft-bounced within `softBounce.days`, this one included. */
  softBouncedDeliveries: number;
  softBounce: { limit: number; days: number };
};

export type InboundAction =
  | { action: "store"; code: InboundReason; ruleId: string }
  | { action: "suppress"; scope: "all"; reason: "bounce"; event: "bounce"; code: InboundReason; ruleId: string }
  | { action: "object"; scope: "all"; reason: "complaint"; event: "objection"; endSubscriptions: "all"; code: InboundReason; ruleId: string }
  | { action: "withdraw"; scope: "newsletter"; code: InboundReason; ruleId: string };

export function decideInbound(f: InboundFacts): InboundAction {
  if (f.kind === "unknown") return { action: "store", code: f.matched ? "INBOUND_NOTHING_TO_DO" : "INBOUND_UNMATCHED", ruleId: "POLICY-INBOUND-MATCH" };
  if (!f.matched) return { action: "store", code: "INBOUND_UNMATCHED", ruleId: "POLICY-INBOUND-MATCH" };
  const suppressedAll = f.activeAllScopeReasons.length > 0;
  const objectedAll = f.activeAllScopeReasons.some((r) => storedSuppressionReason(r) === "objection");
  switch (f.kind) {
    case "complaint":
      // An objection already in force for everything: recording it again adds nothing.
      if (objectedAll) return { action: "store", code: "INBOUND_ALREADY_SUPPRESSED", ruleId: "R-OBJECTION-ABSOLUTE" };
      return { action: "object", scope: "all", reason: "complaint", event: "objection", endSubscriptions: "all", code: "INBOUND_COMPLAINT", ruleId: "R-OBJECTION-ABSOLUTE" };
    case "unsubscribe-reply":
      return { action: "withdraw", scope: "newsletter", code: "INBOUND_REPLY_UNSUBSCRIBE", ruleId: "R-WITHDRAW-ANYTIME" };
    case "hard-bounce":
      if (suppressedAll) return { action: "store", code: "INBOUND_ALREADY_SUPPRESSED", ruleId: "R-RET-SUPPRESSION-HASH" };
      return { action: "suppress", scope: "all", reason: "bounce", event: "bounce", code: "INBOUND_HARD_BOUNCE", ruleId: "R-RET-SUPPRESSION-HASH" };
    case "soft-bounce":
      if (suppressedAll) return { action: "store", code: "INBOUND_ALREADY_SUPPRESSED", ruleId: "R-RET-SUPPRESSION-HASH" };
      if (f.softBouncedDeliveries >= f.softBounce.limit) {
        return { action: "suppress", scope: "all", reason: "bounce", event: "bounce", code: "INBOUND_SOFT_BOUNCE_LIMIT", ruleId: "R-RET-SUPPRESSION-HASH" };
      }
      return { action: "store", code: "INBOUND_SOFT_BOUNCE_COUNTED", ruleId: "R-RET-SUPPRESSION-HASH" };
  }
}

/**
 * Staff acting on an inbound message nobody could be matched to (issue 14 D3): the staff member typed the
 * address themself (never taken from the message), so the message's parsed kind says what it was and the
 * person decides whom it is about. The same outcome as the automatic door for that kind, except that a
 * reply without a valid token names no newsletter, so it withdraws from all (the conservative reading of
 * "unsubscribe me", R-UNSUB-SCOPE). A soft bounce or anything unknown is not acted on. Without a subscriber
 * there is no ledger to write: the keyed-hash entry only (R-RET-SUPPRESSION-HASH).
 */
export type StaffInboundFacts = {
  kind: InboundFacts["kind"];
  /** The typed address belongs to a subscriber we hold. */
  isSubscriber: boolean;
  activeAllScopeReasons: string[];
};

export type StaffInboundAction =
  | { action: "refuse"; code: InboundReason; ruleId: string }
  | { action: "suppress"; scope: "all"; reason: "bounce"; event: "bounce" | null; code: InboundReason; ruleId: string }
  | { action: "object"; scope: "all"; reason: "complaint"; event: "objection" | null; endSubscriptions: "all"; code: InboundReason; ruleId: string }
  | { action: "withdraw"; scope: "all"; reason: "withdrawal"; code: InboundReason; ruleId: string };

export function decideStaffInbound(f: StaffInboundFacts): StaffInboundAction {
  const auto = decideInbound({ kind: f.kind, matched: true, activeAllScopeReasons: f.activeAllScopeReasons, softBouncedDeliveries: 0, softBounce: { limit: Number.POSITIVE_INFINITY, days: 0 } });
  switch (auto.action) {
    case "suppress":
      return { action: "suppress", scope: "all", reason: "bounce", event: f.isSubscriber ? "bounce" : null, code: "INBOUND_STAFF_BOUNCE", ruleId: auto.ruleId };
    case "object":
      return { action: "object", scope: "all", reason: "complaint", event: f.isSubscriber ? "objection" : null, endSubscriptions: "all", code: "INBOUND_STAFF_COMPLAINT", ruleId: auto.ruleId };
    case "withdraw":
      return { action: "withdraw", scope: "all", reason: "withdrawal", code: "INBOUND_STAFF_UNSUBSCRIBE", ruleId: "R-UNSUB-SCOPE" };
    case "store":
      // Already suppressed for everything: nothing to add. A soft bounce or an unknown message: never acted on.
      return auto.code === "INBOUND_ALREADY_SUPPRESSED"
        ? { action: "refuse", code: "INBOUND_ALREADY_SUPPRESSED", ruleId: auto.ruleId }
        : { action: "refuse", code: "INBOUND_STAFF_NOT_ACTIONABLE", ruleId: "POLICY-INBOUND-MATCH" };
  }
}
