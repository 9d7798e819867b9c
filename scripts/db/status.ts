// npm run db:status: applied / pending / modified migrations of DATABASE_URL
// (default file:./data/proofmail.db). Exit 1 if anything is pending, modified or failed.
import { migrationStatus } from "../../lib/db/migrate.ts";
import { databaseFromEnv, run } from "./cli.ts";

run(async () => {
  const db = databaseFromEnv();
  const s = await migrationStatus(db);
  const show = (label: string, names: string[]) => {
    if (names.length) console.log(`${label}:\n${names.map((n) => `  ${n}`).join("\n")}`);
  };
  show("applied", s.applied);
  show("pending", s.pending);
  show("modified after being applied", s.modified);
  show("failed", s.failed);
  show("applied but not in the migrations directory", s.missing);
  if (!s.applied.length && !s.pending.length && !s.modified.length) console.log("no migrations");
  return s.pending.length || s.modified.length || s.failed.length ? 1 : 0;
});
