import { describe, it, expect } from "vitest";
import {
  ERASURE_REQUESTS, EXPORT_REASONS, FORM_VIOLATIONS, IMPORT_REASONS, OBLIGATIONS, RETENTION_REASONS, SEND_REASONS, WITHDRAWAL_REASONS, INBOUND_REASONS, reasonLabel,
} from "./reasons";
import { SUPPRESSION_CAUSES } from "./suppression-cause";

const codes = [...new Set([...SEND_REASONS, ...EXPORT_REASONS, ...IMPORT_REASONS, ...ERASURE_REQUESTS, ...WITHDRAWAL_REASONS, ...INBOUND_REASONS, ...SUPPRESSION_CAUSES])];

describe("reason codes", () => {
  it("lists are free of duplicates", () => {
    for (const list of [SEND_REASONS, IMPORT_REASONS, FORM_VIOLATIONS, OBLIGATIONS, RETENTION_REASONS, ERASURE_REQUESTS, WITHDRAWAL_REASONS, INBOUND_REASONS]) {
      expect(new Set(list).size).toBe(list.length);
    }
  });

  it.each(codes)("%s has an English and a Dutch label", (code) => {
    const en = reasonLabel(code, "en");
    const nl = reasonLabel(code, "nl");
    expect(en).not.toBe(code);
    expect(nl).not.toBe(code);
    expect(en).not.toBe(nl);
  });

  it.each<[string, "en" | "nl", string]>([
    ["DENY_SUPPRESSED", "en", "unsubscribed or objected"],
    ["DENY_CONSENT_PENDING", "nl", "wacht op bevestiging"],
    ["SOMETHING_NEW", "en", "SOMETHING_NEW"],
  ])("reasonLabel(%s, %s)", (code, lang, label) => {
    expect(reasonLabel(code, lang)).toBe(label);
  });

  it("send reasons are all DENY_* or ALLOW_*", () => {
    expect(SEND_REASONS.every((r) => /^(ALLOW|DENY)_[A-Z0-9_]+$/.test(r))).toBe(true);
  });
});
