// `npm start`: the embedded default in one command: validates the configuration, migrates the database
// (a SQLite file under ./data unless DATABASE_URL says otherwise), builds when the sources changed,
// prints the first-admin setup link, and serves on http://localhost:3000 (web + worker in one process,
// through scripts/serve.ts).
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { loadCliConfig } from "./env.ts";

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

/** Build when there is no build yet or any source file is newer than it. */
function needsBuild(): boolean {
  const id = path.resolve(".next/BUILD_ID");
  if (!fs.existsSync(id)) return true;
  const built = fs.statSync(id).mtimeMs;
  const newer = (dir: string): boolean =>
    fs.existsSync(dir) &&
    fs.readdirSync(dir, { withFileTypes: true }).some((e) => {
      if (e.name === "node_modules" || e.name === "generated" || e.name.startsWith(".")) return false;
      const p = path.join(dir, e.name);
      return e.isDirectory() ? newer(p) : fs.statSync(p).mtimeMs > built;
    });
  return ["app", "components", "lib", "public"].some((d) => newer(path.resolve(d))) ||
    ["package.json", "next.config.js"].some((f) => fs.statSync(f).mtimeMs > built);
}
