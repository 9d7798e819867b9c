// `npm start`: the embedded default in one command: validates the configuration, migrates the database
// (a SQLite file under ./data unless DATABASE_URL says otherwise), builds when the sources changed,
// prints the first-admin setup link, and serves on http://localhost:3000 (web + worker in one process,
// through scripts/serve.ts).
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { loadCliConfig } from "./env.ts";
import { needsBuild } from "./needs-build.ts";

(process.env as Record<string, string>).NODE_ENV = "production";
const cfg = loadCliConfig({ embeddedSecrets: true });
const port = process.env.PORT || "3000";

const { migrate } = await import("../lib/db/migrate.ts");
try {
  const { applied } = await migrate({ provider: cfg.dbProvider, url: cfg.databaseUrl });
  console.log(applied.length ? `proofmail: applied migrations ${applied.join(", ")}` : "proofmail: database up to date");
} catch (err) {
  console.error(`proofmail: DATABASE_URL: cannot migrate the database: ${(err as Error).message}`);
  process.exit(1);
}

if (needsBuild()) {
  console.log("proofmail: building the app (first start or changed sources)...");
  const r = spawnSync(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], { stdio: "inherit", env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const { createSetupLinkIfNeeded } = await import("../lib/auth/setup.ts");
const link = await createSetupLinkIfNeeded();
if (link) {
  console.log(`\nproofmail: no admin yet. Open this link to create the first admin account; you are signed in at once`);
  console.log(`(valid 24 hours, once):\n\n  ${link}\n`);
}
console.log(cfg.smtpUrl
  ? `proofmail: serving ${cfg.appUrl} (database: ${cfg.dbProvider}, mail: SMTP)`
  : `proofmail: serving ${cfg.appUrl} (database: ${cfg.dbProvider}, mail: dev mailbox at /admin/mailbox)\n` +
    `proofmail: no SMTP_URL, so sign-in links and invitations are printed here, each as a line "proofmail: mail to ADDRESS: SUBJECT: LINK"`);
// The web server (scripts/serve.ts): Next behind our own http server, which knows the client's address.
const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), path.resolve("scripts/serve.ts")], { stdio: "inherit", env: { ...process.env, PORT: port } });
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
