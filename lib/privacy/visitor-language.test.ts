// The language /privacy is shown in, and which /privacy/v/N paths name a version.
import { describe, it, expect } from "vitest";
import { versionNumber, visitorLanguage } from "./visitor-language.ts";

describe("the visitor's language", () => {
  it("?lang= first, then Accept-Language by weight and order, then Dutch", () => {
    expect(visitorLanguage({ asked: "en", acceptLanguage: "nl" })).toBe("en");
    expect(visitorLanguage({ asked: "de", acceptLanguage: "en-GB,en;q=0.9" })).toBe("en");
    expect(visitorLanguage({ acceptLanguage: "de-DE, nl;q=0.5, en;q=0.8" })).toBe("en");
    expect(visitorLanguage({ acceptLanguage: "en;q=0, nl-BE" })).toBe("nl");
    expect(visitorLanguage({ acceptLanguage: "fr, de" })).toBe("nl");
    expect(visitorLanguage({ acceptLanguage: "nl, en" })).toBe("nl");
    expect(visitorLanguage({})).toBe("nl");
  });

  it("a version number is a plain positive number", () => {
    expect(versionNumber("1")).toBe(1);
    expect(versionNumber("42")).toBe(42);
    for (const s of ["0", "-1", "01", "1.5", "abc", "", "1e3", "9999999999"]) expect(versionNumber(s), s).toBeNull();
  });
});
