import { describe, it, expect } from "vitest";
import { multilineText } from "./text-fields.ts";
import { newsletterInputSchema } from "../newsletters/newsletter-input.ts";
import { formDraftSchema } from "../consent/form-definition.ts";
import { checkObjectionFields } from "../subscribers/check-objection-fields.ts";

const newsletter = { slug: "weekly", name: "Weekly", language: "en", fromName: "Us", fromEmail: "news@example.org", replyTo: "", frequency: "", categories: [], similarMap: null };

describe("multi-line fields take the browser's CRLF line ends (issue 13)", () => {
  it("normalises CRLF and CR to LF and still refuses other control characters", () => {
    expect(multilineText(100).parse("one\r\ntwo\rthree\nfour")).toBe("one\ntwo\nthree\nfour");
    const bad = multilineText(100).safeParse("bell\u0007");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/control characters/);
  });

  it("a newsletter description typed over several lines saves", () => {
    const r = newsletterInputSchema.safeParse({ ...newsletter, description: "Line one\r\nline two\r\n" });
    expect(r.success).toBe(true);
    expect(r.data?.description).toBe("Line one line two");
  });

  it("single-line fields that reach mail headers still refuse CR and LF", () => {
    for (const field of ["name", "fromName"] as const) {
      const r = newsletterInputSchema.safeParse({ ...newsletter, [field]: "Evil\r\nBcc: x@example.org" });
      expect(r.success).toBe(false);
    }
  });

  it("form paragraphs keep their line breaks as LF; the title stays one line", () => {
    const draft = { language: "en", title: "Join", intro: "Hello\r\n\r\nWelcome", newsletterIds: [], askName: false, dataStatement: "a\r\nb", withdrawalStatement: "c" };
    const r = formDraftSchema.safeParse(draft);
    expect(r.success).toBe(true);
    expect(r.data?.intro).toBe("Hello\n\nWelcome");
    expect(formDraftSchema.safeParse({ ...draft, title: "Join\r\nnow" }).success).toBe(false);
  });

  it("an objection note with CRLF is stored with LF", () => {
    const r = checkObjectionFields({ kind: "objection", channel: "phone", note: "called\r\nsaid stop" });
    expect(r).toMatchObject({ ok: true, note: "called\nsaid stop" });
  });
});
