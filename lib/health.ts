// What /api/health reports: can we reach the database, and is the mailer usable.
import { db, dbProvider } from "./db/index.ts";
import { verifyMailer } from "./mail/transport.ts";

export async function health() {
  let database: { ok: boolean; provider: string; error?: string };
  try {
    await db.$queryRawUnsafe("SELECT 1");
    database = { ok: true, provider: dbProvider() };
  } catch (err) {
    database = { ok: false, provider: dbProvider(), error: (err as Error).message.slice(0, 200) };
  }
  const mailer = await verifyMailer();
  return { status: database.ok && mailer.ok ? "ok" : "degraded", database, mailer };
}
