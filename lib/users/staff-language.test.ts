import { describe, it, expect } from "vitest";
import { db } from "../db/index.ts";
import { chosenStaffLanguage, setStaffLanguage, staffLanguage } from "./staff-language.ts";

const staffUser = () => db.user.create({ data: { email: `staff${Math.random()}@example.org`, role: "editor" } });

describe("staff language", () => {
  it("is stored on the user when it is one of ours, and read back", async () => {
    const u = await staffUser();
    expect(await chosenStaffLanguage(u.id)).toBeNull();
    expect(await setStaffLanguage({ userId: u.id, language: "nl" })).toEqual({ ok: true });
    expect(await chosenStaffLanguage(u.id)).toBe("nl");
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).language).toBe("nl");
    expect(await setStaffLanguage({ userId: u.id, language: "en" })).toEqual({ ok: true });
    expect(await chosenStaffLanguage(u.id)).toBe("en");
  });

  it("refuses anything else and leaves the choice as it was", async () => {
    const u = await staffUser();
    await setStaffLanguage({ userId: u.id, language: "nl" });
    for (const language of ["de", "NL", "", "nl\r\n", null, 1, ["nl"]])
      expect(await setStaffLanguage({ userId: u.id, language })).toMatchObject({ ok: false, error: expect.stringContaining("nl or en") });
    expect(await chosenStaffLanguage(u.id)).toBe("nl");
    expect(await setStaffLanguage({ userId: "no-such-user", language: "en" })).toMatchObject({ ok: false });
  });

  it("without a choice follows the browser's best match, else English", () => {
    expect(staffLanguage({ chosen: "nl", acceptLanguage: "en-GB,en;q=0.9" })).toBe("nl");
    expect(staffLanguage({ chosen: null, acceptLanguage: "de-DE,nl;q=0.8,en;q=0.5" })).toBe("nl");
    expect(staffLanguage({ chosen: null, acceptLanguage: "en-US,nl;q=0.9" })).toBe("en");
    expect(staffLanguage({ chosen: null, acceptLanguage: "nl;q=0,de" })).toBe("en");
    expect(staffLanguage({ chosen: "fr", acceptLanguage: null })).toBe("en");
  });
});
