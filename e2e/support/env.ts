// One set of e2e settings per run. The config file is evaluated in the runner and in every worker; the
// run id is fixed in the runner's environment the first time, so all of them agree.
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";

export function e2eEnv() {
  process.env.E2E_RUN_ID ||= randomBytes(4).toString("hex");
  const id = process.env.E2E_RUN_ID;
  const dir = path.join(os.tmpdir(), `proofmail-e2e-${id}`);
  const base = process.env.DATABASE_URL;
  let databaseUrl: string;
  if (base && /^postgres(ql)?:\/\//.test(base)) {
    const u = new URL(base);
    u.searchParams.set("schema", `e2e_${id}`);
    databaseUrl = u.toString();
  } else databaseUrl = `file:${path.join(dir, "e2e.db")}`;
  // npm test picks free ports for each of its side-by-side runs (E2E_APP_PORT, E2E_SMTP_PORT); otherwise
  // 3100-3599, clear of the ports browsers and Next.js refuse (3659 is one of them)
  const port = Number(process.env.E2E_APP_PORT) || 3100 + (parseInt(id.slice(0, 4), 16) % 500);
  const smtpPort = Number(process.env.E2E_SMTP_PORT) || 2600 + (parseInt(id.slice(4, 8), 16) % 300);
  return {
    E2E_RUN_ID: id,
    E2E_DIR: dir,
    E2E_SMTP_PORT: String(smtpPort),
    DATABASE_URL: databaseUrl,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    APP_URL: `http://127.0.0.1:${port}`,
    PORT: String(port),
    NODE_ENV: "production",
    AUTH_SECRET: "e2e-auth-secret-0123456789abcdef",
    SUPPRESSION_KEY: "e2e-suppression-key-0123456789abcdef",
    DATA_DIR: path.join(dir, "data"),
    WORKER_IN_WEB: "1",
    WORKER_IDLE_MS: "100",
    LOG_LEVEL: "warn", // the server's lines stay readable in the runner's output
    LEDGER_ANCHOR_EMAIL: "ledger-anchor@auditor.example", // e2e/ledger-anchor.spec.ts
    WEBHOOKS_ALLOW_PRIVATE: "1", // e2e/webhooks.spec.ts: the receiver listens on 127.0.0.1
  };
}
