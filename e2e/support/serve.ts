// The e2e web server: migrate the fresh database, then scripts/serve.ts, the same web server `npm start`
// runs (web + worker in one process).
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { migrate } from "../../lib/db/migrate.ts";
import { parseDatabaseUrl } from "../../lib/config/index.ts";
import { loadCliConfig } from "../../scripts/env.ts";

fs.mkdirSync(process.env.E2E_DIR!, { recursive: true });
// As `npm start`: the ledger's signing key comes from the data directory (the e2e env sets the other secrets).
loadCliConfig({ embeddedSecrets: false });
const { provider, url } = parseDatabaseUrl(process.env.DATABASE_URL!);
await migrate({ provider, url });
const { createSetupLinkIfNeeded } = await import("../../lib/auth/setup.ts");
const link = await createSetupLinkIfNeeded();
if (link) fs.writeFileSync(path.join(process.env.E2E_DIR!, "setup-link.txt"), link);
const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), path.resolve("scripts/serve.ts")], { stdio: "inherit", env: process.env });
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
