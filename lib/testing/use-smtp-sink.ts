// The app's own mailer pointed at a real in-process SMTP server, for integration tests: config() is read
// once per process and the pooled transport is kept on globalThis, so both are reset to the sink here.
// stop() closes the transport and the sink.
import { startSmtpSink, type SinkOptions } from "./smtp-sink.ts";
import { config, loadConfig } from "../config/index.ts";

const g = globalThis as { __proofmailTransport?: { close(): void } | null };

export async function useSmtpSink(opts?: SinkOptions) {
  const sink = await startSmtpSink(opts);
  process.env.SMTP_URL = sink.url;
  g.__proofmailTransport = undefined;
  Object.assign(config(), { smtpUrl: loadConfig().smtpUrl });
  const stop = async () => {
    g.__proofmailTransport?.close();
    g.__proofmailTransport = undefined;
    await sink.close();
  };
  return Object.assign(sink, { stop });
}

export type UsedSmtpSink = Awaited<ReturnType<typeof useSmtpSink>>;
