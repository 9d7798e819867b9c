// Shared by db:migrate and db:status: DATABASE_URL (default file:./data/proofmail.db) and its provider.
import { providerFromUrl, type DbProvider } from "../../lib/db/migrate.ts";

export function databaseFromEnv(): { provider: DbProvider; url: string } {
  const url = process.env.DATABASE_URL || "file:./data/proofmail.db";
  const provider = providerFromUrl(url);
  if (!provider) {
    console.error(`DATABASE_URL: expected file:... or postgres://..., got "${url}"`);
    process.exit(2);
  }
  return { provider, url };
}

/** Runs main, printing only the message of an error (no stack trace), exit 1. */
export function run(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (e) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
