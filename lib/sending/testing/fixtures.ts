// Test fixtures for the sending pipeline: an organisation, newsletters, a published form version and
// subscribers in every state, created directly in the database (bulk inserts for thousands).
import { randomBytes } from "node:crypto";
import { db } from "../../db/index.ts";

const uid = () => randomBytes(5).toString("hex");

export async function seedOrganisation() {
  await db.organisation.upsert({
    where: { id: 1 },
    create: { id: 1, name: "Fietsen & Co", address: "Keizersgracht 1, 1015 AB Amsterdam", contactEmail: "privacy@fietsen.example", privacyUrl: "https://fietsen.example/privacy" },
    update: { name: "Fietsen & Co", address: "Keizersgracht 1, 1015 AB Amsterdam", contactEmail: "privacy@fietsen.example" },
  });
}

export async function seedNewsletter(opts: { name?: string; language?: string; categories?: string[]; similarMap?: Record<string, string[]> } = {}) {
  const slug = `nl-${uid()}`;
  return db.newsletter.create({
    data: {
      slug, name: opts.name ?? `Nieuws ${slug}`, language: opts.language ?? "nl", fromName: "Fietsen & Co", fromEmail: "nieuws@fietsen.example",
      categories: opts.categories ?? ["bikes"], similarMap: opts.similarMap ?? { bikes: ["bike-parts"] },
    },
  });
}

export async function seedFormVersion(newsletterIds: string[]) {
  const form = await db.form.create({ data: { slug: `f-${uid()}`, name: "Signup", draft: {} } });
  return db.formVersion.create({
    data: {
      formId: form.id, version: 1, language: "nl", definition: {}, newsletterIds, renderedText: "Ja, ik wil de nieuwsbrief.",
      contentHash: "0".repeat(64), controllerIdentity: "Fietsen & Co", privacyUrl: "https://fietsen.example/privacy", retentionStatement: "…",
    },
  });
}

export type SubscriberState = "confirmed" | "pending" | "unsubscribed";

/** One subscriber with a subscription to `newsletterId` in the given state (DOI, own form). */
export async function seedSubscriber(opts: { newsletterId: string; formVersionId: string | null; state?: SubscriberState; email?: string; basis?: "consent" | "existing_customer" }) {
  const email = opts.email ?? `p-${uid()}@example.nl`;
  const state = opts.state ?? "confirmed";
  const s = await db.subscriber.create({ data: { email } });
  const sub = await db.subscription.create({
    data: {
      subscriberId: s.id, newsletterId: opts.newsletterId, status: state, basis: opts.basis ?? "consent", method: "double_opt_in",
      formVersionId: opts.formVersionId, givenAt: new Date("2025-01-10T09:00:00Z"),
      confirmedAt: state === "pending" ? null : new Date("2025-01-10T09:05:00Z"),
      unsubscribedAt: state === "unsubscribed" ? new Date("2025-02-01T00:00:00Z") : null,
    },
  });
  return { subscriber: s, subscription: sub, email };
}

/** `n` confirmed DOI subscribers of one newsletter, inserted in bulk. Addresses: `${prefix}-${i}@example.nl`. */
export async function seedManyConfirmed(opts: { newsletterId: string; formVersionId: string; n: number; prefix?: string }) {
  const prefix = opts.prefix ?? `bulk-${uid()}`;
  const CHUNK = 2000;
  for (let start = 0; start < opts.n; start += CHUNK) {
    const end = Math.min(opts.n, start + CHUNK);
    const subscribers = [];
    const subscriptions = [];
    for (let i = start; i < end; i++) {
      const id = `s${prefix.replace(/[^a-z0-9]/gi, "")}x${i}`.slice(0, 40);
      subscribers.push({ id, email: `${prefix}-${i}@example.nl` });
      subscriptions.push({
        id: `b${id.slice(1)}`, subscriberId: id, newsletterId: opts.newsletterId, status: "confirmed" as const, basis: "consent" as const,
        method: "double_opt_in" as const, formVersionId: opts.formVersionId, givenAt: new Date("2025-01-10T09:00:00Z"), confirmedAt: new Date("2025-01-10T09:05:00Z"),
      });
    }
    await db.subscriber.createMany({ data: subscribers });
    await db.subscription.createMany({ data: subscriptions });
  }
  return prefix;
}

export async function seedIssue(newsletterId: string, subject = "Voorjaarsnieuws") {
  return db.issue.create({ data: { newsletterId, subject, preheader: "Nieuwe fietsen", bodyMarkdown: "# Hallo\n\nDe nieuwe modellen zijn er." } });
}
