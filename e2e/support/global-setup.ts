// Starts the real SMTP server the app sends to (lib/testing/smtp-sink, in the runner's process) and
// stores every message as an .eml file that the tests read (e2e/support/mail.ts).
import fs from "node:fs";
import path from "node:path";
import { startSmtpSink } from "../../lib/testing/smtp-sink";
import { e2eEnv } from "./env";

export default async function globalSetup() {
  const env = e2eEnv();
  const dir = path.join(env.E2E_DIR, "mail");
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  const sink = await startSmtpSink({
    port: Number(env.E2E_SMTP_PORT),
    parse: false,
    onMessage: (raw) => fs.writeFileSync(path.join(dir, `${String(++n).padStart(6, "0")}.eml`), raw),
  });
  return () => sink.close();
}
