import { describe, it, expect } from "vitest";
import { normaliseEmail } from "./normalise-email.ts";

describe("normaliseEmail", () => {
  it.each([
    ["Jan@Example.NL", "jan@example.nl"],
    ["  jan@example.nl ", "jan@example.nl"],
    ["jan@bücher.nl", "jan@xn--bcher-kva.nl"],
    ["jan@BÜCHER.nl", "jan@xn--bcher-kva.nl"],
    ["jan@xn--bcher-kva.nl", "jan@xn--bcher-kva.nl"],
    ["jose\u0301@example.com", "josé@example.com"], // NFD -> NFC
    ["a.b+tag@sub.example.co.uk", "a.b+tag@sub.example.co.uk"],
  ])("%s -> %s", (input, expected) => {
    expect(normaliseEmail(input)).toEqual({ ok: true, email: expected });
  });

  it.each([
    ["", "empty"],
    ["plainaddress", "no @"],
    ["@example.nl", "no local part"],
    ["jan@", "no domain"],
    ["jan@localhost", "single-label domain"],
    ["jan@example.123", "numeric TLD"],
    ["jan..x@example.nl", "double dot"],
    ["jan@example.nl\r\nBcc: x@evil.nl", "CR/LF injection"],
    ["jan\n@example.nl", "line feed"],
    [`${"a".repeat(65)}@example.nl`, "local part over 64"],
    [`a@${"b".repeat(250)}.nl`, "over 254"],
    ["x".repeat(10_000), "10 KB"],
  ])("refuses %j (%s)", (input) => {
    expect(normaliseEmail(input).ok).toBe(false);
  });

  it("refuses non-strings", () => {
    expect(normaliseEmail(undefined).ok).toBe(false);
    expect(normaliseEmail(42).ok).toBe(false);
  });
});
