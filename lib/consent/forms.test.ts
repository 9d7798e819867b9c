import { describe, it, expect, beforeAll } from "vitest";
import { db } from "../db/index.ts";
import { sha256 } from "../util/hash.ts";
import { legalBasisStatement, lintForm, proofStatement, retentionStatement } from "../rules/index.ts";
import { publishFormVersion } from "./publish-form-version.ts";
import { getCurrentFormVersion } from "./get-current-form-version.ts";
import { joinFormLines, renderFormText } from "./render-form-text.ts";
import { defaultFormDraft } from "./form-definition.ts";
import { submitSignup } from "./submit-signup.ts";
import { ADMIN, seedForm, seedNewsletter, seedOrganisation, uid } from "./test-helpers.ts";

beforeAll(() => seedOrganisation());

describe("rendering a form's exact text", () => {
  const org = { name: "Org", address: "Street 1", contactEmail: "privacy@org.test", privacyUrl: "https://org.test/privacy", dpoContact: null };
  const n = (id: string, days = 7, aimedAtChildren = false) => ({ id, aimedAtChildren, name: `News ${id}`, description: "About things.", frequency: "monthly", retentionPolicy: { pendingDays: days }, retentionStatement: retentionStatement({ pendingDays: days }, "en") });

  it("is deterministic, one box per newsletter, and hashes the joined lines", () => {
    const draft = defaultFormDraft({ language: "en", newsletterIds: ["a", "b"] });
    const r1 = renderFormText({ draft, organisation: org, newsletters: [n("a"), n("b")] });
    const r2 = renderFormText({ draft, organisation: org, newsletters: [n("a"), n("b")] });
    expect(r1).toEqual(r2);
    expect(r1.renderedText).toBe(joinFormLines(r1.lines));
    expect(r1.contentHash).toBe(sha256(r1.renderedText));
    expect(r1.lines.filter((l) => l.kind === "checkbox").map((l) => (l as { newsletterId: string }).newsletterId)).toEqual(["a", "b"]);
    expect(r1.lines.every((l) => !l.text.includes("\n"))).toBe(true);
    expect(r1.renderedText).toContain("Privacy statement: https://org.test/privacy");
    expect(r1.renderedText).toContain(retentionStatement({ pendingDays: 7 }, "en"));
    expect(r1.lintInput.checkboxes.every((c) => c.preChecked === false && c.newsletterIds.length === 1)).toBe(true);
  });

  it("states retention per newsletter when their policies differ", () => {
    const draft = defaultFormDraft({ language: "en", newsletterIds: ["a", "b"] });
    const r = renderFormText({ draft, organisation: org, newsletters: [n("a", 7), n("b", 14)] });
    const lines = r.lines.filter((l) => l.kind === "retention").map((l) => l.text);
    expect(lines).toEqual([`News a: ${retentionStatement({ pendingDays: 7 }, "en")}`, `News b: ${retentionStatement({ pendingDays: 14 }, "en")}`]);
  });

  it("states what is stored as proof, why, and the legal basis, generated from lib/rules", () => {
    const r = renderFormText({ draft: defaultFormDraft({ language: "en", newsletterIds: ["a"] }), organisation: org, newsletters: [n("a")] });
    const proof = r.lines.filter((l) => l.kind === "proof").map((l) => l.text);
    expect(proof).toEqual([proofStatement("en", { parentalConsent: false })]);
    expect(r.lines.filter((l) => l.kind === "legal-basis").map((l) => l.text)).toEqual([legalBasisStatement("en")]);
    expect(r.renderedText).toMatch(/e-mail address, the date and time, your IP address and your browser identification/);
    expect(r.lines.some((l) => l.kind === "age")).toBe(false);
    expect(lintForm(r.lintInput)).toEqual({ ok: true, violations: [] });
  });

  it("a form offering a newsletter aimed at children asks the age and a parent's address, and says so in the proof text", () => {
    const draft = defaultFormDraft({ language: "nl", newsletterIds: ["a", "k"] });
    const r = renderFormText({ draft, organisation: org, newsletters: [n("a"), { ...n("k", 7, true), retentionStatement: retentionStatement({ pendingDays: 7 }, "nl") }] });
    const kinds = r.lines.map((l) => (l.kind === "field" ? `field:${l.field}` : l.kind === "age-option" ? `age:${l.value}` : l.kind));
    expect(kinds.slice(kinds.indexOf("field:email"), kinds.indexOf("doi"))).toEqual([
      "field:email", "field:name", "age", "age:16-or-older", "age:under-16", "parental", "field:guardianEmail",
    ]);
    expect(r.renderedText).toContain("Ik ben jonger dan 16");
    expect(r.renderedText).toContain(proofStatement("nl", { parentalConsent: true }));
    expect(r.lintInput.children).toEqual({ aimedAtMinors: true, ageQuestion: true, parentalConsentFlow: true });
    expect(lintForm(r.lintInput)).toEqual({ ok: true, violations: [] });
    // the lint checks the text that was rendered: without the parent's field it is refused
    const withoutParent = { ...r.lintInput, children: { ...r.lintInput.children!, parentalConsentFlow: false } };
    expect(lintForm(withoutParent).violations.map((v) => v.code)).toEqual(["FORM_NO_PARENTAL_CONSENT_FLOW"]);
  });

  it("renders Dutch forms in Dutch", () => {
    const draft = defaultFormDraft({ language: "nl", newsletterIds: ["a"] });
    const r = renderFormText({ draft, organisation: org, newsletters: [{ ...n("a"), retentionStatement: retentionStatement({}, "nl") }] });
    expect(r.renderedText).toContain("E-mailadres (verplicht)");
    expect(r.renderedText).toContain("Naam (optioneel)");
    expect(r.renderedText).toContain("Privacyverklaring: https://org.test/privacy");
    expect(r.renderedText).toContain("AVG artikel 6 lid 1 onder a");
    expect(lintForm(r.lintInput).ok).toBe(true);
  });
});

describe("publishing", () => {
  it("creates version 1 holding the exact text and its hash", async () => {
    const a = await seedNewsletter("Alpha");
    const { form, version } = await seedForm([a.id]);
    expect(version.version).toBe(1);
    expect(version.contentHash).toBe(sha256(version.renderedText));
    expect(version.newsletterIds).toEqual([a.id]);
    expect(version.renderedText).toContain("Alpha");
    expect((await db.form.findUnique({ where: { id: form.id } }))?.currentVersionId).toBe(version.id);
    expect(await db.auditLog.count({ where: { action: "form.publish", target: form.id } })).toBe(1);
  });

  it("refuses a form that fails the lint and names each rule", async () => {
    await seedOrganisation({ privacyUrl: "", contactEmail: "" });
    try {
      const form = await db.form.create({ data: { slug: `bad-${uid()}`, name: "Bad", draft: { ...defaultFormDraft({ language: "en", newsletterIds: [] }), withdrawalStatement: "" } } });
      const r = await publishFormVersion({ formId: form.id, actor: ADMIN });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const found = r.violations.map((v) => `${v.ruleId} ${v.code}`);
      expect(found).toEqual(expect.arrayContaining([
        "R-CONSENT-INFORMED FORM_MISSING_PRIVACY_LINK",
        "R-CONSENT-INFORMED FORM_MISSING_CONTROLLER_CONTACT",
        "R-CONSENT-UNCHECKED FORM_NO_CHECKBOX",
        "R-CONSENT-INFORMED FORM_MISSING_WITHDRAWAL",
        "R-CONSENT-INFORMED FORM_MISSING_RETENTION",
      ]));
      expect(await db.formVersion.count({ where: { formId: form.id } })).toBe(0);
      expect((await db.form.findUnique({ where: { id: form.id } }))?.currentVersionId).toBeNull();
    } finally {
      await seedOrganisation();
    }
  });

  it("publishing an unchanged form creates no new version", async () => {
    const a = await seedNewsletter("Beta");
    const { form, version } = await seedForm([a.id]);
    const again = await publishFormVersion({ formId: form.id, actor: ADMIN });
    expect(again).toMatchObject({ ok: true, created: false, version: { id: version.id } });
  });

  it("an edited form gets a new version while old consents keep pointing at the old one", async () => {
    const a = await seedNewsletter("Gamma");
    const { form, version: v1 } = await seedForm([a.id]);
    const r = await submitSignup({ formVersionId: v1.id, email: `old-${uid()}@example.nl`, newsletterIds: [a.id], via: "form", ip: "10.0.0.1", userAgent: "t" });
    expect(r.ok).toBe(true);
    const draft = { ...(form.draft as object), intro: "Now with a new introduction." };
    await db.form.update({ where: { id: form.id }, data: { draft } });
    const p = await publishFormVersion({ formId: form.id, actor: ADMIN });
    expect(p).toMatchObject({ ok: true, created: true, version: { version: 2 } });
    if (!p.ok) return;
    expect(p.version.contentHash).not.toBe(v1.contentHash);
    const old = await db.subscription.findFirstOrThrow({ where: { newsletterId: a.id } });
    expect(old.formVersionId).toBe(v1.id);
    // the old version is untouched
    expect(await db.formVersion.findUnique({ where: { id: v1.id } })).toEqual(v1);
    await submitSignup({ formVersionId: p.version.id, email: `new-${uid()}@example.nl`, newsletterIds: [a.id], via: "form", ip: "10.0.0.1", userAgent: "t" });
    const versions = (await db.subscription.findMany({ where: { newsletterId: a.id } })).map((s) => s.formVersionId).sort();
    expect(versions).toEqual([v1.id, p.version.id].sort());
  });

  it("a change of settings or retention policy becomes a new version when the form is next shown", async () => {
    const a = await seedNewsletter("Delta");
    const { form, version: v1 } = await seedForm([a.id]);
    expect(await getCurrentFormVersion({ formSlug: form.slug })).toMatchObject({ state: "ok", version: { id: v1.id } });
    await db.retentionPolicy.create({ data: { newsletterId: a.id, pendingDays: 3 } });
    const shown = await getCurrentFormVersion({ formSlug: form.slug });
    expect(shown).toMatchObject({ state: "ok", version: { version: 2 } });
    if (shown.state !== "ok") return;
    expect(shown.version.retentionStatement).toBe(retentionStatement({ pendingDays: 3 }, "nl"));
    expect(shown.version.renderedText).toContain("binnen 3 dagen");
  });

  it("a form whose settings stop passing the lint is not shown", async () => {
    const a = await seedNewsletter("Epsilon");
    const { form } = await seedForm([a.id]);
    await seedOrganisation({ privacyUrl: "" });
    try {
      expect(await getCurrentFormVersion({ formSlug: form.slug })).toMatchObject({ state: "unavailable" });
    } finally {
      await seedOrganisation();
    }
  });

  it("/n/[newsletter] gets an implicit one-newsletter form, versioned when its text changes", async () => {
    const a = await seedNewsletter("Zeta");
    const first = await getCurrentFormVersion({ newsletterSlug: a.slug });
    expect(first).toMatchObject({ state: "ok", version: { version: 1, newsletterIds: [a.id] } });
    expect(await getCurrentFormVersion({ newsletterSlug: a.slug })).toMatchObject({ state: "ok", version: { version: 1 } });
    await db.newsletter.update({ where: { id: a.id }, data: { description: "Now about other things." } });
    const second = await getCurrentFormVersion({ newsletterSlug: a.slug });
    expect(second).toMatchObject({ state: "ok", version: { version: 2 } });
    if (first.state !== "ok") return;
    // implicit forms are not reachable as /f/ forms
    expect(await getCurrentFormVersion({ formSlug: first.form.slug })).toEqual({ state: "not-found" });
    await db.newsletter.update({ where: { id: a.id }, data: { archivedAt: new Date() } });
    expect(await getCurrentFormVersion({ newsletterSlug: a.slug })).toMatchObject({ state: "closed" });
  });

  it("unknown and unpublished forms are not shown", async () => {
    expect(await getCurrentFormVersion({ formSlug: "no-such-form" })).toEqual({ state: "not-found" });
    const form = await db.form.create({ data: { slug: `draft-${uid()}`, name: "Draft only", draft: defaultFormDraft({ language: "en" }) } });
    expect(await getCurrentFormVersion({ formSlug: form.slug })).toMatchObject({ state: "unavailable" });
  });
});
