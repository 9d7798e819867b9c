// Shared by the CLIs: the embedded default's secrets live in ./data (created once, mode 0600), so a new
// user needs to configure nothing. Production deployments set AUTH_SECRET and SUPPRESSION_KEY instead.
// The ledger's Ed25519 signing key is created in ./data on every install that does not set LEDGER_SIGNING_KEY
// (a single-host PostgreSQL install shares the file between its web and worker processes); installs on several
// hosts set LEDGER_SIGNING_KEY to one key everywhere, or each host would sign with a key of its own.
import fs from "node:fs";
import path from "node:path";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { ConfigError, loadConfig, type Config } from "../lib/config/index.ts";

function secretFromFile(dataDir: string, name: string, create = () => randomBytes(32).toString("base64url")): string {
  const file = path.join(dataDir, name);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const s = create();
    try {
      fs.writeFileSync(file, s, { mode: 0o600, flag: "wx" });
    } catch (err) {
      // another process (web and worker starting together) wrote it first: use theirs
      if ((err as NodeJS.ErrnoException).code === "EEXIST") return fs.readFileSync(file, "utf8").trim();
      throw err;
    }
    return s;
  }
}

/** A new Ed25519 private key as PKCS8 PEM (the ledger's signing key). */
export const newLedgerSigningKey = () => generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();

/** Fills in the embedded defaults, validates the configuration, or prints one line and exits. */
export function loadCliConfig(opts: { embeddedSecrets: boolean }): Config {
  const dataDir = path.resolve(process.env.DATA_DIR || "data");
  if (opts.embeddedSecrets) {
    process.env.AUTH_SECRET ||= secretFromFile(dataDir, "auth-secret");
    process.env.SUPPRESSION_KEY ||= secretFromFile(dataDir, "suppression-key");
  }
  process.env.LEDGER_SIGNING_KEY ||= secretFromFile(dataDir, "ledger-signing-key", newLedgerSigningKey);
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
