// Shared set-up for the consent tests: an organisation, newsletters and a published form.
import { randomBytes } from "node:crypto";
import { db } from "../db/index.ts";
import { defaultFormDraft, type FormDraft } from "./form-definition.ts";
import { publishFormVersion } from "./publish-form-version.ts";

export const ADMIN = { id: null, email: "admin@example.org" };

export const uid = () => randomBytes(4).toString("hex");

export async function seedOrganisation(overrides: Record<string, unknown> = {}) {
  const data = { name: "Fietsbond Test", address: "Dorpsstraat 1, Utrecht", contactEmail: "privacy@fietsbond.test", privacyUrl: "https://fietsbond.test/privacy", ...overrides };
  await db.organisation.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
}

export async function seedNewsletter(name: string, extra: Record<string, unknown> = {}) {
  return db.newsletter.create({
    data: { slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${uid()}`, name, description: `All about ${name}.`, language: "nl", fromName: "Fietsbond", fromEmail: "news@fietsbond.test", categories: [], ...extra },
  });
}

export async function seedForm(newsletterIds: string[], draft: Partial<FormDraft> = {}, extra: Record<string, unknown> = {}) {
  const d = { ...defaultFormDraft({ language: "nl", organisationName: "Fietsbond Test", newsletterIds }), ...draft };
  const form = await db.form.create({ data: { slug: `form-${uid()}`, name: "Test form", language: d.language, draft: d, ...extra } });
  const r = await publishFormVersion({ formId: form.id, actor: ADMIN });
  if (!r.ok) throw new Error(`publish failed: ${JSON.stringify(r.violations)}`);
  return { form, version: r.version };
}

/** Row counts that a rejected submission must leave unchanged. */
export async function counts() {
  const [subscribers, subscriptions, events, tokens] = await Promise.all([db.subscriber.count(), db.subscription.count(), db.consentEvent.count(), db.token.count()]);
  return { subscribers, subscriptions, events, tokens };
}
