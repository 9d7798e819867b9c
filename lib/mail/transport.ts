// Where mail goes: SMTP_URL through a pooled nodemailer transport with TCP no-delay (without it every
// message waits ~40 ms on Nagle/delayed-ACK: ../shared/notes/stack.md), or, when SMTP_URL is unset, the
// built-in dev mailbox (./data/mailbox, readable at /admin/mailbox) so every email can be followed
// without a mail server. Every send settles: a mail server that refuses, drops or stalls connections gives
// an `unavailable` MailError within SMTP_TIMEOUT_MS, never a promise that waits forever.
import "server-only";
import net from "node:net";
import nodemailer, { type SendMailOptions, type Transporter } from "nodemailer";
import { config } from "../config/index.ts";
import { writeToDevMailbox } from "./dev-mailbox.ts";
import { recordMailerResult } from "./mailer-status.ts";

export type OutgoingMail = SendMailOptions;
export type SentMail = { messageId: string; response: string };

export type SmtpTransportOptions = { maxConnections?: number; dkim?: ReturnType<typeof config>["dkim"]; timeoutMs?: number };

// The sockets of each transport, so a send that outlives its guard can be cut off (see sendMail).
const socketsOf = new WeakMap<Transporter, Set<net.Socket>>();

/** A pooled SMTP transport for a URL. Exported for tests and benchmarks that point at their own server. */
export function createSmtpTransport(smtpUrl: string, opts: SmtpTransportOptions = {}): Transporter {
  const u = new URL(smtpUrl);
  const secure = u.protocol === "smtps:";
  const local = u.hostname === "localhost" || u.hostname.startsWith("127.") || u.hostname === "[::1]";
  const host = u.hostname.replace(/^\[|\]$/g, "");
  const port = Number(u.port || (secure ? 465 : 587));
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const sockets = new Set<net.Socket>();
  const transport = nodemailer.createTransport({
    pool: true,
    host,
    port,
    secure,
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    // A loopback relay or test sink needs no TLS; anything else upgrades when offered.
    ignoreTLS: local && !secure,
    maxConnections: opts.maxConnections ?? 5,
    maxMessages: Infinity,
    dkim: opts.dkim ?? undefined,
    // Every stage of a connection has a limit (nodemailer's defaults: 2 min to connect, 10 min idle).
    connectionTimeout: Math.min(10_000, timeoutMs),
    greetingTimeout: Math.min(15_000, timeoutMs),
    socketTimeout: timeoutMs,
    // The socket goes to nodemailer while it is still connecting, so a refused or dropped connection takes
    // nodemailer's own error path, which frees the pool slot. Answering this callback with the connect error
    // instead leaves the slot taken for good: after maxConnections refusals every later send waited forever.
    getSocket(_options: unknown, callback: (err: Error | null, s?: { connection: net.Socket }) => void) {
      const socket = net.connect({ host, port, noDelay: true });
      sockets.add(socket);
      socket.once("close", () => sockets.delete(socket));
      callback(null, { connection: socket });
    },
  } as nodemailer.TransportOptions);
  socketsOf.set(transport, sockets);
  return transport;
}

// The default backend's pool (SMTP_URL) and one per SMTP_BACKENDS entry, made on first use.
const g = globalThis as unknown as { __proofmailTransport?: Transporter | null; __proofmailBackendPools?: Map<string, Transporter> };

function smtp(backend = "default"): Transporter | null {
  const { smtpUrl, dkim, smtpTimeoutMs, smtpBackends } = config();
  if (backend === "default") {
    if (g.__proofmailTransport === undefined) g.__proofmailTransport = smtpUrl ? createSmtpTransport(smtpUrl, { dkim, timeoutMs: smtpTimeoutMs }) : null;
    return g.__proofmailTransport;
  }
  const pools = (g.__proofmailBackendPools ??= new Map());
  let t = pools.get(backend);
  if (!t) {
    const b = smtpBackends.find((x) => x.name === backend);
    if (!b) throw new MailError(`no sending backend "${backend}" is configured (SMTP_BACKENDS)`, "unavailable");
    pools.set(backend, (t = createSmtpTransport(b.url, { dkim, timeoutMs: smtpTimeoutMs, maxConnections: b.maxConnections })));
  }
  return t;
}

/** Throws the pool away: its connections are cut (queued sends fail), the next send opens a fresh one. */
function discard(t: Transporter) {
  if (g.__proofmailTransport === t) g.__proofmailTransport = undefined;
  for (const [name, pool] of g.__proofmailBackendPools ?? []) if (pool === t) g.__proofmailBackendPools!.delete(name);
  t.close();
  for (const s of socketsOf.get(t) ?? []) s.destroy();
}

/**
 * Settles within `ms` whatever the pool does. A send that times out discards the pool, so the message cannot
 * still go out after we reported it as not sent (its delivery is retried, possibly by another worker).
 */
function guarded<T>(work: Promise<T>, ms: number, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new MailError(`no answer from the mail server within ${Math.round(ms / 1000)} s`, "unavailable"));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function mailerKind(): "smtp" | "dev-mailbox" {
  return config().smtpUrl ? "smtp" : "dev-mailbox";
}

/**
 * Sends one message through a backend (staff mail and confirmations: the default one, SMTP_URL). Throws a
 * MailError on failure; settles within SMTP_TIMEOUT_MS.
 */
export async function sendMail(mail: OutgoingMail, backend = "default"): Promise<SentMail> {
  const t = smtp(backend);
  if (!t) return writeToDevMailbox(mail);
  try {
    const info = await guarded(t.sendMail(mail), config().smtpTimeoutMs, () => discard(t));
    if (backend === "default") recordMailerResult(true);
    // A merged (raw) message carries its Message-ID in its bytes; nodemailer cannot see it there.
    return { messageId: typeof mail.messageId === "string" ? mail.messageId : info.messageId, response: info.response };
  } catch (err) {
    const e = toMailError(err);
    // Only a missing server says something about the mailer; a refused recipient does not.
    if (e.kind === "unavailable" && backend === "default") recordMailerResult(false, e.message);
    throw e;
  }
}

export async function verifyMailer(): Promise<{ ok: boolean; kind: string; error?: string }> {
  const t = smtp();
  if (!t) return { ok: true, kind: "dev-mailbox" };
  try {
    await guarded(t.verify(), config().smtpTimeoutMs); // its own connection: the pool's sends go on
    recordMailerResult(true);
    return { ok: true, kind: "smtp" };
  } catch (err) {
    const message = toMailError(err).message;
    recordMailerResult(false, message);
    return { ok: false, kind: "smtp", error: message };
  }
}

/**
 * A failed send, classified: `rejected` (5xx: this message will never go), `temporary` (4xx for this
 * message: retry it later), `unavailable` (no usable mail server: refused, dropped, timed out, 421, login
 * refused; says nothing about the message or its recipient, so it is not an attempt).
 */
export type MailFailure = "rejected" | "temporary" | "unavailable";
export class MailError extends Error {
  readonly temporary: boolean;
  constructor(message: string, readonly kind: MailFailure, readonly responseCode?: number) {
    super(message);
    this.name = "MailError";
    this.temporary = kind !== "rejected";
  }
}

// nodemailer's codes for trouble with the connection rather than with one message.
const CONNECTION_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "EAUTH", "EPROXY", "ECONNREFUSED", "ECONNRESET", "EPIPE"]);
// Errors about the message itself that come without an SMTP reply.
const MESSAGE_CODES = new Set(["EENVELOPE", "EMESSAGE", "ESTREAM"]);

export function toMailError(err: unknown): MailError {
  if (err instanceof MailError) return err;
  const e = err as { responseCode?: number; response?: string; message?: string; code?: string; command?: string };
  const code = e.responseCode;
  const text = (e.response || e.message || String(err)).slice(0, 500);
  const noServer = CONNECTION_CODES.has(e.code ?? "") || e.command === "CONN" || code === 421 || (!code && !MESSAGE_CODES.has(e.code ?? ""));
  if (noServer) return new MailError(text, "unavailable", code);
  if (code && code >= 500) return new MailError(text, "rejected", code);
  return new MailError(text, "temporary", code);
}
