import { describe, it, expect } from "vitest";
import { decideFormVersion, type FormVersionFacts } from "./decide-form-version";
import { FORM_VERSION_REASONS, reasonLabel } from "./reasons";

const v = (id: string, renderedText: string, newsletterIds = ["a", "b"]) => ({ id, renderedText, newsletterIds });
const CURRENT = v("v2", "Aanmelden\nFietsnieuws");

describe("decideFormVersion (R-CONSENT-INFORMED)", () => {
  it.each<[string, FormVersionFacts["posted"], string, string | null]>([
    ["the current version", CURRENT, "FORM_VERSION_CURRENT", "v2"],
    ["an older version with exactly the current text and newsletters: recorded as the current one", v("v1", CURRENT.renderedText), "FORM_VERSION_SAME_TEXT", "v2"],
    ["an older version whose text differs", v("v1", "Aanmelden\nFietsnieuwtjes"), "FORM_VERSION_TEXT_CHANGED", null],
    ["an older version differing only in trailing white space", v("v1", `${CURRENT.renderedText}\n`), "FORM_VERSION_TEXT_CHANGED", null],
    ["an older version with the same text but other newsletters behind the boxes", v("v1", CURRENT.renderedText, ["a", "c"]), "FORM_VERSION_TEXT_CHANGED", null],
    ["an older version with the same newsletters in another order", v("v1", CURRENT.renderedText, ["b", "a"]), "FORM_VERSION_TEXT_CHANGED", null],
  ])("%s → %s", (_name, posted, reason, recordAs) => {
    const d = decideFormVersion({ posted, current: CURRENT });
    expect(d.reason).toBe(reason);
    if (recordAs) expect(d).toEqual({ accept: true, reason, recordAs, ruleId: "R-CONSENT-PROOF" });
    else expect(d).toEqual({ accept: false, reason, ruleId: "R-CONSENT-INFORMED" });
  });

  it.each(FORM_VERSION_REASONS)("%s has an English and a Dutch label", (code) => {
    expect(reasonLabel(code, "en")).not.toBe(code);
    expect(reasonLabel(code, "nl")).not.toBe(reasonLabel(code, "en"));
  });
});
