// Where mail goes: SMTP_URL through a pooled nodemailer transport with TCP no-delay (without it every
// message waits ~40 ms on Nagle/delayed-ACK: ../shared/notes/stack.md), or, when SMTP_URL is unset, the
// built-in dev mailbox (./data/mailbox, readable at /admin/mailbox) so every email can be followed
// without a mail server.
import net from "node:net";
import nodemailer, { type SendMailOptions, type Transporter } from "nodemailer";
import { config } from "../config/index.ts";
import { writeToDevMailbox } from "./dev-mailbox.ts";

export type OutgoingMail = SendMailOptions;
export type SentMail = { messageId: string; response: string };

export type SmtpTransportOptions = { maxConnections?: number; dkim?: ReturnType<typeof config>["dkim"] };

/** A pooled SMTP transport for a URL. Exported for tests and benchmarks that point at their own server. */
export function createSmtpTransport(smtpUrl: string, opts: SmtpTransportOptions = {}): Transporter {
  const u = new URL(smtpUrl);
  const secure = u.protocol === "smtps:";
  const local = u.hostname === "localhost" || u.hostname.startsWith("127.") || u.hostname === "[::1]";
  return nodemailer.createTransport({
    pool: true,
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port: Number(u.port || (secure ? 465 : 587)),
    secure,
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    // A loopback relay or test sink needs no TLS; anything else upgrades when offered.
    ignoreTLS: local && !secure,
    maxConnections: opts.maxConnections ?? 5,
    maxMessages: Infinity,
    dkim: opts.dkim ?? undefined,
    getSocket(options: { host?: string; port?: number }, callback: (err: Error | null, s?: { connection: net.Socket }) => void) {
      const socket = net.connect({ host: options.host ?? "localhost", port: options.port ?? 25 });
      socket.setNoDelay(true);
      socket.once("connect", () => callback(null, { connection: socket }));
      socket.once("error", (err) => callback(err));
    },
  } as nodemailer.TransportOptions);
}

const g = globalThis as unknown as { __proofmailTransport?: Transporter | null };

function smtp(): Transporter | null {
  if (g.__proofmailTransport === undefined) {
    const { smtpUrl, dkim } = config();
    g.__proofmailTransport = smtpUrl ? createSmtpTransport(smtpUrl, { dkim }) : null;
  }
  return g.__proofmailTransport;
}

export function mailerKind(): "smtp" | "dev-mailbox" {
  return config().smtpUrl ? "smtp" : "dev-mailbox";
}

/** Sends one message through the configured transport. Throws a MailError on failure. */
export async function sendMail(mail: OutgoingMail): Promise<SentMail> {
  const t = smtp();
  if (!t) return writeToDevMailbox(mail);
  try {
    const info = await t.sendMail(mail);
    // A merged (raw) message carries its Message-ID in its bytes; nodemailer cannot see it there.
    return { messageId: typeof mail.messageId === "string" ? mail.messageId : info.messageId, response: info.response };
  } catch (err) {
    throw toMailError(err);
  }
}

export async function verifyMailer(): Promise<{ ok: boolean; kind: string; error?: string }> {
  const t = smtp();
  if (!t) return { ok: true, kind: "dev-mailbox" };
  try {
    await t.verify();
    return { ok: true, kind: "smtp" };
  } catch (err) {
    return { ok: false, kind: "smtp", error: toMailError(err).message };
  }
}

/** A failed send, classified: temporary (4xx, connection trouble: retry later) or permanent (5xx). */
export class MailError extends Error {
  constructor(message: string, readonly temporary: boolean, readonly responseCode?: number) {
    super(message);
    this.name = "MailError";
  }
}

export function toMailError(err: unknown): MailError {
  if (err instanceof MailError) return err;
  const e = err as { responseCode?: number; response?: string; message?: string; code?: string };
  const code = e.responseCode;
  const text = (e.response || e.message || String(err)).slice(0, 500);
  if (code && code >= 500) return new MailError(text, false, code);
  return new MailError(text, true, code);
}
