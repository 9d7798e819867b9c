import { describe, it, expect, vi, afterEach } from "vitest";
import { DEFAULT_FACTS, deepMerge, type DeepPartial, type Facts } from "./facts";
import { decideSend } from "./decide-send";
import { marketingObligations } from "./obligations";

const facts = (o: DeepPartial<Facts> = {}): Facts => deepMerge(DEFAULT_FACTS, o);
const objection = (at: string, scope = "all") => [{ scope, reason: "objection" as const, at }];

describe("decideSend: evaluation order E0..E4 (the first rule that fires decides)", () => {
  it.each<[string, DeepPartial<Facts>, string]>([
    ["E0 before E1: a service mail needs no unsubscribe link", { basis: "none", message: { kind: "transactional", marketingContent: false, unsubscribeLink: false } }, "ALLOW_TRANSACTIONAL"],
    ["E0 before E2: service mail to a suppressed address", { message: { kind: "transactional", marketingContent: false }, suppressions: objection("2025-03-01T00:00:00Z") }, "ALLOW_TRANSACTIONAL"],
    ["E0: DOI mail only while pending", { message: { kind: "confirmation-request", marketingContent: false }, consent: { status: "pending", confirmedAt: null } }, "ALLOW_CONFIRMATION_REQUEST"],
    ["E0: DOI mail on a non-consent basis is marketing", { basis: "existing-customer", message: { kind: "confirmation-request", marketingContent: false }, consent: { status: "pending" } }, "ALLOW_EXISTING_CUSTOMER"],
    ["E1 before E2", { message: { senderIdentity: false }, suppressions: objection("2025-03-01T00:00:00Z") }, "DENY_MISSING_SENDER_IDENTITY"],
    ["E1: unsubscribe link checked before headers", { message: { unsubscribeLink: false, listUnsubscribeHeaders: false } }, "DENY_MISSING_UNSUBSCRIBE"],
    ["E1: headers not required for app", { channel: "app", message: { listUnsubscribeHeaders: false } }, "ALLOW_CONSENT"],
    ["E1: caller ID irrelevant for e-mail", { phone: { callerIdShown: false } }, "ALLOW_CONSENT"],
    ["E2 before E3", { recipient: { under16: true }, suppressions: objection("2025-03-01T00:00:00Z") }, "DENY_SUPPRESSED"],
    ["E2 before E4", { basis: "none", suppressions: objection("2025-03-01T00:00:00Z") }, "DENY_SUPPRESSED"],
    ["E2: lifted only when confirmedAt is strictly after the entry", { suppressions: objection("2025-01-10T09:05:00Z") }, "DENY_SUPPRESSED"],
    ["E2: lifted by later DOI for this newsletter", { suppressions: objection("2025-01-10T09:04:59Z") }, "ALLOW_CONSENT"],
    ["E2: an unparseable entry date never lifts", { suppressions: objection("yesterday") }, "DENY_SUPPRESSED"],
    ["E2: any entry blocks a non-consent basis", { basis: "b2b-published", recipient: { kind: "organisation", addressPublishedForOffers: true }, suppressions: objection("2020-01-01T00:00:00Z", "Z") }, "DENY_SUPPRESSED"],
    ["E3 before E4", { basis: "none", recipient: { under16: true } }, "DENY_CHILD_PARENTAL_CONSENT_REQUIRED"],
    ["E3: parent consent counts only on the consent basis", { basis: "existing-customer", recipient: { under16: true }, consent: { givenBy: "parent" } }, "DENY_CHILD_PARENTAL_CONSENT_REQUIRED"],
    ["E4: the claimed basis is checked, no other is sought", { basis: "legitimate-interest" }, "DENY_LI_NOT_VALID_ELECTRONIC"],
  ])("%s", (_name, override, reason) => {
    expect(decideSend(facts(override)).reason).toBe(reason);
  });
});

describe("decideSend: obligations", () => {
  it.each<[Facts["channel"], DeepPartial<Facts>]>([
    ["email", {}],
    ["sms", { channel: "sms" }],
    ["app", { channel: "app" }],
    ["phone", { channel: "phone" }],
    ["post", { channel: "post", basis: "legitimate-interest", post: { assessmentDocumented: true } }],
  ])("an allowed marketing message on %s carries the §3.1 obligations", (channel, override) => {
    const d = decideSend(facts(override));
    expect(d.allowed).toBe(true);
    expect(d.obligations).toEqual(marketingObligations(channel));
    expect(d.obligations!.length).toBeGreaterThan(0);
  });

  it("e-mail carries unsubscribe link, List-Unsubscribe, sender identity and why-you-get-this", () => {
    expect(decideSend(facts()).obligations).toEqual(
      ["O-UNSUB-LINK", "O-LIST-UNSUBSCRIBE", "O-SENDER-IDENTITY", "O-WHY-YOU-GET-THIS"]);
  });

  it.each<[string, DeepPartial<Facts>, string[]]>([
    ["denied", { basis: "none" }, []],
    ["transactional", { message: { kind: "transactional", marketingContent: false } }, []],
    ["DOI mail", { message: { kind: "confirmation-request", marketingContent: false }, consent: { status: "pending" } }, ["O-CONFIRMATION-MAIL"]],
  ])("%s", (_n, override, obligations) => {
    expect(decideSend(facts(override)).obligations).toEqual(obligations);
  });
});

describe("decideSend: customer window from ISO strings, whole months", () => {
  it.each<[string, string, number | null, string]>([
    ["2023-06-01T12:00:00Z", "2025-06-01T12:00:00Z", 24, "DENY_CUSTOMER_STALE"],
    ["2023-06-01T12:00:01Z", "2025-06-01T12:00:00Z", 24, "ALLOW_EXISTING_CUSTOMER"],
    ["2025-01-31T00:00:00Z", "2025-02-28T00:00:00Z", 1, "DENY_CUSTOMER_STALE"], // month end clamps
    ["2025-01-31T00:00:00Z", "2025-02-27T23:59:59Z", 1, "ALLOW_EXISTING_CUSTOMER"],
    ["2023-06-01T14:00:00+02:00", "2025-06-01T12:00:00Z", 24, "DENY_CUSTOMER_STALE"], // offsets respected
    ["2025-07-01T00:00:00Z", "2025-06-01T12:00:00Z", 24, "ALLOW_EXISTING_CUSTOMER"], // future purchase
    ["2000-01-01T00:00:00Z", "2025-06-01T12:00:00Z", null, "ALLOW_EXISTING_CUSTOMER"],
    ["not a date", "2025-06-01T12:00:00Z", 24, "DENY_CUSTOMER_STALE"], // unprovable relation
  ])("bought %s, now %s, window %s → %s", (lastPurchaseAt, now, window, reason) => {
    const d = decideSend(facts({ basis: "existing-customer", now, org: { customerWindowMonths: window }, customer: { lastPurchaseAt } }));
    expect(d.reason).toBe(reason);
  });
});

describe("decideSend: purity", () => {
  afterEach(() => vi.useRealTimers());

  it("never reads the clock: the same facts give the same answer in any year", () => {
    const f = facts({ basis: "existing-customer" });
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2040-01-01T00:00:00Z"));
    const later = decideSend(f);
    vi.setSystemTime(new Date("2000-01-01T00:00:00Z"));
    expect(decideSend(f)).toEqual(later);
    expect(later.reason).toBe("ALLOW_EXISTING_CUSTOMER");
  });

  it("does not modify its input", () => {
    const f = facts({ suppressions: objection("2024-12-01T00:00:00Z") });
    const copy = structuredClone(f);
    decideSend(f);
    expect(f).toEqual(copy);
  });
});
