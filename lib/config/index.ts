// Reads the environment once. Every bad value fails with one line naming the variable (ConfigError);
// start-up scripts print that line and exit, never a stack trace.
import "server-only";
import net from "node:net";
import { createPrivateKey, createPublicKey } from "node:crypto";
import path from "node:path";

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`${variable}: ${problem}`);
    this.name = "ConfigError";
  }
}

export type DbProvider = "sqlite" | "postgres";

export type Config = {
  databaseUrl: string;
  dbProvider: DbProvider;
  smtpUrl: string | null;
  /** SMTP_PER_SECOND, SMTP_PER_HOUR: the default backend's (SMTP_URL's) limits; null = none. */
  smtpLimits: SmtpLimits;
  /** SMTP_BACKENDS: further sending backends, each with its own pool and limits (lib/mail/backends.ts). */
  smtpBackends: SmtpBackend[];
  /** Longest wait for the mail server: a stalled connection or send fails after this (nodemailer's own default is 10 min). */
  smtpTimeoutMs: number;
  appUrl: string;
  authSecret: string;
  suppressionKey: string;
  /** SUPPRESSION_KEY_PREVIOUS: earlier suppression keys, still matched (suppression list, signed links) until every row is rehashed. */
  suppressionKeyPrevious: string[];
  mailFrom: string;
  /** The mailbox of the List-Unsubscribe mailto entry; null = the organisation's contact address. */
  unsubscribeMailto: string | null;
  /** BOUNCE_ADDRESS: the envelope sender of newsletters as VERP, `local+<signed delivery id>@domain`; null = the From address. */
  bounceAddress: { local: string; domain: string } | null;
  /** INBOUND_SMTP_PORT: the worker listens here for bounces, complaints and reply-unsubscribes (lib/inbound); null = off. */
  inboundSmtpPort: number | null;
  /** INBOUND_SMTP_HOST: the address the inbound listener binds (default 0.0.0.0). */
  inboundSmtpHost: string;
  /** IMAP_URL: a mailbox the worker polls for bounces, complaints and replies (lib/inbound/imap-poll.ts); null = off. */
  imap: ImapMailbox | null;
  /** IMAP_POLL_SECONDS: how often (at the least 60: the worker's schedule check). */
  imapPollSeconds: number;
  /** WEBHOOKS_ALLOW_PRIVATE=1: outgoing webhooks may go to private and loopback addresses (tests, a trusted LAN). */
  webhooksAllowPrivate: boolean;
  /** The provider webhooks (lib/inbound/webhooks): each provider's secret; unset = its endpoint answers 404. */
  webhooks: WebhookConfig;
  /** SOFT_BOUNCE_LIMIT soft bounces within SOFT_BOUNCE_DAYS days suppress an address like a hard bounce. */
  softBounceLimit: number;
  softBounceDays: number;
  workerInWeb: boolean;
  optinTokenHours: number;
  dataDir: string;
  /** S3_*: uploaded images go to this S3-compatible bucket instead of DATA_DIR/uploads (lib/uploads/storage.ts); null = local. */
  s3: S3Storage | null;
  dkim: { domainName: string; keySelector: string; privateKey: string } | null;
  /** The reverse proxies you run (TRUST_PROXY); empty: the TCP peer is the client. */
  trustProxy: TrustedProxy[];
  /** A staff session ends after this many hours without a request (SESSION_IDLE_HOURS)… */
  sessionIdleHours: number;
  /** …and at the latest this many days after sign-in (SESSION_MAX_DAYS). */
  sessionMaxDays: number;
  /** CSP frame-ancestors sources of the signup pages (/f, /n) that sites may embed (FRAME_ANCESTORS). */
  frameAncestors: string[];
  /** LOG_LEVEL: the least severe level written (pino's names). */
  logLevel: LogLevel;
  /** METRICS_TOKEN: the Bearer token of /metrics; null: /metrics answers 404. */
  metricsToken: string | null;
  /** LEDGER_SIGNING_KEY: the Ed25519 private key (PKCS8 PEM) that signs ledger heads (lib/consent/ledger-heads.ts). */
  ledgerSigningKey: string;
  /** LEDGER_SIGNING_KEY_PREVIOUS: public keys (SPKI PEM) of earlier signing keys, whose heads still verify after a key change. */
  ledgerPreviousKeys: string[];
  /** LEDGER_ANCHOR_EMAIL: once a day a new signed head is mailed here (lib/consent/anchor-head.ts); null = off. */
  ledgerAnchorEmail: string | null;
  /** LEDGER_TSA_URL: an RFC 3161 timestamp authority that stamps a new signed head once a day; null = off. */
  ledgerTsaUrl: string | null;
  production: boolean;
};

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

function parseLogLevel(value: string | undefined): LogLevel {
  if (!value) return "info";
  const v = value.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(v)) throw new ConfigError("LOG_LEVEL", `expected one of ${LOG_LEVELS.join(", ")}, got "${value}"`);
  return v as LogLevel;
}

function parseOptionalSecret(variable: string, value: string | undefined): string | null {
  if (!value) return null;
  if (value.length < 16) throw new ConfigError(variable, "must be at least 16 characters");
  return value;
}

/** One TRUST_PROXY entry: an address (a full-length prefix) or a CIDR range. */
export type TrustedProxy = { address: string; prefix: number; family: "ipv4" | "ipv6" };

export function parseDatabaseUrl(value: string): { provider: DbProvider; url: string } {
  if (value.startsWith("file:")) return { provider: "sqlite", url: value };
  if (/^postgres(ql)?:\/\//.test(value)) {
    let host = "";
    try {
      host = new URL(value).hostname;
    } catch {
      throw new ConfigError("DATABASE_URL", `not a valid URL: "${value}"`);
    }
    if (!host) throw new ConfigError("DATABASE_URL", `has no host: "${value}"`);
    return { provider: "postgres", url: value };
  }
  throw new ConfigError("DATABASE_URL", `expected file:... or postgres://..., got "${value}"`);
}

function parseSmtpUrl(value: string | undefined, variable = "SMTP_URL"): string | null {
  if (!value) return null;
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new ConfigError(variable, `not a valid URL: "${value}" (expected smtp://user:pass@host:port)`);
  }
  if (u.protocol !== "smtp:" && u.protocol !== "smtps:")
    throw new ConfigError(variable, `expected smtp:// or smtps://, got "${u.protocol}"`);
  if (!u.hostname) throw new ConfigError(variable, "has no host");
  return value;
}

export type SmtpLimits = { perSecond: number | null; perHour: number | null };
/** A sending backend of SMTP_BACKENDS (the one of SMTP_URL is "default"). */
export type SmtpBackend = SmtpLimits & { name: string; url: string; maxConnections: number };

const limit = (variable: string, value: unknown): number | null => {
  if (value === undefined || value === null || value === "") return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(variable, `expected a whole number of at least 1, got "${String(value)}"`);
  return n;
};

/**
 * SMTP_BACKENDS: more sending backends besides SMTP_URL's "default", as JSON:
 * `[{"name":"bulk","url":"smtp://…","perSecond":50,"perHour":100000,"maxConnections":5}]`.
 */
export function parseSmtpBackends(value: string | undefined, smtpUrl: string | null): SmtpBackend[] {
  if (!value?.trim()) return [];
  if (!smtpUrl) throw new ConfigError("SMTP_BACKENDS", "needs SMTP_URL as well: that is the default backend, which staff mail and confirmations use");
  let list: unknown;
  try {
    list = JSON.parse(value);
  } catch {
    throw new ConfigError("SMTP_BACKENDS", `is not valid JSON (expected [{"name":"bulk","url":"smtp://host:587","perSecond":50}])`);
  }
  if (!Array.isArray(list)) throw new ConfigError("SMTP_BACKENDS", "expected a JSON array of backends");
  const names = new Set(["default"]);
  return list.map((entry, i) => {
    const at = `SMTP_BACKENDS[${i}]`;
    const b = (entry ?? {}) as Record<string, unknown>;
    if (typeof b !== "object" || Array.isArray(entry)) throw new ConfigError(at, "expected an object with name and url");
    const name = typeof b.name === "string" ? b.name : "";
    if (!/^[a-z0-9][a-z0-9-]{0,30}$/.test(name)) throw new ConfigError(`${at}.name`, `expected lower-case letters, digits and dashes (at most 31), got "${String(b.name ?? "")}"`);
    if (names.has(name)) throw new ConfigError(`${at}.name`, `"${name}" is used twice (SMTP_URL is "default")`);
    names.add(name);
    const url = parseSmtpUrl(typeof b.url === "string" ? b.url : undefined, `${at}.url`);
    if (!url) throw new ConfigError(`${at}.url`, "is required (smtp://user:pass@host:port)");
    const maxConnections = limit(`${at}.maxConnections`, b.maxConnections) ?? 5;
    return { name, url, perSecond: limit(`${at}.perSecond`, b.perSecond), perHour: limit(`${at}.perHour`, b.perHour), maxConnections };
  });
}

function parseUrl(variable: string, value: string): string {
  try {
    const u = new URL(value);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error();
    return value.replace(/\/+$/, "");
  } catch {
    throw new ConfigError(variable, `expected an http(s) URL, got "${value}"`);
  }
}

function parsePositiveInt(variable: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(variable, `expected a positive whole number, got "${value}"`);
  return n;
}

/** TRUST_PROXY: addresses or CIDR ranges separated by commas or spaces ("127.0.0.1, 10.0.0.0/8, ::1"). */
export function parseTrustProxy(value: string | undefined): TrustedProxy[] {
  const entries = (value ?? "").split(/[\s,]+/).filter(Boolean);
  return entries.map((entry) => {
    const [address, prefixText, extra] = entry.split("/");
    const kind = net.isIP(address);
    const max = kind === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : /^[0-9]{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (!kind || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
      throw new ConfigError("TRUST_PROXY", `expected the addresses or CIDR ranges of your reverse proxies (e.g. "127.0.0.1" or "10.0.0.0/8, ::1"), got "${entry}"`);
    }
    return { address, prefix, family: kind === 4 ? "ipv4" : "ipv6" };
  });
}

/**
 * FRAME_ANCESTORS: who may embed the signup pages. Unset = anyone (`*`): embedding a form is a feature,
 * and the double opt-in (its confirm page can never be framed) keeps a framed form from subscribing
 * anyone. Otherwise origins such as "https://example.org https://*.example.org", `self`, or `none`.
 */
export function parseFrameAncestors(value: string | undefined): string[] {
  const entries = (value ?? "").split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) return ["*"];
  const sources = entries.map((entry) => {
    const e = entry.toLowerCase();
    if (e === "none" || e === "'none'") return "'none'";
    if (e === "self" || e === "'self'") return "'self'";
    if (e === "*") return "*";
    if (/^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:[0-9]{1,5})?$/.test(e)) return e;
    throw new ConfigError("FRAME_ANCESTORS", `expected origins such as "https://example.org", or "self", "none" or "*", got "${entry}"`);
  });
  if (sources.includes("'none'") && sources.length > 1) throw new ConfigError("FRAME_ANCESTORS", `"none" cannot be combined with other origins`);
  return sources;
}

// Goes verbatim into a mail header (RFC 2369 mailto): plain ASCII, no CR/LF, no spaces.
function parseMailbox(variable: string, value: string | undefined): string | null {
  if (!value) return null;
  if (!/^[A-Za-z0-9.!#$%&'*+/=^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(value)) throw new ConfigError(variable, `expected a plain e-mail address, got "${value}"`);
  return value;
}

/** BOUNCE_ADDRESS: a plain address whose local part carries no "+" (the VERP tag is added after one). */
function parseBounceAddress(value: string | undefined): { local: string; domain: string } | null {
  const box = parseMailbox("BOUNCE_ADDRESS", value);
  if (!box) return null;
  const at = box.lastIndexOf("@");
  const local = box.slice(0, at);
  if (local.includes("+") || local.length > 12) throw new ConfigError("BOUNCE_ADDRESS", `expected a local part of at most 12 characters (the signed delivery id must fit RFC 5321's 64) without "+" (e.g. bounces@bounce.example.org), got "${value}"`);
  return { local, domain: box.slice(at + 1).toLowerCase() };
}

export type WebhookConfig = {
  /** INBOUND_SES_TOPIC_ARNS: the SNS topics whose notifications (and subscription confirmations) we accept. */
  sesTopicArns: string[];
  /** INBOUND_SNS_CERT_HOSTS (tests only): the hosts SNS signing certificates may come from instead of sns.<region>.amazonaws.com; an entry `http://host:port` also allows plain http there. */
  snsCertHosts: string[] | null;
  /** INBOUND_POSTMARK_AUTH: `user:pass` of the webhook URL's basic auth. */
  postmarkAuth: string | null;
  /** INBOUND_MAILGUN_SIGNING_KEY: the HTTP webhook signing key. */
  mailgunSigningKey: string | null;
  /** INBOUND_SENDGRID_PUBLIC_KEY: the Event Webhook's verification key, as SPKI PEM. */
  sendgridPublicKey: string | null;
  /** INBOUND_BREVO_TOKEN: the secret Brevo sends as `Authorization: Bearer <token>` (or basic auth when it is `user:pass`). */
  brevoToken: string | null;
};

const list = (value: string | undefined) => (value ?? "").split(/[\s,]+/).map((v) => v.trim()).filter(Boolean);

export function parseWebhookConfig(env: Record<string, string | undefined>): WebhookConfig {
  const sesTopicArns = list(env.INBOUND_SES_TOPIC_ARNS);
  for (const arn of sesTopicArns)
    if (!/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(arn)) throw new ConfigError("INBOUND_SES_TOPIC_ARNS", `expected SNS topic ARNs (arn:aws:sns:eu-west-1:123456789012:bounces), got "${arn}"`);
  const hosts = list(env.INBOUND_SNS_CERT_HOSTS);
  // A test's stand-in for SNS; in production it would let anyone who can serve a certificate sign "SNS" messages.
  if (hosts.length && env.NODE_ENV === "production") throw new ConfigError("INBOUND_SNS_CERT_HOSTS", "is for tests only; unset it in production (SNS certificates come from sns.<region>.amazonaws.com)");
  for (const h of hosts)
    if (!/^(http:\/\/)?[a-z0-9.-]+(:\d{1,5})?$/i.test(h)) throw new ConfigError("INBOUND_SNS_CERT_HOSTS", `expected host names (host[:port], or http://host:port), got "${h}"`);
  const postmarkAuth = parseOptionalSecret("INBOUND_POSTMARK_AUTH", env.INBOUND_POSTMARK_AUTH);
  if (postmarkAuth && !/^[^:]+:.+$/.test(postmarkAuth)) throw new ConfigError("INBOUND_POSTMARK_AUTH", "expected user:password (the basic auth of the webhook URL)");
  let sendgridPublicKey: string | null = null;
  if (env.INBOUND_SENDGRID_PUBLIC_KEY) {
    const v = env.INBOUND_SENDGRID_PUBLIC_KEY.replace(/\\n/g, "\n").trim();
    try {
      const key = v.startsWith("-----BEGIN") ? createPublicKey(v) : createPublicKey({ key: Buffer.from(v, "base64"), format: "der", type: "spki" });
      if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") throw new Error();
      sendgridPublicKey = key.export({ format: "pem", type: "spki" }).toString();
    } catch {
      throw new ConfigError("INBOUND_SENDGRID_PUBLIC_KEY", "expected the Event Webhook verification key (an ECDSA P-256 public key, base64 DER as SendGrid shows it)");
    }
  }
  return {
    sesTopicArns, snsCertHosts: hosts.length ? hosts.map((h) => h.toLowerCase()) : null, postmarkAuth,
    mailgunSigningKey: parseOptionalSecret("INBOUND_MAILGUN_SIGNING_KEY", env.INBOUND_MAILGUN_SIGNING_KEY),
    sendgridPublicKey, brevoToken: parseOptionalSecret("INBOUND_BREVO_TOKEN", env.INBOUND_BREVO_TOKEN),
  };
}

export type ImapMailbox = { host: string; port: number; secure: boolean; user: string; pass: string; mailbox: string };

/** IMAP_URL: `imap://user:pass@host:143/INBOX` (STARTTLS when offered) or `imaps://user:pass@host:993/Bounces`. */
export function parseImapUrl(value: string | undefined): ImapMailbox | null {
  if (!value) return null;
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new ConfigError("IMAP_URL", "not a valid URL (expected imaps://user:pass@host:993/MAILBOX)");
  }
  if (u.protocol !== "imap:" && u.protocol !== "imaps:") throw new ConfigError("IMAP_URL", `expected imap:// or imaps://, got "${u.protocol}"`);
  if (!u.hostname) throw new ConfigError("IMAP_URL", "has no host");
  if (!u.username) throw new ConfigError("IMAP_URL", "has no user (imaps://user:pass@host/MAILBOX)");
  const secure = u.protocol === "imaps:";
  return {
    host: u.hostname.replace(/^\[|\]$/g, ""), port: Number(u.port || (secure ? 993 : 143)), secure,
    user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password), mailbox: decodeURIComponent(u.pathname.replace(/^\/+/, "")) || "INBOX",
  };
}

function parsePort(variable: string, value: string | undefined): number | null {
  if (!value) return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new ConfigError(variable, `expected a port number 1-65535, got "${value}"`);
  return n;
}

/** SUPPRESSION_KEY_PREVIOUS: earlier keys separated by commas, each as long as SUPPRESSION_KEY must be. */
export function parsePreviousKeys(variable: string, value: string | undefined, current: string): string[] {
  const keys = (value ?? "").split(",").map((k) => k.trim());
  if (keys.length === 1 && keys[0] === "") return [];
  keys.forEach((k, i) => {
    if (k.length < 16) throw new ConfigError(variable, `key ${i + 1} of ${keys.length} must be at least 16 characters (keys are separated by commas)`);
    if (k === current) throw new ConfigError(variable, `key ${i + 1} of ${keys.length} is the current SUPPRESSION_KEY`);
  });
  return [...new Set(keys)];
}

function requiredSecret(variable: string, value: string | undefined, production: boolean): string {
  if (value && value.length >= 16) return value;
  if (value) throw new ConfigError(variable, "must be at least 16 characters");
  if (production) throw new ConfigError(variable, "is required in production (npm start creates one in ./data)");
  return `dev-only-${variable.toLowerCase()}-not-secret`;
}

// PKCS8 DER of an Ed25519 private key is this prefix followed by the 32-byte seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/** The PKCS8 PEM of an Ed25519 private key made from a 32-byte seed (the dev-only default, tests). */
export function ed25519PemFromSeed(seed: Buffer): string {
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" }).export({ format: "pem", type: "pkcs8" }).toString();
}

/**
 * LEDGER_SIGNING_KEY: an Ed25519 private key as PKCS8 PEM (newlines may be written as \n) or as base64 of
 * the PKCS8 DER. Returned as PEM. Unset: required in production (the CLIs create ./data/ledger-signing-key),
 * else a fixed dev-only key.
 */
export function parseLedgerSigningKey(value: string | undefined, production: boolean): string {
  if (!value) {
    if (production) throw new ConfigError("LEDGER_SIGNING_KEY", "is required in production (npm start creates one in ./data)");
    return ed25519PemFromSeed(Buffer.from("dev-only-ledger-signing-key-not!", "utf8"));
  }
  const text = value.replace(/\\n/g, "\n").trim();
  try {
    const key = text.startsWith("-----BEGIN")
      ? createPrivateKey({ key: text, format: "pem" })
      : createPrivateKey({ key: Buffer.from(text, "base64"), format: "der", type: "pkcs8" });
    if (key.asymmetricKeyType !== "ed25519") throw new Error(`a ${key.asymmetricKeyType} key`);
    return key.export({ format: "pem", type: "pkcs8" }).toString();
  } catch (err) {
    const what = err instanceof Error && /^a \w+ key$/.test(err.message) ? `, got ${err.message}` : "";
    throw new ConfigError("LEDGER_SIGNING_KEY", `expected an Ed25519 private key as PKCS8 PEM or base64 PKCS8 DER${what}`);
  }
}

/**
 * LEDGER_SIGNING_KEY_PREVIOUS: after changing LEDGER_SIGNING_KEY, the earlier keys' public halves, so the heads they
 * signed still verify: comma-separated, each base64 of the 32 raw bytes, base64 SPKI DER or SPKI PEM (\\n for
 * newlines allowed). Returned as SPKI PEM.
 */
export function parseLedgerPreviousKeys(value: string | undefined): string[] {
  const entries = (value ?? "").split(",").map((e) => e.replace(/\\n/g, "\n").trim()).filter(Boolean);
  return entries.map((entry) => {
    try {
      let key;
      if (entry.startsWith("-----BEGIN")) key = createPublicKey(entry);
      else {
        const der = Buffer.from(entry, "base64");
        key = createPublicKey({ key: der.length === 32 ? Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), der]) : der, format: "der", type: "spki" });
      }
      if (key.asymmetricKeyType !== "ed25519") throw new Error();
      return key.export({ format: "pem", type: "spki" }).toString();
    } catch {
      throw new ConfigError("LEDGER_SIGNING_KEY_PREVIOUS", `expected Ed25519 public keys (base64 or SPKI PEM) separated by commas, got "${entry.slice(0, 40)}"`);
    }
  });
}

export type S3Storage = { endpoint: string | null; bucket: string; region: string; accessKeyId: string; secretAccessKey: string; publicUrl: string | null };

/** S3_BUCKET switches it on; then the keys are required (S3_ENDPOINT for non-AWS stores, S3_PUBLIC_URL to link images straight to the bucket). */
function parseS3(env: NodeJS.ProcessEnv): S3Storage | null {
  if (!env.S3_BUCKET) return null;
  for (const name of ["S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const) if (!env[name]) throw new ConfigError(name, "required when S3_BUCKET is set");
  return {
    endpoint: env.S3_ENDPOINT ? parseUrl("S3_ENDPOINT", env.S3_ENDPOINT) : null,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION || "us-east-1",
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    publicUrl: env.S3_PUBLIC_URL ? parseUrl("S3_PUBLIC_URL", env.S3_PUBLIC_URL) : null,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === "production";
  const { provider, url } = parseDatabaseUrl(env.DATABASE_URL || "file:./data/proofmail.db");
  const dkim =
    env.DKIM_PRIVATE_KEY && env.DKIM_DOMAIN
      ? { domainName: env.DKIM_DOMAIN, keySelector: env.DKIM_SELECTOR || "proofmail", privateKey: env.DKIM_PRIVATE_KEY.replace(/\\n/g, "\n") }
      : null;
  // In the order they are checked (the first bad one is reported).
  const smtpUrl = parseSmtpUrl(env.SMTP_URL);
  const smtpTimeoutMs = parsePositiveInt("SMTP_TIMEOUT_MS", env.SMTP_TIMEOUT_MS, 60_000);
  const appUrl = parseUrl("APP_URL", env.APP_URL || `http://localhost:${env.PORT || 3000}`);
  const authSecret = requiredSecret("AUTH_SECRET", env.AUTH_SECRET, production);
  const suppressionKey = requiredSecret("SUPPRESSION_KEY", env.SUPPRESSION_KEY, production);
  return {
    databaseUrl: url,
    dbProvider: provider,
    smtpUrl,
    smtpLimits: { perSecond: limit("SMTP_PER_SECOND", env.SMTP_PER_SECOND), perHour: limit("SMTP_PER_HOUR", env.SMTP_PER_HOUR) },
    smtpBackends: parseSmtpBackends(env.SMTP_BACKENDS, smtpUrl),
    smtpTimeoutMs,
    appUrl,
    authSecret,
    suppressionKey,
    suppressionKeyPrevious: parsePreviousKeys("SUPPRESSION_KEY_PREVIOUS", env.SUPPRESSION_KEY_PREVIOUS, suppressionKey),
    mailFrom: env.MAIL_FROM || "Proofmail <no-reply@localhost>",
    unsubscribeMailto: parseMailbox("UNSUBSCRIBE_MAILTO", env.UNSUBSCRIBE_MAILTO),
    bounceAddress: parseBounceAddress(env.BOUNCE_ADDRESS),
    inboundSmtpPort: parsePort("INBOUND_SMTP_PORT", env.INBOUND_SMTP_PORT),
    inboundSmtpHost: env.INBOUND_SMTP_HOST || "0.0.0.0",
    imap: parseImapUrl(env.IMAP_URL),
    imapPollSeconds: parsePositiveInt("IMAP_POLL_SECONDS", env.IMAP_POLL_SECONDS, 60),
    webhooks: parseWebhookConfig(env),
    webhooksAllowPrivate: env.WEBHOOKS_ALLOW_PRIVATE === "1",
    softBounceLimit: parsePositiveInt("SOFT_BOUNCE_LIMIT", env.SOFT_BOUNCE_LIMIT, 3),
    softBounceDays: parsePositiveInt("SOFT_BOUNCE_DAYS", env.SOFT_BOUNCE_DAYS, 30),
    workerInWeb: env.WORKER_IN_WEB ? env.WORKER_IN_WEB !== "0" && env.WORKER_IN_WEB !== "false" : provider === "sqlite",
    optinTokenHours: parsePositiveInt("OPTIN_TOKEN_HOURS", env.OPTIN_TOKEN_HOURS, 48),
    dataDir: path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR || "data"),
    s3: parseS3(env),
    dkim,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    sessionIdleHours: parsePositiveInt("SESSION_IDLE_HOURS", env.SESSION_IDLE_HOURS, 12),
    sessionMaxDays: parsePositiveInt("SESSION_MAX_DAYS", env.SESSION_MAX_DAYS, 7),
    frameAncestors: parseFrameAncestors(env.FRAME_ANCESTORS),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    metricsToken: parseOptionalSecret("METRICS_TOKEN", env.METRICS_TOKEN),
    ledgerSigningKey: parseLedgerSigningKey(env.LEDGER_SIGNING_KEY, production),
    ledgerPreviousKeys: parseLedgerPreviousKeys(env.LEDGER_SIGNING_KEY_PREVIOUS),
    ledgerAnchorEmail: parseMailbox("LEDGER_ANCHOR_EMAIL", env.LEDGER_ANCHOR_EMAIL),
    ledgerTsaUrl: env.LEDGER_TSA_URL ? parseUrl("LEDGER_TSA_URL", env.LEDGER_TSA_URL) : null,
    production,
  };
}

let cached: Config | null = null;
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}
