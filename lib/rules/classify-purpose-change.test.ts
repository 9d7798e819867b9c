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

  describe("texts in other languages", () => {
    const en = { name: "Bike news", description: "New bikes and parts, every month.", fromName: "Bikes Ltd" };
    const withEn = { ...base, texts: { en } };

    it.each<[string, PurposeFields, PurposeFields, string, string[]]>([
      ["an English description rewritten", withEn, { ...base, texts: { en: { ...en, description: "Bikes, and trips from our partners." } } }, "material", ["description"]],
      ["an English typo fixed", withEn, { ...base, texts: { en: { ...en, name: "Bike news!" } } }, "cosmetic", ["name"]],
      ["an English sender name changed", withEn, { ...base, texts: { en: { ...en, fromName: "Travel Ltd" } } }, "material", ["fromName"]],
      ["English text added that says something else than the primary text", base, withEn, "material", ["name", "description", "fromName"]],
      ["English text removed (readers now see the primary text)", withEn, base, "material", ["name", "description", "fromName"]],
      ["an empty English text on both sides (the primary text serves)", { ...base, texts: { en: { ...en, name: "" } } }, { ...base, texts: { en: { ...en, name: "" } } }, "none", []],
    ])("%s", (_n, prev, next, change, changed) => {
      const r = classifyPurposeChange(prev, next);
      expect(r.change).toBe(change);
      expect(r.fields.map((f) => f.field)).toEqual(changed);
      expect(r.fields.every((f) => f.language === "en")).toBe(true);
    });

    it("a primary description change reaches a language that falls back to it, reported once", () => {
      const r = classifyPurposeChange({ ...base, texts: { en: { ...en, description: "" } } }, { ...base, description: "Reizen.", texts: { en: { ...en, description: "" } } });
      expect(r).toMatchObject({ change: "material", fields: [{ field: "description", change: "material" }] });
      expect(r.fields).toHaveLength(1);
    });
  });
});
