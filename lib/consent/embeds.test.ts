// Issue 13 D7: a post naming an older form version (an embed snippet copied before the form changed), on
// the real database. Same text as the current version: the consent points to the current version. Changed
// text: nothing is written, and the retry page's data (the sealed cookie) carries the typed values to the
// page that shows the current text with nothing ticked.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { useSmtpSink } from "../testing/use-smtp-sink.ts";

const sink = await useSmtpSink();

const { db } = await import("../db/index.ts");
const { submitSignup } = await import("./submit-signup.ts");
const { publishFormVersion } = await import("./publish-form-version.ts");
const { getCurrentFormVersion } = await import("./get-current-form-version.ts");
const { saveNewsletter } = await import("../newsletters/save-newsletter.ts");
const { sealSignupRetry, openSignupRetry, keptValues } = await import("./signup-retry.ts");
const { seedForm, seedOrganisation, counts, uid, ADMIN } = await import("./test-helpers.ts");

afterAll(() => sink.stop());
beforeAll(() => seedOrganisation());

const post = (formVersionId: string, email: string, newsletterIds: string[]) =>
  submitSignup({ formVersionId, email, name: "Eva", newsletterIds, via: "embed", ip: `10.9.${Math.floor(Math.random() * 250)}.1`, userAgent: "Vitest/1" });

const newsletterInput = (slug: string, over: Record<string, unknown> = {}) => ({
  slug, name: `Fietsnieuws ${slug}`, description: "Nieuwe fietsen, elke maand.", language: "nl",
  fromName: "Fietsbond", fromEmail: "nieuws@fietsbond.test", replyTo: "", frequency: "", categories: ["bikes"], similarMap: null, ...over,
});

async function newsletter(over: Record<string, unknown> = {}) {
  const slug = `emb-${uid()}`;
  const saved = await saveNewsletter({ input: newsletterInput(slug, over), actor: ADMIN });
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  return { id: saved.id, slug };
}

describe("a post for an older form version", () => {
  it("with exactly the current text is recorded against the current version", async () => {
    const n = await newsletter();
    const { form, version: v1 } = await seedForm([n.id]);
    // A category is not in the form's text, but it is a new purpose: a new version with the same text.
    const again = await saveNewsletter({ id: n.id, input: newsletterInput(n.slug, { categories: ["bikes", "travel"] }), actor: ADMIN });
    expect(again.ok).toBe(true);
    const v2 = await publishFormVersion({ formId: form.id, actor: ADMIN });
    if (!v2.ok) throw new Error(JSON.stringify(v2.violations));
    expect(v2.version.id).not.toBe(v1.id);
    expect(v2.version.renderedText).toBe(v1.renderedText);

    const email = `same-${uid()}@example.nl`;
    expect(await post(v1.id, email, [n.id])).toMatchObject({ ok: true, thanksPath: `/f/${form.slug}/thanks` });
    const sub = await db.subscription.findFirstOrThrow({ where: { newsletterId: n.id, subscriber: { email } } });
    expect(sub.formVersionId).toBe(v2.version.id);
    expect(sub.purposeVersionId).toBe((v2.version.purposeVersionIds as Record<string, string>)[n.id]);
    const ev = await db.consentEvent.findFirstOrThrow({ where: { type: "signup", subscriberId: sub.subscriberId } });
    expect(ev.formVersionId).toBe(v2.version.id);
    expect(ev.details).toMatchObject({ version: 2, postedVersion: 1, via: "embed" });
  });

  it("with changed text writes nothing and answers form_updated (409) with the form's page", async () => {
    const n = await newsletter();
    const { form, version: v1 } = await seedForm([n.id]);
    await db.form.update({ where: { id: form.id }, data: { draft: { ...(form.draft as object), intro: "Nu elke week, met tips." } } });
    const v2 = await publishFormVersion({ formId: form.id, actor: ADMIN });
    if (!v2.ok) throw new Error(JSON.stringify(v2.violations));
    expect(v2.version.renderedText).not.toBe(v1.renderedText);

    const email = `changed-${uid()}@example.nl`;
    const before = await counts();
    const r = await post(v1.id, email, [n.id]);
    expect(r).toMatchObject({ ok: false, status: 409, code: "form_updated", language: "nl", formPath: `/f/${form.slug}` });
    expect(await counts()).toEqual(before);
    expect(await db.subscriber.findUnique({ where: { email } })).toBeNull();
    expect(sink.received.filter((m) => m.envelopeTo.includes(email))).toHaveLength(0);

    // The page the visitor is sent to shows the current text; the sealed values come back for that page only.
    const shown = await getCurrentFormVersion({ formSlug: form.slug });
    expect(shown).toMatchObject({ state: "ok", version: { id: v2.version.id } });
    if (shown.state === "ok") expect(shown.version.renderedText).toContain("Nu elke week, met tips.");
    const values = keptValues({ email, name: "Eva", newsletterIds: [n.id], age: null, guardianEmail: null });
    const sealed = sealSignupRetry({ formPath: `/f/${form.slug}`, code: "form_updated", values });
    expect(sealed).not.toContain(email.split("@")[0]);
    expect(openSignupRetry(sealed, `/f/${form.slug}`)).toEqual({ formPath: `/f/${form.slug}`, code: "form_updated", values });
    expect(openSignupRetry(sealed, "/f/another-form")).toBeNull();
    expect(openSignupRetry(sealed, `/f/${form.slug}`, new Date(Date.now() + 11 * 60_000))).toBeNull();
    expect(openSignupRetry(`${sealed.slice(0, -2)}AA`, `/f/${form.slug}`)).toBeNull();
    // ...and the current version takes the signup.
    expect(await post(v2.version.id, email, [n.id])).toMatchObject({ ok: true });
    expect((await db.subscription.findFirstOrThrow({ where: { newsletterId: n.id, subscriber: { email } } })).formVersionId).toBe(v2.version.id);
  });

  it("validation failures name the form's page too, so the embed's visitor lands on it with their values", async () => {
    const n = await newsletter();
    const { form, version } = await seedForm([n.id]);
    expect(await post(version.id, "not-an-address", [n.id])).toMatchObject({ ok: false, status: 422, code: "invalid_email", field: "email", formPath: `/f/${form.slug}` });
    await db.form.update({ where: { id: form.id }, data: { archivedAt: new Date() } });
    expect(await post(version.id, `closed-${uid()}@example.nl`, [n.id])).toMatchObject({ ok: false, status: 410, code: "form_closed", formPath: `/f/${form.slug}` });
  });
});
