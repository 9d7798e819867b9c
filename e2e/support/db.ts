// Direct database access for e2e fixtures: the runner points lib/db at the same database the e2e server
// uses (e2eEnv) before lib/db is first imported, then uses the shared test fixtures.
import { e2eEnv } from "./env";

let ready: Promise<void> | null = null;

function pointAtE2eDatabase() {
  const env = e2eEnv();
  for (const k of ["DATABASE_URL", "AUTH_SECRET", "SUPPRESSION_KEY", "APP_URL", "DATA_DIR"] as const) process.env[k] = env[k];
}

/** The shared Prisma client, connected to the e2e database. */
export async function e2eDb() {
  ready ??= Promise.resolve(pointAtE2eDatabase());
  await ready;
  return (await import("../../lib/db/index.ts")).db;
}

/** lib/testing/fixtures.ts (newsletter with a published form version, subscribers with ledger events). */
export async function e2eFixtures() {
  await e2eDb();
  return import("../../lib/testing/fixtures.ts");
}

/** The organisation forms and footers need. Other spec files may have set it first: only the gaps are filled. */
export async function ensureOrganisation() {
  const db = await e2eDb();
  const org = await db.organisation.findUnique({ where: { id: 1 } });
  if (!org?.name || !org.address || !org.contactEmail || !org.privacyUrl)
    await db.organisation.upsert({
      where: { id: 1 },
      create: { id: 1, name: "Fietsbond E2E", address: "Oudegracht 1, 3511 AA Utrecht", contactEmail: "privacy@fietsbond.example", privacyUrl: "https://fietsbond.example/privacy" },
      update: {
        name: org?.name || "Fietsbond E2E", address: org?.address || "Oudegracht 1, 3511 AA Utrecht",
        contactEmail: org?.contactEmail || "privacy@fietsbond.example", privacyUrl: org?.privacyUrl || "https://fietsbond.example/privacy",
      },
    });
  return db.organisation.findUniqueOrThrow({ where: { id: 1 } });
}
