import { describe, it, expect } from "vitest";
import { classifyPurposeChange, textChange, type PurposeFields } from "./classify-purpose-change";

const base: PurposeFields = {
  name: "Fietsnieuws", description: "Nieuwe fietsen en onderdelen, elke maand.", categories: ["bikes", "bike-parts"],
  fromName: "Fietsen BV", fromEmail: "nieuws@fietsen.example", thirdPartyOffers: false, aimedAtChildren: false,
};

describe("textChange (typo-sized edits)", () => {
  it.each<[string, string, string, string]>([
    ["identical", "Fietsnieuws", "Fietsnieuws", "none"],
    ["case only", "Fietsnieuws", "FIETSNIEUWS", "cosmetic"],
    ["white space only", "Nieuwe  fietsen", "Nieuwe fietsen", "cosmetic"],
    ["punctuation only", "Nieuwe fietsen, elke maand.", "Nieuwe fietsen elke maand!", "cosmetic"],
    ["one swapped pair in a long word", "Fietsnieuws", "Fietsneiuws", "cosmetic"],
    ["one letter in a long sentence", "Nieuwe fietsen en onderdelen", "Nieuwe fietsen en onderdeeln", "cosmetic"],
    ["one letter in a short word (20 %)", "Bikes", "Bakes", "material"],
    ["a number changed", "10% korting op fietsen", "50% korting op fietsen", "material"],
    ["three edits", "Nieuwe fietsen en onderdelen", "Nieuwe fietsen en onderbroek", "material"],
    ["a new sentence", "Nieuwe fietsen.", "Nieuwe fietsen. En reizen van onze partners.", "material"],
    ["a new topic", "Fietsnieuws", "Reisnieuws", "material"],
  ])("%s", (_n, a, b, expected) => {
    expect(textChange(a, b)).toBe(expected);
  });
});

describe("classifyPurposeChange", () => {
  it.each<[string, Partial<PurposeFields>, string, string[]]>([
    ["nothing changed", {}, "none", []],
    ["a category added", { categories: ["bikes", "bike-parts", "travel"] }, "material", ["R-CONSENT-PER-NEWSLETTER"]],
    ["a category replaced (one added, one removed)", { categories: ["bikes", "travel"] }, "material", ["R-CONSENT-PER-NEWSLETTER"]],
    ["a category removed (narrowing)", { categories: ["bikes"] }, "cosmetic", []],
    ["categories re-ordered or re-cased", { categories: ["Bike-Parts", "bikes"] }, "none", []],
    ["third-party offers switched on", { thirdPartyOffers: true }, "material", ["R-HOSTMAILING"]],
    ["aimed at children switched on", { aimedAtChildren: true }, "material", ["R-CONSENT-INFORMED"]],
    ["name: typo fixed", { name: "Fietsnieuws." }, "cosmetic", []],
    ["name: new topic", { name: "Reisnieuws" }, "material", ["R-CONSENT-PER-NEWSLETTER"]],
    ["description: typo fixed", { description: "Nieuwe fietsen en onderdeelen, elke maand" }, "cosmetic", []],
    ["description: rewritten", { description: "Aanbiedingen van onze reispartners." }, "material", ["R-CONSENT-PER-NEWSLETTER"]],
    ["From address changed", { fromEmail: "deals@partner.example" }, "material", ["R-CONSENT-INFORMED"]],
    ["From address in other case", { fromEmail: "Nieuws@Fietsen.example" }, "cosmetic", []],
    ["sender name: typo", { fromName: "Fietsen B.V." }, "cosmetic", []],
    ["sender name: another sender", { fromName: "Reisbureau Zon" }, "material", ["R-CONSENT-INFORMED"]],
    ["several: a typo and a new category", { name: "Fietsnieuws!", categories: ["bikes", "bike-parts", "cars"] }, "material", ["R-CONSENT-PER-NEWSLETTER"]],
  ])("%s → %s", (_n, next, change, ruleIds) => {
    const r = classifyPurposeChange(base, { ...base, ...next });
    expect(r.change).toBe(change);
    expect(r.ruleIds).toEqual(ruleIds);
    expect(r.fields.length > 0).toBe(change !== "none");
  });

  it("third-party offers switched off is cosmetic (narrowing)", () => {
    const on = { ...base, thirdPartyOffers: true };
    expect(classifyPurposeChange(on, base)).toMatchObject({ change: "cosmetic", fields: [{ field: "thirdPartyOffers", change: "cosmetic" }] });
  });

  it("aimed at children switched off is material too (the audience changed)", () => {
    expect(classifyPurposeChange({ ...base, aimedAtChildren: true }, base).change).toBe("material");
  });

  it("names each changed field with its rule", () => {
    const r = classifyPurposeChange(base, { ...base, categories: ["bikes", "travel"], fromName: "Fietsen BV." });
    expect(r.fields).toEqual([
      { field: "categories", change: "material", ruleId: "R-CONSENT-PER-NEWSLETTER", why: "category added: travel" },
      { field: "fromName", change: "cosmetic", ruleId: "R-CONSENT-INFORMED", why: "typo-sized edit" },
    ]);
  });
});
