// Door (a) of issue 14: an IMAP mailbox (IMAP_URL) the worker polls for bounces, feedback-loop reports and
// replies to the mailto unsubscribe address, for sites whose bounce/FBL addresses are ordinary mailboxes.
// Every unseen message goes to the one pipeline (apply-inbound.ts); once it is processed and stored it is
// flagged \Seen, so a message whose processing failed (database down) is tried again at the next poll.
// A message seen twice is processed once anyway (the pipeline keeps each message's hash). One worker
// polls at a time: it runs as a scheduled job, which exactly one worker claims.
import { ImapFlow } from "imapflow";
import type { ImapMailbox } from "../config/index.ts";
import { applyInbound } from "./apply-inbound.ts";
import { getLogger } from "../log/logger.ts";

const log = getLogger("inbound-imap");

/** At most this many messages per poll (the rest wait for the next). */
export const IMAP_BATCH = 200;

export type ImapPollResult = { processed: number; failed: number; left: number };

export async function pollImapOnce(box: ImapMailbox, opts: { signal?: AbortSignal } = {}): Promise<ImapPollResult> {
  const local = box.host === "localhost" || box.host.startsWith("127.") || box.host === "::1";
  const client = new ImapFlow({
    host: box.host, port: box.port, secure: box.secure, auth: { user: box.user, pass: box.pass }, logger: false,
    // Without imaps the session is upgraded when the server offers STARTTLS; a local test server may offer none.
    ...(local ? { doSTARTTLS: undefined, tls: { rejectUnauthorized: false } } : {}),
    connectionTimeout: 30_000, greetingTimeout: 15_000, socketTimeout: 120_000,
  });
  client.on("error", (err: unknown) => log.warn({ err }, "IMAP connection error"));
  const result: ImapPollResult = { processed: 0, failed: 0, left: 0 };
  await client.connect();
  try {
    const lock = await client.getMailboxLock(box.mailbox);
    try {
      const unseen = (await client.search({ seen: false }, { uid: true })) || [];
      result.left = Math.max(0, unseen.length - IMAP_BATCH);
      for (const uid of unseen.slice(0, IMAP_BATCH)) {
        if (opts.signal?.aborted) break;
        const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (!msg || !msg.source) continue;
        try {
          await applyInbound(msg.source, { source: "imap" });
          await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
          result.processed++;
        } catch (err) {
          result.failed++;
          log.error({ err, uid }, "inbound message from IMAP could not be processed; it stays unseen and is tried again");
        }
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return result;
}
