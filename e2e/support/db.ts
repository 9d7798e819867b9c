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
