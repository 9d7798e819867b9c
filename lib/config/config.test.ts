import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { ConfigError, loadConfig, parseTrustProxy } from "./index.ts";

const base = { AUTH_SECRET: "x".repeat(32), SUPPRESSION_KEY: "y".repeat(32) };
const RSA_PEM = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();

describe("loadConfig", () => {
  it("defaults to the embedded SQLite file and the dev mailbox", () => {
    const c = loadConfig({ ...base } as unknown as NodeJS.ProcessEnv);
    expect(c).toMatchObject({ dbProvider: "sqlite", databaseUrl: "file:./data/proofmail.db", smtpUrl: null, appUrl: "http://localhost:3000", workerInWeb: true, unsubscribeMailto: null });
  });

  it("logs at info and has no /metrics token unless configured", () => {
    expect(loadConfig({ ...base } as unknown as NodeJS.ProcessEnv)).toMatchObject({ logLevel: "info", metricsToken: null });
    expect(loadConfig({ ...base, LOG_LEVEL: "DEBUG", METRICS_TOKEN: "m".repeat(16) } as unknown as NodeJS.ProcessEnv)).toMatchObject({ logLevel: "debug", metricsToken: "m".repeat(16) });
  });

  it("takes SUPPRESSION_KEY_PREVIOUS as a comma-separated list of earlier keys (none when unset)", () => {
    expect(loadConfig({ ...base } as unknown as NodeJS.ProcessEnv).suppressionKeyPrevious).toEqual([]);
    expect(loadConfig({ ...base, SUPPRESSION_KEY_PREVIOUS: "" } as unknown as NodeJS.ProcessEnv).suppressionKeyPrevious).toEqual([]);
    const two = loadConfig({ ...base, SUPPRESSION_KEY_PREVIOUS: ` ${"o".repeat(16)} ,${"p".repeat(20)}` } as unknown as NodeJS.ProcessEnv);
    expect(two).toMatchObject({ suppressionKey: "y".repeat(32), suppressionKeyPrevious: ["o".repeat(16), "p".repeat(20)] });
  });

  it("never prints a key in a SUPPRESSION_KEY_PREVIOUS error", () => {
    const secret = "s3cret-but-short";
    expect(() => loadConfig({ ...base, SUPPRESSION_KEY_PREVIOUS: `${"o".repeat(16)},${secret.slice(0, 10)}` } as unknown as NodeJS.ProcessEnv)).toThrow(ConfigError);
    try {
      loadConfig({ ...base, SUPPRESSION_KEY_PREVIOUS: `${"o".repeat(16)},${secret.slice(0, 10)}` } as unknown as NodeJS.ProcessEnv);
    } catch (e) {
      expect(String((e as Error).message)).not.toContain(secret.slice(0, 10));
      expect(String((e as Error).message)).not.toContain("o".repeat(16));
    }
  });

  it("reads the inbound settings (BOUNCE_ADDRESS, INBOUND_SMTP_PORT, IMAP_URL, soft-bounce limits) with their defaults", () => {
    expect(loadConfig(base as unknown as NodeJS.ProcessEnv)).toMatchObject({ bounceAddress: null, inboundSmtpPort: null, imap: null, softBounceLimit: 3, softBounceDays: 30, imapPollSeconds: 60 });
    expect(loadConfig({ ...base, BOUNCE_ADDRESS: "bounces@Bounce.Fietsen.nl", INBOUND_SMTP_PORT: "2525", SOFT_BOUNCE_LIMIT: "5", SOFT_BOUNCE_DAYS: "10", IMAP_URL: "imaps://fbl%40fietsen.nl:p%40ss@mail.fietsen.nl/Bounces" } as unknown as NodeJS.ProcessEnv)).toMatchObject({
      bounceAddress: { local: "bounces", domain: "bounce.fietsen.nl" }, inboundSmtpPort: 2525, softBounceLimit: 5, softBounceDays: 10,
      imap: { host: "mail.fietsen.nl", port: 993, secure: true, user: "fbl@fietsen.nl", pass: "p@ss", mailbox: "Bounces" },
    });
  });

  it("takes UNSUBSCRIBE_MAILTO as the List-Unsubscribe mailbox", () => {
    expect(loadConfig({ ...base, UNSUBSCRIBE_MAILTO: "afmelden@fietsen.nl" } as unknown as NodeJS.ProcessEnv).unsubscribeMailto).toBe("afmelden@fietsen.nl");
  });

  it("selects PostgreSQL for postgres:// URLs and runs no worker in the web process by default", () => {
    const c = loadConfig({ ...base, DATABASE_URL: "postgresql://u@db:5432/x" } as unknown as NodeJS.ProcessEnv);
    expect(c).toMatchObject({ dbProvider: "postgres", workerInWeb: false });
  });

  it.each([
    [{ DATABASE_URL: "mysql://x" }, /^DATABASE_URL: expected file:/],
    [{ DATABASE_URL: "postgres://" }, /^DATABASE_URL: /],
    [{ SMTP_URL: "not a url" }, /^SMTP_URL: not a valid URL/],
    [{ SMTP_URL: "http://mail:25" }, /^SMTP_URL: expected smtp:\/\/ or smtps:\/\//],
    [{ APP_URL: "ftp://x" }, /^APP_URL: /],
    [{ OPTIN_TOKEN_HOURS: "-3" }, /^OPTIN_TOKEN_HOURS: /],
    [{ SMTP_TIMEOUT_MS: "soon" }, /^SMTP_TIMEOUT_MS: expected a positive whole number/],
    [{ UNSUBSCRIBE_MAILTO: "unsub@x.nl\r\nBcc: evil@x.nl" }, /^UNSUBSCRIBE_MAILTO: expected a plain e-mail address/],
    [{ UNSUBSCRIBE_MAILTO: "not an address" }, /^UNSUBSCRIBE_MAILTO: /],
    [{ BOUNCE_ADDRESS: "bounces+x@bounce.fietsen.nl" }, /^BOUNCE_ADDRESS: expected a local part of at most 12 characters/],
    [{ BOUNCE_ADDRESS: "averyverylongbounces@bounce.fietsen.nl" }, /^BOUNCE_ADDRESS: /],
    [{ INBOUND_SMTP_PORT: "70000" }, /^INBOUND_SMTP_PORT: expected a port number/],
    [{ SOFT_BOUNCE_LIMIT: "0" }, /^SOFT_BOUNCE_LIMIT: expected a positive whole number/],
    [{ IMAP_URL: "pop3://u:p@mail.fietsen.nl" }, /^IMAP_URL: expected imap:\/\/ or imaps:\/\//],
    [{ IMAP_URL: "imaps://mail.fietsen.nl/INBOX" }, /^IMAP_URL: has no user/],
    [{ NODE_ENV: "production", AUTH_SECRET: "" }, /^AUTH_SECRET: is required in production/],
    [{ NODE_ENV: "production", SUPPRESSION_KEY: "" }, /^SUPPRESSION_KEY: is required in production/],
    [{ AUTH_SECRET: "short" }, /^AUTH_SECRET: must be at least 16/],
    [{ TRUST_PROXY: "1" }, /^TRUST_PROXY: expected the addresses or CIDR ranges .*got "1"/],
    [{ TRUST_PROXY: "127.0.0.1, nginx" }, /^TRUST_PROXY: .*got "nginx"/],
    [{ LOG_LEVEL: "verbose" }, /^LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "verbose"/],
    [{ METRICS_TOKEN: "short" }, /^METRICS_TOKEN: must be at least 16/],
    [{ NODE_ENV: "production", AUTH_SECRET: "a".repeat(16), SUPPRESSION_KEY: "s".repeat(16), LEDGER_SIGNING_KEY: "" }, /^LEDGER_SIGNING_KEY: is required in production/],
    [{ LEDGER_SIGNING_KEY: "not a key" }, /^LEDGER_SIGNING_KEY: expected an Ed25519 private key/],
    [{ LEDGER_SIGNING_KEY: RSA_PEM }, /^LEDGER_SIGNING_KEY: expected an Ed25519 private key.*got a rsa key/],
    [{ SUPPRESSION_KEY_PREVIOUS: "short" }, /^SUPPRESSION_KEY_PREVIOUS: key 1 of 1 must be at least 16 characters/],
    [{ SUPPRESSION_KEY_PREVIOUS: `${"o".repeat(16)},,${"p".repeat(16)}` }, /^SUPPRESSION_KEY_PREVIOUS: key 2 of 3 must be at least 16/],
    [{ SUPPRESSION_KEY_PREVIOUS: `${"o".repeat(16)}, tooshort` }, /^SUPPRESSION_KEY_PREVIOUS: key 2 of 2 must be at least 16/],
    [{ SUPPRESSION_KEY_PREVIOUS: "y".repeat(32) }, /^SUPPRESSION_KEY_PREVIOUS: key 1 of 1 is the current SUPPRESSION_KEY/],
  ])("refuses %j with a line naming the variable", (env, message) => {
    expect(() => loadConfig({ ...base, ...env } as unknown as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...env } as unknown as NodeJS.ProcessEnv)).toThrow(message);
  });
});

describe("LEDGER_SIGNING_KEY", () => {
  const pem = generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  it("takes PKCS8 PEM (also with \\n for newlines) or base64 PKCS8 DER, and gives PEM", () => {
    const der = createPrivateKey(pem).export({ format: "der", type: "pkcs8" }).toString("base64");
    for (const v of [pem, pem.replace(/\n/g, "\\n"), der]) expect(loadConfig({ ...base, LEDGER_SIGNING_KEY: v } as unknown as NodeJS.ProcessEnv).ledgerSigningKey).toBe(pem);
  });
  it("LEDGER_SIGNING_KEY_PREVIOUS takes earlier public keys as base64 or PEM, comma-separated, and gives PEM", () => {
    const pub = createPublicKey(pem);
    const spki = pub.export({ format: "pem", type: "spki" }).toString();
    const raw = pub.export({ format: "der", type: "spki" }).subarray(-32).toString("base64");
    expect(loadConfig({ ...base, LEDGER_SIGNING_KEY_PREVIOUS: `${raw}, ${spki.replace(/\n/g, "\\n")}` } as unknown as NodeJS.ProcessEnv).ledgerPreviousKeys).toEqual([spki, spki]);
    expect(loadConfig({ ...base } as unknown as NodeJS.ProcessEnv).ledgerPreviousKeys).toEqual([]);
    expect(() => loadConfig({ ...base, LEDGER_SIGNING_KEY_PREVIOUS: "nope" } as unknown as NodeJS.ProcessEnv)).toThrow(/^LEDGER_SIGNING_KEY_PREVIOUS: expected Ed25519 public keys/);
  });
  it("outside production, unset is a fixed dev-only key", () => {
    const a = loadConfig({ ...base } as unknown as NodeJS.ProcessEnv).ledgerSigningKey;
    expect(createPrivateKey(a).asymmetricKeyType).toBe("ed25519");
    expect(loadConfig({ ...base } as unknown as NodeJS.ProcessEnv).ledgerSigningKey).toBe(a);
  });
});

describe("TRUST_PROXY", () => {
  it("is empty when unset: the TCP peer is the client", () => {
    expect(parseTrustProxy(undefined)).toEqual([]);
    expect(parseTrustProxy("  ")).toEqual([]);
    expect(loadConfig({ ...base } as unknown as NodeJS.ProcessEnv).trustProxy).toEqual([]);
  });

  it("takes addresses and CIDR ranges, separated by commas or spaces", () => {
    expect(parseTrustProxy("127.0.0.1, 10.0.0.0/8 ::1,fd00::/8")).toEqual([
      { address: "127.0.0.1", prefix: 32, family: "ipv4" },
      { address: "10.0.0.0", prefix: 8, family: "ipv4" },
      { address: "::1", prefix: 128, family: "ipv6" },
      { address: "fd00::", prefix: 8, family: "ipv6" },
    ]);
  });

  it.each(["1", "true", "localhost", "10.0.0.0/33", "::1/129", "10.0.0.0/8/1", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/x", "300.1.1.1"])(
    "refuses %j naming the variable",
    (value) => {
      expect(() => parseTrustProxy(value)).toThrow(ConfigError);
      expect(() => parseTrustProxy(value)).toThrow(/^TRUST_PROXY: /);
    },
  );
});

describe("start-up with bad configuration", () => {
  const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
  const run = (script: string, env: Record<string, string>) =>
    spawnSync(process.execPath, [tsx, script], {
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/tmp", DATA_DIR: process.env.DATA_DIR!, ...env } as unknown as NodeJS.ProcessEnv,
      encoding: "utf8",
      timeout: 60_000,
    });

  it.each([
    ["scripts/start.ts", { DATABASE_URL: "mysql://localhost/x" }, "DATABASE_URL"],
    ["scripts/start.ts", { SMTP_URL: "::::" }, "SMTP_URL"],
    ["scripts/start.ts", { TRUST_PROXY: "10.0.0.0/33" }, "TRUST_PROXY"],
    ["scripts/worker.ts", { NODE_ENV: "production", DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test" }, "AUTH_SECRET"],
  ])("%s %j stops with one line naming %s, no stack trace", (script, env, variable) => {
    const r = run(script, env);
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split("\n").filter((l) => !l.startsWith("npm warn"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^proofmail: configuration error: ${variable}: `));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
