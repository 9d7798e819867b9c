// Composing: create/edit with validation, live preview of unsaved text, test send to the staff member only.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { db } from "../db/index.ts";
import { useSmtpSink, type UsedSmtpSink } from "../testing/use-smtp-sink.ts";
import { createIssue, declareIssue, updateIssue } from "./save-issue.ts";
import { previewIssue, sendTestIssue } from "./preview-issue.ts";
import { startSend } from "./start-send.ts";
import { seedNewsletter, seedOrganisation } from "./testing/fixtures.ts";

let sink: UsedSmtpSink;
beforeAll(async () => {
  sink = await useSmtpSink();
  await seedOrganisation();
});
afterAll(async () => {
  await sink.stop();
});

const staff = { id: "u1", email: "editor@fietsen.example" };

describe("composing an issue", () => {
  it("validates input, previews unsaved text in both parts, and locks editing once sending", async () => {
    const nl = await seedNewsletter({ name: "Fietsnieuws" });
    expect(await createIssue({ newsletterId: nl.id, subject: "  ", actor: staff })).toMatchObject({ ok: false, field: "subject" });
    expect(await createIssue({ newsletterId: "nope", subject: "Hi", actor: staff })).toMatchObject({ ok: false, field: "newsletterId" });
    const created = await createIssue({ newsletterId: nl.id, subject: "Lente", actor: staff });
    if (!created.ok) throw new Error(created.error);

    const p = await previewIssue({ issueId: created.issueId, content: { subject: "Lente!", preheader: "", bodyMarkdown: "Hallo **wereld** <script>x()</script>" } });
    if (!p.ok) throw new Error(p.error);
    expect(p.html).toContain("<strong>wereld</strong>");
    expect(p.html).not.toContain("<script");
    expect(p.text).toContain("Hallo wereld"); // the text part is made from the HTML: no Markdown markers
    expect(p.text).not.toContain("**");
    expect(p.text).toContain("Afmelden voor deze nieuwsbrief");
    expect((await db.issue.findUnique({ where: { id: created.issueId } }))?.bodyMarkdown).toBe(""); // preview saves nothing
    expect(await previewIssue({ issueId: created.issueId, content: { subject: "x".repeat(201), preheader: "", bodyMarkdown: "" } })).toMatchObject({ ok: false });

    expect(await updateIssue({ issueId: created.issueId, input: { subject: "Lente", preheader: "Nieuw", bodyMarkdown: "Tekst" }, actor: staff })).toMatchObject({ ok: true });
    const declaration = { categories: ["bikes"], thirdPartyPromotion: "no", basis: "consent", confirm: "yes" };
    expect(await declareIssue({ issueId: created.issueId, input: declaration, actor: staff })).toMatchObject({ ok: true });
    expect(await startSend({ issueId: created.issueId, actor: staff })).toMatchObject({ ok: true });
    expect(await declareIssue({ issueId: created.issueId, input: declaration, actor: staff })).toMatchObject({ ok: false });
    expect(await updateIssue({ issueId: created.issueId, input: { subject: "Changed", preheader: "", bodyMarkdown: "" }, actor: staff })).toMatchObject({ ok: false });
  });

  it("a test send goes only to the staff member, marked [TEST]", async () => {
    const nl = await seedNewsletter();
    const created = await createIssue({ newsletterId: nl.id, subject: "Proef", actor: staff });
    if (!created.ok) throw new Error(created.error);
    const before = sink.count();
    expect(await sendTestIssue({ issueId: created.issueId, staff })).toEqual({ ok: true });
    const m = await sink.waitFor((x) => x.parsed.subject === "[TEST] Proef");
    expect(m.envelopeTo).toEqual([staff.email]);
    expect(sink.count() - before).toBe(1);
    expect(await db.auditLog.count({ where: { action: "issue.test_send", target: created.issueId } })).toBe(1);
  });
});
