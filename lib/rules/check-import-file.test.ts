import { describe, it, expect } from "vitest";
import { checkImportFile, type ImportFileFacts } from "./check-import-file";

const base: ImportFileFacts = {
  namedNewsletter: null, newsletter: { slug: "fietsnieuws", name: "Fietsnieuws" }, consentBasis: true,
  consentDate: { ok: true, iso: "2024-05-01T10:00:00.000Z" }, since: new Date("2020-01-01T00:00:00Z"), now: new Date("2026-12-03T12:00:00Z"),
};

describe("what an import file says about an accepted row", () => {
  it("a dated consent inside the newsletter's life passes", () => expect(checkImportFile(base)).toBeNull());
  it("a consent date in the future is refused", () =>
    expect(checkImportFile({ ...base, consentDate: { ok: true, iso: "2026-12-04T00:00:00.000Z" } })).toBe("IMPORT_CONSENT_DATE_FUTURE"));
  it("a consent date before the newsletter began is refused; without a start date it is not", () => {
    expect(checkImportFile({ ...base, consentDate: { ok: true, iso: "2019-12-31T23:59:59.000Z" } })).toBe("IMPORT_CONSENT_DATE_BEFORE_NEWSLETTER");
    expect(checkImportFile({ ...base, since: null, consentDate: { ok: true, iso: "2019-12-31T23:59:59.000Z" } })).toBeNull();
  });
  it("an unreadable consent date is refused on the consent basis only", () => {
    expect(checkImportFile({ ...base, consentDate: { ok: false } })).toBe("IMPORT_CONSENT_DATE_UNREADABLE");
    expect(checkImportFile({ ...base, consentBasis: false, consentDate: { ok: false } })).toBeNull();
  });
  it("a row naming another newsletter is refused; its own slug or name in any case is fine", () => {
    expect(checkImportFile({ ...base, namedNewsletter: "Wandelnieuws" })).toBe("IMPORT_OTHER_NEWSLETTER");
    expect(checkImportFile({ ...base, namedNewsletter: " FIETSNIEUWS " })).toBeNull();
    expect(checkImportFile({ ...base, namedNewsletter: "fietsnieuws" })).toBeNull();
  });
});
