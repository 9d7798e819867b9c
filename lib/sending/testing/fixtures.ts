// Test fixtures for the sending pipeline: an organisation, newsletters, a published form version and
// subscribers in every state, created directly in the database (bulk inserts for thousands).
import { randomBytes } from "node:crypto";
import { db, dbProvider } from "../../db/index.ts";

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
  const key = prefix.replace(/[^a-z0-9]/gi, "").slice(0, 20);
  const pg = dbProvider() === "postgres";
  const t = (d: Date) => (pg ? d : d.toISOString().replace("Z", "+00:00"));
  const now = t(new Date());
  const given = t(new Date("2025-01-10T09:00:00Z"));
  const confirmed = t(new Date("2025-01-10T09:05:00Z"));
  const CHUNK = 500; // raw multi-row INSERTs: Prisma's createMany costs about a millisecond per row
  for (let start = 0; start < opts.n; start += CHUNK) {
    const end = Math.min(opts.n, start + CHUNK);
    const idx = Array.from({ length: end - start }, (_, k) => start + k);
    let p = 0;
    const ph = (n: number) => Array.from({ length: n }, () => (pg ? `$${++p}` : "?")).join(", ");
    const subSql = `INSERT INTO "Subscriber" (id, email, kind, eea, "addressPublishedForOffers", "createdAt", "updatedAt") VALUES ${idx.map(() => `(${ph(2)}, 'person', true, false, ${ph(2)})`).join(", ")}`;
    await db.$executeRawUnsafe(subSql, ...idx.flatMap((i) => [`s${key}x${i}`, `${prefix}-${i}@example.nl`, now, now]));
    p = 0;
    const subsSql = `INSERT INTO "Subscription" (id, "subscriberId", "newsletterId", status, basis, method, source, "sourceProofNamesOrg", "givenBy", "preTicked", bundled, conditional, "thirdPartyOffers", "formVersionId", "givenAt", "confirmedAt", "createdAt", "updatedAt") VALUES ${idx
      .map(() => `(${ph(3)}, 'confirmed'${pg ? '::"SubscriptionStatus"' : ""}, 'consent'${pg ? '::"Basis"' : ""}, 'double_opt_in'${pg ? '::"ConsentMethod"' : ""}, 'own_form'${pg ? '::"ConsentSource"' : ""}, false, 'subject'${pg ? '::"GivenBy"' : ""}, false, false, false, false, ${ph(5)})`)
      .join(", ")}`;
    await db.$executeRawUnsafe(subsSql, ...idx.flatMap((i) => [`b${key}x${i}`, `s${key}x${i}`, opts.newsletterId, opts.formVersionId, given, confirmed, now, now]));
  }
  return prefix;
}

/**
 * An issue, declared by default as the editor would: the newsletter's categories, no third-party offers, consent
 * subscribers and customers. `declaration: null` leaves it undeclared; a partial one overrides those answers.
 */
export async function seedIssue(
  newsletterId: string, subject = "Voorjaarsnieuws",
  opts: { declaration?: null | Partial<{ categories: string[]; thirdPartyPromotion: boolean; basis: "consent" | "existing_customer" }> } = {},
) {
  const nl = await db.newsletter.findUniqueOrThrow({ where: { id: newsletterId }, select: { categories: true } });
  const declared = opts.declaration === null ? {} : {
    categories: nl.categories as string[], thirdPartyPromotion: false, basis: "existing_customer" as const, declaredAt: new Date(), ...opts.declaration,
  };
  return db.issue.create({ data: { newsletterId, subject, preheader: "Nieuwe fietsen", bodyMarkdown: "# Hallo\n\nDe nieuwe modellen zijn er.", ...declared } });
}

/** A running send of one declared issue to `n` confirmed subscribers (the fault tests' starting point). */
export async function startBulkSend(n: number): Promise<{ sendId: string; prefix: string; recipients: number }> {
  const { startSend } = await import("../start-send.ts");
  await seedOrganisation();
  const nl = await seedNewsletter();
  const fv = await seedFormVersion([nl.id]);
  const prefix = await seedManyConfirmed({ newsletterId: nl.id, formVersionId: fv.id, n });
  const issue = await seedIssue(nl.id);
  const started = await startSend({ issueId: issue.id, actor: "system" });
  if (!started.ok) throw new Error(started.error);
  return { sendId: started.sendId, prefix, recipients: started.report.recipients };
}

/** Runs the send pipeline in this process until the send is no longer running; returns the send row. */
export async function drainSend(sendId: string, opts: { workerId?: string; limitMs?: number; options?: { lockMs?: number; retryBaseMs?: number; maxAttempts?: number } } = {}) {
  const { deliverBatch } = await import("../deliver-batch.ts");
  const end = Date.now() + (opts.limitMs ?? 30_000);
  for (;;) {
    const worked = await deliverBatch({ workerId: opts.workerId ?? "test-worker", options: opts.options ?? { lockMs: 10_000, retryBaseMs: 50, maxAttempts: 3 } });
    const send = await db.send.findUnique({ where: { id: sendId } });
    if (send?.status !== "running") return send;
    if (!worked) await new Promise((r) => setTimeout(r, 30));
    if (Date.now() > end) throw new Error("send did not finish");
  }
}
