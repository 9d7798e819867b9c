// The grounds the register names follow the configuration: consent always, the existing-customer exception
// only with a product map, the parent's consent for children, the buyers' record only when the customer basis is used.
import { describe, expect, it } from "vitest";
import { newsletterGrounds, supportingGrounds } from "./processing-grounds";

describe("newsletterGrounds", () => {
  it("consent only, when no products are mapped (R-TWO-LAYERS: processing and sending ground both named)", () => {
    expect(newsletterGrounds({ customerProducts: [], aimedAtChildren: false })).toEqual([{
      activity: "newsletter-consent", processing: [{ law: "AVG", article: "6(1)(a)" }], sending: [{ law: "Tw", article: "11.7(1)" }], ruleIds: ["R-BASIS-ELECTRONIC", "R-TWO-LAYERS"],
    }]);
  });
  it("adds the existing-customer exception when buyers of some product may get it: legitimate interest to process, Tw 11.7(3) to send", () => {
    const g = newsletterGrounds({ customerProducts: ["bikes"], aimedAtChildren: false });
    expect(g.map((x) => x.activity)).toEqual(["newsletter-consent", "newsletter-existing-customer"]);
    expect(g[1].processing).toEqual([{ law: "AVG", article: "6(1)(f)" }]);
    expect(g[1].sending).toEqual([{ law: "Tw", article: "11.7(3)" }]);
    expect(g[1].ruleIds).toContain("R-NO-LI-FOR-ELECTRONIC");
  });
  it("a newsletter aimed at children names the parent's consent (AVG art. 8, UAVG art. 5)", () => {
    const [g] = newsletterGrounds({ customerProducts: [], aimedAtChildren: true });
    expect(g.processing).toEqual([{ law: "AVG", article: "6(1)(a)" }, { law: "AVG", article: "8" }, { law: "UAVG", article: "5" }]);
    expect(g.ruleIds).toContain("R-CHILD-UNDER-16");
    // The customer basis is never used for under-16s.
    expect(newsletterGrounds({ customerProducts: ["toys"], aimedAtChildren: true })[1]).toMatchObject({ activity: "newsletter-existing-customer", notUnder16: true });
    expect(newsletterGrounds({ customerProducts: ["toys"], aimedAtChildren: false })[1].notUnder16).toBeUndefined();
  });
});

describe("supportingGrounds", () => {
  it("proof, per-send records and the suppression list always; buyers' records only with the customer basis", () => {
    expect(supportingGrounds({ customerBasisUsed: false }).map((g) => g.activity)).toEqual(["consent-proof", "send-record", "suppression-list"]);
    const withCustomers = supportingGrounds({ customerBasisUsed: true });
    expect(withCustomers.map((g) => g.activity)).toEqual(["consent-proof", "send-record", "suppression-list", "customer-record"]);
    expect(withCustomers[3].processing).toEqual([{ law: "AVG", article: "6(1)(b)" }]);
    expect(withCustomers[2].ruleIds).toContain("R-RET-SUPPRESSION-HASH");
  });
});
