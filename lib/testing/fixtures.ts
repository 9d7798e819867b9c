// Test fixtures (vitest and e2e): a newsletter with a published form version, and a subscriber with
// subscriptions and the ledger events a real signup, confirmation and withdrawal would have written.
// Dates are inputs so retention tests can use an injected clock.
import { db } from "../db/index.ts";
import { appendEvent } from "../consent/ledger.ts";
import { sha256 } from "../util/hash.ts";

let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function createNewsletterWithForm(opts: { slug?: string; name?: string; language?: "nl" | "en"; text?: string } = {}) {
  const slug = opts.slug ?? `nl-${unique()}`;
  const language = opts.language ?? "nl";
  const newsletter = await db.newsletter.create({
    data: { slug, name: opts.name ?? `Newsletter ${slug}`, language, fromName: "Org", fromEmail: "news@org.example", categories: [] },
  });
  const form = await db.form.create({ data: { slug: `form-${slug}`, name: `Form ${slug}`, language, draft: {} } });
  const renderedText = opts.text ?? `Ja, stuur mij ${newsletter.name}. Org B.V., Straat 1, Utrecht. Afmelden kan altijd.`;
  const formVersion = await db.formVersion.create({
    data: {
      formId: form.id, version: 1, language, definition: {}, newsletterIds: [newsletter.id], renderedText,
      contentHash: sha256(renderedText), controllerIdentity: "Org B.V., Straat 1, Utrecht", privacyUrl: "https://org.example/privacy",
      retentionStatement: "We bewaren je gegevens zolang je bent ingeschreven.",
    },
  });
  await db.form.update({ where: { id: form.id }, data: { currentVersionId: formVersion.id } });
  return { newsletter, form, formVersion };
}

export type FixtureSubscription = {
  newsletterId: string;
  formVersionId?: string | null;
  status: "pending" | "confirmed" | "unsubscribed";
  basis?: "consent" | "existing_customer";
  createdAt: Date;
  confirmedAt?: Date | null;
  unsubscribedAt?: Date | null;
  proofReference?: string | null;
};

export async function createSubscriber(opts: {
  email?: string;
  name?: string | null;
  createdAt?: Date;
  subscriptions: FixtureSubscription[];
  purchases?: { at: Date; category?: string; reference?: string }[];
  ip?: string;
  userAgent?: string;
}) {
  const createdAt = opts.createdAt ?? opts.subscriptions[0]?.createdAt ?? new Date();
  return db.$transaction(async (tx) => {
    const subscriber = await tx.subscriber.create({
      data: { email: opts.email ?? `p-${unique()}@example.nl`, name: opts.name ?? null, createdAt, updatedAt: createdAt },
    });
    const ua = opts.userAgent ?? "Mozilla/5.0 (fixture)";
    const ip = opts.ip ?? "192.0.2.10";
    const subscriptions = [];
    for (const s of opts.subscriptions) {
      const confirmedAt = s.status === "pending" ? null : (s.confirmedAt ?? s.createdAt);
      const sub = await tx.subscription.create({
        data: {
          subscriberId: subscriber.id, newsletterId: s.newsletterId, status: s.status, basis: s.basis ?? "consent",
          method: "double_opt_in", formVersionId: s.formVersionId ?? null, givenAt: s.createdAt, confirmedAt,
          unsubscribedAt: s.status === "unsubscribed" ? (s.unsubscribedAt ?? null) : null, createdAt: s.createdAt,
          proofReference: s.proofReference ?? null,
        },
      });
      subscriptions.push(sub);
      const base = { subscriberId: subscriber.id, subscriptionId: sub.id, newsletterIds: [s.newsletterId], formVersionId: s.formVersionId ?? null };
      await appendEvent(tx, { ...base, type: "signup", at: s.createdAt, actor: "subject", ip, userAgent: ua });
      if (confirmedAt) await appendEvent(tx, { ...base, type: "confirm", at: confirmedAt, actor: "subject", ip, userAgent: ua });
      if (s.status === "unsubscribed" && s.unsubscribedAt)
        await appendEvent(tx, { ...base, type: "withdraw", at: s.unsubscribedAt, actor: "subject", details: { via: "fixture" }, ip, userAgent: ua });
    }
    for (const p of opts.purchases ?? [])
      await tx.purchase.create({
        data: { subscriberId: subscriber.id, at: p.at, category: p.category ?? "bikes", reference: p.reference ?? null, optOutOfferedAtCollection: true },
      });
    return { subscriber, subscriptions };
  });
}
