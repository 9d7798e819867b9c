// Shared by the CLIs: the embedded default's secrets live in ./data (created once, mode 0600), so a new
// user needs to configure nothing. Production deployments set AUTH_SECRET and SUPPRESSION_KEY instead.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { ConfigError, loadConfig, type Config } from "../lib/config/index.ts";

function secretFromFile(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const s = randomBytes(32).toString("base64url");
    fs.writeFileSync(file, s, { mode: 0o600 });
    return s;
  }
}

/** Fills in the embedded defaults, validates the configuration, or prints one line and exits. */
export function loadCliConfig(opts: { embeddedSecrets: boolean }): Config {
  const dataDir = path.resolve(process.env.DATA_DIR || "data");
  if (opts.embeddedSecrets) {
    process.env.AUTH_SECRET ||= secretFromFile(dataDir, "auth-secret");
    process.env.SUPPRESSION_KEY ||= secretFromFile(dataDir, "suppression-key");
  }
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`proofmail: configuration error: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}

/** The embedded default: a SQLite file (its secrets may come from ./data). */
export function isEmbedded(): boolean {
  return !process.env.DATABASE_URL || process.env.DATABASE_URL.startsWith("file:");
}
