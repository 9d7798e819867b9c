// Starts the real SMTP server the app sends to (smtp-server, in the runner's process) and stores every
// message as an .eml file that the tests read (e2e/support/mail.ts).
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { e2eEnv } from "./env";

export default async function globalSetup() {
  const env = e2eEnv();
  const dir = path.join(env.E2E_DIR, "mail");
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        fs.writeFileSync(path.join(dir, `${String(++n).padStart(6, "0")}.eml`), Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(Number(env.E2E_SMTP_PORT), "127.0.0.1", resolve));
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}
