import { describe, it, expect } from "vitest";
import { decideInbound, decideStaffInbound, type InboundFacts } from "./decide-inbound";

const base: InboundFacts = { kind: "hard-bounce", matched: true, activeAllScopeReasons: [], softBouncedDeliveries: 0, softBounce: { limit: 3, days: 30 } };
const d = (over: Partial<InboundFacts>) => decideInbound({ ...base, ...over });

describe("decideInbound", () => {
  it("does nothing but store without a verified id, whatever the report says", () => {
    for (const kind of ["hard-bounce", "soft-bounce", "complaint", "unsubscribe-reply", "unknown"] as const) {
      expect(d({ kind, matched: false })).toMatchObject({ action: "store", code: "INBOUND_UNMATCHED" });
    }
  });
  it("hard bounce → suppression bounce, scope all, one bounce event", () => {
    expect(d({})).toMatchObject({ action: "suppress", scope: "all", reason: "bounce", event: "bounce", code: "INBOUND_HARD_BOUNCE" });
    expect(d({ activeAllScopeReasons: ["objection"] })).toMatchObject({ action: "store", code: "INBOUND_ALREADY_SUPPRESSED" });
  });
  it("soft bounces are counted until the limit of distinct deliveries", () => {
    expect(d({ kind: "soft-bounce", softBouncedDeliveries: 2 })).toMatchObject({ action: "store", code: "INBOUND_SOFT_BOUNCE_COUNTED" });
    expect(d({ kind: "soft-bounce", softBouncedDeliveries: 3 })).toMatchObject({ action: "suppress", reason: "bounce", code: "INBOUND_SOFT_BOUNCE_LIMIT" });
    expect(d({ kind: "soft-bounce", softBouncedDeliveries: 1, softBounce: { limit: 1, days: 1 } })).toMatchObject({ action: "suppress" });
  });
  it("complaint → objection to all (R-OBJECTION-ABSOLUTE), also over a bounce suppression; not twice", () => {
    expect(d({ kind: "complaint" })).toMatchObject({ action: "object", scope: "all", reason: "complaint", event: "objection", endSubscriptions: "all", ruleId: "R-OBJECTION-ABSOLUTE" });
    expect(d({ kind: "complaint", activeAllScopeReasons: ["bounce"] })).toMatchObject({ action: "object" });
    expect(d({ kind: "complaint", activeAllScopeReasons: ["complaint"] })).toMatchObject({ action: "store", code: "INBOUND_ALREADY_SUPPRESSED" });
  });
  it("reply to the mailto address → withdrawal for that newsletter", () => {
    expect(d({ kind: "unsubscribe-reply" })).toMatchObject({ action: "withdraw", scope: "newsletter", ruleId: "R-WITHDRAW-ANYTIME" });
  });
  it("an unknown message that names a delivery changes nothing", () => {
    expect(d({ kind: "unknown" })).toMatchObject({ action: "store", code: "INBOUND_NOTHING_TO_DO" });
  });
});

describe("decideStaffInbound (staff, from an unmatched message, the address typed by hand)", () => {
  const s = (kind: InboundFacts["kind"], isSubscriber = true, activeAllScopeReasons: string[] = []) => decideStaffInbound({ kind, isSubscriber, activeAllScopeReasons });
  it("a hard bounce suppresses with a ledger event only for a subscriber", () => {
    expect(s("hard-bounce")).toMatchObject({ action: "suppress", scope: "all", reason: "bounce", event: "bounce", code: "INBOUND_STAFF_BOUNCE" });
    expect(s("hard-bounce", false)).toMatchObject({ action: "suppress", event: null });
  });
  it("a complaint is an objection to everything", () => {
    expect(s("complaint")).toMatchObject({ action: "object", reason: "complaint", event: "objection", endSubscriptions: "all", code: "INBOUND_STAFF_COMPLAINT", ruleId: "R-OBJECTION-ABSOLUTE" });
  });
  it("an unsubscribe reply without a valid token names no newsletter: withdrawn from all", () => {
    expect(s("unsubscribe-reply", false)).toMatchObject({ action: "withdraw", scope: "all", reason: "withdrawal", code: "INBOUND_STAFF_UNSUBSCRIBE" });
  });
  it("a soft bounce or an unknown message is never acted on; an address already suppressed for all gets nothing more", () => {
    expect(s("soft-bounce")).toMatchObject({ action: "refuse", code: "INBOUND_STAFF_NOT_ACTIONABLE" });
    expect(s("unknown")).toMatchObject({ action: "refuse", code: "INBOUND_STAFF_NOT_ACTIONABLE" });
    expect(s("hard-bounce", true, ["bounce"])).toMatchObject({ action: "refuse", code: "INBOUND_ALREADY_SUPPRESSED" });
    expect(s("complaint", true, ["bounce"])).toMatchObject({ action: "object" });
  });
});
