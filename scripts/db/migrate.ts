// npm run db:migrate: applies pending migrations to DATABASE_URL (default file:./data/proofmail.db).
// Prints the applied names, or "up to date".
import { migrate } from "../../lib/db/migrate.ts";
import { databaseFromEnv, run } from "./cli.ts";

run(async () => {
  const db = databaseFromEnv();
  const { applied } = await migrate({ ...db, log: (line) => console.log(line) });
  if (!applied.length) console.log("up to date");
});
