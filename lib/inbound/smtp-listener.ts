// Door (b) of issue 14: an optional inbound SMTP listener (INBOUND_SMTP_PORT) for sites that point an MX
// or a relay's bounce/feedback-loop addresses at Proofmail. Every message it accepts goes to the one
// pipeline (apply-inbound.ts) with its SMTP envelope, so a VERP address is read from RCPT TO. It relays
// nothing, offers no AUTH, and answers 250 only once the message is processed and stored: a failure
// (database down) answers 451 and the sending server retries later. Messages over INBOUND_MAX_BYTES are
// refused at SIZE.
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { applyInbound, INBOUND_MAX_BYTES } from "./apply-inbound.ts";
import { getLogger } from "../log/logger.ts";
import { config } from "../config/index.ts";

const log = getLogger("inbound-smtp");

export type InboundListener = { port: number; close(): Promise<void> };

export async function startInboundSmtp(opts: { port: number; host?: string }): Promise<InboundListener> {
  const server = new SMTPServer({
    name: "proofmail-inbound",
    banner: "Proofmail inbound (bounces, feedback, unsubscribe replies)",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    disableReverseLookup: true,
    logger: false,
    size: INBOUND_MAX_BYTES,
    // On stop: a message being processed has this long to finish (its sender retries it otherwise); idle connections are cut.
    closeTimeout: 3_000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          const err = new Error("Message too large") as Error & { responseCode: number };
          err.responseCode = 552;
          return callback(err);
        }
        const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
        applyInbound(Buffer.concat(chunks), { source: "smtp", envelopeTo }).then(
          (r) => {
            log.info({ inboundId: r.id, kind: r.parsed.kind, code: r.decision?.code ?? "duplicate" }, "inbound message processed");
            callback(null, "Accepted");
          },
          (err: unknown) => {
            log.error({ err }, "inbound message could not be processed");
            const e = new Error("Temporary failure, try again later") as Error & { responseCode: number };
            e.responseCode = 451;
            callback(e);
          },
        );
      });
    },
  });
  server.on("error", (err) => log.warn({ err }, "inbound SMTP connection error"));
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(opts.port, opts.host ?? "0.0.0.0", () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * The worker's door: listens when INBOUND_SMTP_PORT is set. Several workers on one host share the port by
 * the first one holding it: a worker that finds it taken logs that and carries on without it.
 */
export async function startInboundSmtpIfConfigured(): Promise<InboundListener | null> {
  const { inboundSmtpPort: port, inboundSmtpHost: host } = config();
  if (!port) return null;
  try {
    const l = await startInboundSmtp({ port, host });
    log.info({ port: l.port, host }, "inbound SMTP listening");
    return l;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") {
      log.info({ port, host }, "inbound SMTP port taken (another worker on this host listens): not listening here");
      return null;
    }
    throw err;
  }
}
