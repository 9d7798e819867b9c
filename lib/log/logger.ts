// The one logger: pino, one JSON object per line on stdout, level LOG_LEVEL. Every line written while a
// request is handled carries its request id (`reqId`, lib/log/request-context.ts). No personal data beyond
// need: fields that hold addresses, IPs, tokens or credentials are redacted by path (addresses masked to
// j***@example.nl), and addresses inside messages and errors are masked too (an SMTP reply quotes the
// recipient). Lines meant for a person at the console (the setup link, dev-mailbox sign-in links) are not
// logs and stay plain console output (scripts/start.ts, lib/mail/send-staff-mail.ts).
import pino, { type DestinationStream, type Logger } from "pino";
import { config, type LogLevel } from "../config/index.ts";
import { maskEmail, maskEmailsIn } from "./mask-email.ts";
import { currentRequestId } from "./request-context.ts";

export type { Logger };

const SENSITIVE = ["email", "to", "address", "recipient", "ip", "peer", "token", "password", "secret", "authorization", "cookie"];
export const REDACT_PATHS = [...SENSITIVE, ...SENSITIVE.map((k) => `*.${k}`), "req.headers.authorization", "req.headers.cookie", 'req.headers["set-cookie"]'];

/** What a redacted field becomes: an address stays recognisable (masked), anything else is gone. */
function censor(value: unknown): string {
  return typeof value === "string" && value.includes("@") && !/\s/.test(value.trim()) ? maskEmail(value) : "[redacted]";
}

function maskError(err: unknown) {
  const s = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  for (const k of ["message", "stack"]) if (typeof s[k] === "string") s[k] = maskEmailsIn(s[k] as string);
  return s;
}

export function createLogger(opts: { level: LogLevel; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: opts.level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor },
      serializers: { err: maskError, error: maskError },
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === "string" ? maskEmailsIn(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    opts.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}

const KEY = Symbol.for("proofmail.logger");
const g = globalThis as unknown as Record<symbol, Logger | undefined>;

/** The process's logger (created on first use, so importing this module reads no configuration). */
export function logger(): Logger {
  return (g[KEY] ??= createLogger({ level: config().logLevel }));
}

/** A child logger for one part of the system (`component` in every line), created on first use. */
export function getLogger(component: string): Logger {
  let child: Logger | undefined;
  return new Proxy({} as Logger, {
    get(_t, prop) {
      child ??= logger().child({ component });
      const v = (child as unknown as Record<string | symbol, unknown>)[prop];
      return typeof v === "function" ? (v as (...args: unknown[]) => unknown).bind(child) : v;
    },
  });
}
