// A real SMTP server (the smtp-server package) for tests and benchmarks: it accepts every message and
// keeps it parsed in memory. Faults can be injected per message (a 4xx or 5xx answer), and the whole
// server can go away (drop(): port closed, open connections cut, even in the middle of a message).
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";

export type ReceivedMail = { raw: string; parsed: ParsedMail; envelopeTo: string[]; /** MAIL FROM ("" for a null sender) */ envelopeFrom: string };
export type SinkOptions = { port?: number; parse?: boolean; fault?: (n: number) => null | { code: number; message: string }; onMessage?: (raw: string, to: string[]) => void };

export async function startSmtpSink(opts: SinkOptions = {}) {
  const received: ReceivedMail[] = [];
  let count = 0;
  let seen = 0;
  let dropping = false;
  let connections = 0;
  const server = new SMTPServer({
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    disableReverseLookup: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        if (dropping) return; // never answered: not delivered
        const n = seen++;
        const fault = opts.fault?.(n);
        if (fault) {
          const err = new Error(fault.message) as Error & { responseCode: number };
          err.responseCode = fault.code;
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const to = session.envelope.rcptTo.map((r) => r.address);
        count++;
        opts.onMessage?.(raw, to);
        if (opts.parse !== false) received.push({ raw, parsed: await simpleParser(raw), envelopeTo: to, envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "" });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  // Once listening, an error is a client gone mid-connection (a stopped server's pooled connection:
  // ECONNRESET): that connection's end, not the sink's. Unhandled, it would end the test runner.
  server.on("error", () => {});
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    count: () => count,
    /** SMTP connections opened to this server so far. */
    connections: () => connections,
    async waitFor(pred: (m: ReceivedMail) => boolean, timeoutMs = 10_000): Promise<ReceivedMail> {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const m = received.find(pred);
        if (m) return m;
        if (Date.now() > end) throw new Error("timed out waiting for a matching message in the SMTP sink");
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    /**
     * The server dies: from now on no message is answered; after `graceMs` (for answers already written to
     * reach the client) the listening port closes and every open connection is cut, mid-message or not.
     */
    async drop(graceMs = 200) {
      dropping = true;
      await new Promise((r) => setTimeout(r, graceMs));
      server.on("error", () => {}); // the cut connections' resets
      const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
      for (const c of (server as unknown as { connections: Set<{ _socket?: { destroy(): void } }> }).connections) c._socket?.destroy();
      await closed;
    },
  };
}
export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;
