// An SMTP server for the crash tests that counts accepted messages per recipient and can "hold": from the
// moment it holds, it stops answering the end of DATA, so no further message is accepted (a message is
// delivered only when the server says 250). A worker killed while held has every accepted message
// recorded (its outcome writes had time to finish) and every unanswered one unaccepted — exactly the
// state a crash in the middle of SMTP transactions leaves. release() answers the held messages of
// connections that are still open and drops those whose client died.
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

export async function startHoldSink(opts: { holdAfter?: number } = {}) {
  const perRecipient = new Map<string, number>();
  let accepted = 0;
  let holding = false;
  let heldOnce = false;
  const held: { sessionId: string; to: string[]; callback: (err?: Error | null) => void }[] = [];
  const closed = new Set<string>();
  let onHold: (() => void) | null = null;

  const accept = (to: string[]) => {
    accepted++;
    for (const t of to) perRecipient.set(t, (perRecipient.get(t) ?? 0) + 1);
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    disableReverseLookup: true,
    logger: false,
    onClose(session) {
      closed.add(session.id);
    },
    onData(stream, session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        if (holding) {
          held.push({ sessionId: session.id, to, callback });
          return;
        }
        accept(to);
        callback();
        if (opts.holdAfter !== undefined && accepted >= opts.holdAfter && !heldOnce) {
          holding = heldOnce = true;
          onHold?.();
        }
      });
    },
  });
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    perRecipient,
    accepted: () => accepted,
    heldCount: () => held.length,
    /** Resolves once the sink has started holding. */
    held: () => new Promise<void>((resolve) => (holding ? resolve() : (onHold = resolve))),
    /** Waits until the sink has seen the dead client's connections close (no new close for 300 ms). */
    async settle() {
      let last = -1;
      while (closed.size !== last) {
        last = closed.size;
        await new Promise((r) => setTimeout(r, 300));
      }
    },
    release() {
      holding = false;
      for (const h of held.splice(0)) {
        if (closed.has(h.sessionId)) continue; // the client died before our 250: not delivered
        accept(h.to);
        h.callback();
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
