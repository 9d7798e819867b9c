// The delivery worker (a ticker of lib/worker): claim a batch of due deliveries of a running send, re-run
// the gate for each recipient right before the SMTP call, send, record each outcome with the gate's
// per-send record (basis, reason code, RULES_VERSION, facts hash, decision time; issue 12 D1) in the same
// statement as the outcome.
//
// Claiming: one UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING. PostgreSQL adds FOR UPDATE SKIP LOCKED so
// any number of workers take disjoint batches; SQLite has one writer, so the single statement is atomic.
// A claimed row carries lockedBy/lockedUntil; if its worker dies, the row is claimable again once the lock
// expires. A worker stops taking new messages from a batch well before its lock expires, so a live worker
// and a reclaimer never hold the same row.
//
// Crash window: the outcome is written right after the SMTP 250, one row per message. A crash between
// the server's 250 and that write (well under a millisecond) makes the row claimable again and the
// message is sent a second time, with the same Message-ID; SMTP cannot do better (RFC 1047).
//
// Sending backends (issue 14 D4): each message goes through one backend of the send's route (its own, others
// too with failover or when it names none), spaced to that backend's per-second limit and counted against
// its per-hour limit, both shared among the workers sending now; Delivery.backend records which one took it.
//
// Mail server gone (refused, dropped, stalled: an `unavailable` MailError): with another backend left in the
// route, the message goes there at once. Otherwise the delivery goes back to the queue as SMTP_UNAVAILABLE
// without counting an attempt, the batch stops, and this worker claims nothing for that backend until its
// outage tracker lets a probe through (backing off up to SEND_OUTAGE_MAX_MS). The first message
// that goes out again ends the outage and makes every waiting delivery due at once. Every SMTP call settles
// within SMTP_TIMEOUT_MS, and a lane takes no new message later than that before its lease ends (when the
// lease is at least twice as long, the default), so no message is in flight when its row can be reclaimed.
//
// Database gone (PostgreSQL restarted, a failover, SQLite locked by a backup): every write of a batch waits
// and tries again while this worker still holds the lease (persist()), instead of giving up with a message
// accepted but unrecorded, which would go out a second time once the lease ended. The worker loop itself
// survives any error and tries again on its next turn.
import { db } from "../db/index.ts";
import { config } from "../config/index.ts";
import { sendMail, toMailError, type MailError } from "../mail/transport.ts";
import { createOutageTracker, type OutageTracker } from "./track-mail-outage.ts";
import { listBackends } from "../mail/backends.ts";
import { createRoute, type Route, type RouteEntry } from "./backend-route.ts";
import { loadRecipients } from "./load-recipients.ts";
import { createMailMerge, type MailMerge } from "../mail/mail-merge.ts";
import { loadSendContext, prepareMessage, type SendContext, type SendRecord } from "./prepare-message.ts";
import { RULES_VERSION } from "../rules/index.ts";
import { rawExec, rawQuery } from "../db/insert-rows.ts";
import { getLogger } from "../log/logger.ts";
import { sendTuning, type SendTuning } from "../config/tuning.ts";
import { emitEvent } from "../webhooks/emit-event.ts";

/** Pipeline outcome codes that are not lib/rules reason codes. */
export const PIPELINE_REASONS = {
  RECIPIENT_GONE: { en: "recipient erased before sending", nl: "ontvanger gewist voor verzending" },
  SEND_CANCELLED: { en: "send cancelled", nl: "verzending geannuleerd" },
  SMTP_TEMPORARY: { en: "temporary SMTP failure, will retry", nl: "tijdelijke SMTP-fout, wordt opnieuw geprobeerd" },
  SMTP_UNAVAILABLE: { en: "waiting for the mail server", nl: "wacht op de mailserver" },
  SMTP_REJECTED: { en: "rejected by the mail server (5xx)", nl: "geweigerd door de mailserver (5xx)" },
  SMTP_RETRIES_EXHAUSTED: { en: "temporary failures, retries used up", nl: "tijdelijke fouten, pogingen op" },
} as const;

type Claimed = { id: string; subscriberId: string | null; subscriptionId: string | null; attempts: number };


export async function claimDeliveries(opts: { sendId: string; workerId: string; limit: number; lockMs: number; now?: Date }): Promise<Claimed[]> {
  const now = opts.now ?? new Date();
  const until = new Date(now.getTime() + opts.lockMs);
  // Two index-ordered picks rather than one OR: with an OR (or a tie-break on id) the database sorted every
  // delivery of the send on each claim, O(n) per batch. Rows whose worker died come first.
  const rows = await rawQuery<Claimed>(db, (q) => {
    const lock = q.pg ? "FOR UPDATE SKIP LOCKED" : "";
    return `WITH expired AS (SELECT id FROM "Delivery" WHERE "sendId" = ${q.value(opts.sendId)} AND status = 'sending' AND "lockedUntil" < ${q.date(now)} LIMIT ${q.value(opts.limit)} ${lock}),
         due AS (SELECT id FROM "Delivery" WHERE "sendId" = ${q.value(opts.sendId)} AND status = 'queued' AND "nextAttemptAt" <= ${q.date(now)} ORDER BY "nextAttemptAt" LIMIT ${q.value(opts.limit)} ${lock})
    UPDATE "Delivery" SET status = 'sending', "lockedBy" = ${q.value(opts.workerId)}, "lockedUntil" = ${q.date(until)}, attempts = attempts + 1, "updatedAt" = ${q.date(now)}
    WHERE id IN (SELECT id FROM (SELECT id FROM expired UNION ALL SELECT id FROM due) picked LIMIT ${q.value(opts.limit)})
    RETURNING id, "subscriberId", "subscriptionId", attempts`;
  });
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
}

/** Spaces messages evenly: `rate` per second for this worker. */
function spacer(rate: number | null) {
  let next = 0;
  return async () => {
    if (!rate) return;
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + 1000 / rate;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  };
}

export function backoffMs(attempts: number, baseMs: number): number {
  const exp = baseMs * 2 ** Math.max(0, attempts - 1);
  const jitter = 0.8 + Math.random() * 0.4;
  return Math.min(exp * jitter, 6 * 3600_000);
}

// Per send, kept across batches: the rendered issue and its mail merge (compiled from the first message).
type Loaded = { ctx: SendContext; merge?: Promise<MailMerge> };
const contexts = new Map<string, Loaded>();
async function contextFor(sendId: string, issueId: string): Promise<Loaded | null> {
  let entry = contexts.get(sendId);
  if (!entry) {
    const ctx = await loadSendContext(issueId);
    if (!ctx) return null;
    if (contexts.size > 20) contexts.clear();
    contexts.set(sendId, (entry = { ctx }));
  }
  return entry;
}

// Process-wide, like the SMTP pools they watch: one per sending backend.
const outages = new Map<string, OutageTracker>();
const outageOf = (backend: string) => {
  let t = outages.get(backend);
  if (!t) outages.set(backend, (t = createOutageTracker()));
  return t;
};
const log = getLogger("sending");

type RunningSend = { id: string; backend: string | null; failover: boolean };

/**
 * The backends this batch of a send may use (lib/sending/backend-route.ts): the send's own, the others too
 * with failover or when it names none; without those waiting for their mail server, with each one's
 * per-second and per-hour limit shared among the workers now sending. Null when none may take a message.
 */
async function routeFor(send: RunningSend, workers: () => Promise<number>): Promise<Route | null> {
  const all = listBackends();
  const named = send.backend;
  const chosen = named === null ? all.map((b) => ({ ...b, tier: 0 as const }))
    : [...all.filter((b) => b.name === named).map((b) => ({ ...b, tier: 0 as const })), ...(send.failover ? all.filter((b) => b.name !== named).map((b) => ({ ...b, tier: 1 as const })) : [])];
  const open = chosen.map((b) => ({ ...b, gate: outageOf(b.name).gate(Date.now()) })).filter((b) => b.gate !== "wait");
  if (!open.length) return null;
  const limited = open.filter((b) => b.perSecond || b.perHour);
  const share = limited.length ? await workers() : 1;
  const hourly = limited.some((b) => b.perHour) ? await sentLastHour(limited.filter((b) => b.perHour).map((b) => b.name)) : new Map<string, number>();
  const entries: RouteEntry[] = open.map((b) => ({
    name: b.name, tier: b.tier, probe: b.gate === "probe",
    intervalMs: b.perSecond ? (1000 * share) / b.perSecond : 0,
    left: Math.min(b.gate === "probe" ? 1 : Infinity, b.perHour ? Math.max(0, Math.floor((b.perHour - (hourly.get(b.name) ?? 0)) / share)) : Infinity),
  }));
  const route = createRoute(entries);
  return route.usable() ? route : null;
}

async function sentLastHour(backends: string[]): Promise<Map<string, number>> {
  const rows = await db.delivery.groupBy({ by: ["backend"], where: { backend: { in: backends }, sentAt: { gt: new Date(Date.now() - 3600_000) } }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.backend!, r._count._all]));
}

/** One worker turn: works one batch of one running send. Returns whether it did any work. */
export async function deliverBatch(opts: { workerId: string; signal?: AbortSignal; options?: Partial<SendTuning> }): Promise<boolean> {
  const o = { ...sendTuning(), ...opts.options };
  const unrecorded = held.get(opts.workerId);
  if (unrecorded?.length) {
    try {
      await writeSent(opts.workerId, unrecorded);
    } catch {
      return false; // still refused: send nothing more until these are on record
    }
    held.delete(opts.workerId);
    log.info({ deliveries: unrecorded.length }, "database writable again; recorded the deliveries sent while it refused writes");
  }
  const sends = await db.send.findMany({ where: { status: "running" }, orderBy: { createdAt: "asc" }, select: { id: true, issueId: true, ratePerSec: true, backend: true, failover: true } });
  // The workers that share the backends' limits: those holding deliveries now, this one included (once per turn).
  let workerCount: Promise<number> | undefined;
  const workers = () => (workerCount ??= db.delivery.groupBy({ by: ["lockedBy"], where: { status: "sending", lockedUntil: { gt: new Date() }, lockedBy: { not: opts.workerId } } }).then((h) => h.length + 1));
  for (const send of sends) {
    const route = await routeFor(send, workers);
    if (!route) continue; // every backend it may use waits for its mail server or is at its hourly limit
    let rate: number | null = null;
    let limit = Math.max(1, Math.min(o.batch, route.capacity(o.lockMs / 2)));
    if (send.ratePerSec) {
      // Share the send's limit among the workers currently holding its rows (this one included).
      const holders = await db.delivery.groupBy({ by: ["lockedBy"], where: { sendId: send.id, status: "sending", lockedUntil: { gt: new Date() }, lockedBy: { not: opts.workerId } } });
      rate = send.ratePerSec / (holders.length + 1);
      limit = Math.max(1, Math.min(limit, Math.floor((rate * o.lockMs) / 1000 / 2)));
    }
    const claimedAt = Date.now();
    const claimed = await claimDeliveries({ sendId: send.id, workerId: opts.workerId, limit, lockMs: o.lockMs });
    if (!claimed.length) {
      await finishIfComplete(send.id);
      continue;
    }
    const loaded = await contextFor(send.id, send.issueId);
    if (!loaded) continue;
    // Stop taking messages early enough that the last one settles (SMTP_TIMEOUT_MS) before the lease ends,
    // when the lease allows it (at least twice that long, as by default).
    const smtpMs = config().smtpTimeoutMs;
    const margin = Math.max(Math.min(o.lockMs / 4, 15_000), smtpMs <= o.lockMs / 2 ? smtpMs : 0);
    await processBatch({
      ...o, sendId: send.id, workerId: opts.workerId, loaded, claimed, rate, route, deadline: claimedAt + o.lockMs - margin, leaseEnd: claimedAt + o.lockMs - 1000, signal: opts.signal,
    });
    return true;
  }
  return false;
}

async function processBatch(p: SendTuning & {
  sendId: string; workerId: string; loaded: Loaded; claimed: Claimed[]; rate: number | null; route: Route;
  /** No new message after this; */ deadline: number;
  /** writes wait for the database until this (the lease's end, less a second). */ leaseEnd: number;
  signal?: AbortSignal;
}) {
  const persist = <T>(what: string, write: () => Promise<T>) => untilLeaseEnds(what, p.leaseEnd, write);
  const rows = await persist("loading the recipients", () => loadRecipients(db, p.claimed.map((c) => c.subscriptionId).filter((x): x is string => !!x)));
  const queue = [...p.claimed];
  const skipped = new Map<string, string[]>();
  // Refused by the gate: each with its per-send record, written together at the end of the batch.
  const refused: { id: string; record: SendRecord }[] = [];
  const wait = spacer(p.rate);
  const recordSent = sentWriter(p.workerId, p.groupCommitMs, persist);
  let stop: null | "paused" | "cancelled" | "lock" | "shutdown" | "unavailable" | "capacity" = null;
  let lastCheck = Date.now();
  let checking: Promise<void> | null = null;

  const checkStatus = () =>
    (checking ??= persist("checking the send's status", () => db.send.findUnique({ where: { id: p.sendId }, select: { status: true } })).then((s) => {
      if (s?.status === "paused") stop = "paused";
      else if (s?.status !== "running") stop = "cancelled";
    }).catch(() => {
      stop ??= "lock"; // the database stayed away until the lease ended: take no more, hand back what is left
    }).finally(() => {
      lastCheck = Date.now();
      checking = null;
    }));

  const lane = async () => {
    while (queue.length && !stop) {
      if (p.signal?.aborted) { stop = "shutdown"; break; }
      if (Date.now() > p.deadline) { stop = "lock"; break; }
      if (Date.now() - lastCheck > 500) { await checkStatus(); if (stop) break; }
      const d = queue.shift(); // other lanes may have emptied the queue during the await above
      if (!d) break;
      const r = d.subscriptionId ? rows.get(d.subscriptionId) : undefined;
      if (!r || !d.subscriberId) { push(skipped, "RECIPIENT_GONE", d.id); continue; }
      // The gate, right before the SMTP call: consent may have been withdrawn since the report.
      const { mail, decision, record } = prepareMessage(p.loaded.ctx, r, d.id, new Date());
      if (!decision.allowed) { refused.push({ id: d.id, record }); continue; }
      const merge = await (p.loaded.merge ??= createMailMerge(mail));
      await wait();
      const backend = stop || Date.now() > p.deadline ? null : await p.route.acquire();
      if (!backend) { queue.unshift(d); stop ??= "capacity"; break; } // every backend is down or used up for this batch
      if (stop || Date.now() > p.deadline) { p.route.giveBack(backend); queue.unshift(d); break; }
      let result: { ok: true; messageId: string; response: string } | { ok: false; error: MailError };
      try {
        const info = await sendMail(merge(mail), backend);
        result = { ok: true, ...info };
      } catch (err) {
        result = { ok: false, error: toMailError(err) };
      }
      if (result.ok) {
        await recordSent({ id: d.id, messageId: result.messageId, reply: result.response, record, backend });
        const began = outageOf(backend).delivered();
        if (began !== null) await persist("the end of a mail server outage", () => endOutage(backend, began));
      } else if (result.error.kind === "unavailable") {
        const retryAt = noteUnavailable(backend, p, result.error);
        p.route.down(backend);
        // Another backend of this send's route takes it at once (failover, or a send over all backends).
        if (p.route.usable()) { queue.unshift(d); continue; }
        stop ??= "unavailable"; // the other lanes finish what they have in flight and take no more
        await persist("a delivery that waits for the mail server", () => recordUnavailable(d, p.workerId, retryAt, result.error));
      } else await persist("a refused delivery", () => recordFailure(d, p, result.error, record, backend));
    }
  };
  // A lane that fails (the database stayed away past the lease) stops the others; all settle before the rest is handed back.
  const lanes = await Promise.allSettled(Array.from({ length: Math.min(p.concurrency, p.claimed.length) }, () => lane().catch((err) => {
    stop ??= "lock";
    throw err;
  })));

  for (let i = 0; i < refused.length; i += 400) {
    const chunk = refused.slice(i, i + 400);
    await persist("skipped deliveries", () => writeRefused(p.workerId, chunk));
  }
  for (const [reason, ids] of skipped) {
    await persist("skipped deliveries", () => db.delivery.updateMany({
      where: { id: { in: ids }, lockedBy: p.workerId, status: "sending" },
      data: { status: "skipped", reason, lockedBy: null, lockedUntil: null },
    }));
  }
  if (queue.length) {
    const ids = queue.map((d) => d.id);
    await persist("handing back deliveries", () => db.delivery.updateMany({
      where: { id: { in: ids }, lockedBy: p.workerId, status: "sending" },
      data: stop === "cancelled"
        ? { status: "skipped", reason: "SEND_CANCELLED", lockedBy: null, lockedUntil: null }
        // Not attempted: hand the rows back without counting an attempt.
        : { status: "queued", lockedBy: null, lockedUntil: null, attempts: { decrement: 1 } },
    }));
  }
  const failed = lanes.find((l) => l.status === "rejected");
  if (failed) throw failed.reason;
}

/**
 * Runs a write of a batch, and while the database does not answer, tries again (backing off to 5 s) until
 * the lease ends; then gives up with the last error (the rows become claimable and are retried elsewhere).
 */
async function untilLeaseEnds<T>(what: string, leaseEnd: number, write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await write();
      if (attempt > 0) log.info({ attempts: attempt + 1 }, `database back; recorded ${what}`);
      return r;
    } catch (err) {
      const pause = Math.min(5_000, 250 * 2 ** attempt);
      if (Date.now() + pause > leaseEnd) throw err;
      if (attempt === 0) log.warn({ err: (err as Error).message }, `database unavailable while recording ${what}; trying again until the lease ends`);
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}

function push(m: Map<string, string[]>, k: string, v: string) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

type SentOutcome = { id: string; messageId: string; reply: string; record: SendRecord; backend: string };

/** Deliveries the gate refused: skipped with its reason, and the per-send record, in one statement. */
function writeRefused(workerId: string, items: { id: string; record: SendRecord }[]) {
  return rawExec(db, (q) => {
    const now = new Date();
    return `UPDATE "Delivery" SET status = 'skipped', reason = v.column2, "decisionReason" = v.column2, basis = v.column3, "factsHash" = v.column4,
              "decidedAt" = v.column5, "rulesVersion" = ${q.value(RULES_VERSION)}, "updatedAt" = ${q.date(now)}, "lockedBy" = NULL, "lockedUntil" = NULL
            FROM (VALUES ${items.map((o) => `(${q.value(o.id)}, ${q.value(o.record.reason)}, ${q.value(o.record.basis)}, ${q.value(o.record.factsHash)}, ${q.date(o.record.decidedAt)})`).join(", ")}) AS v
            WHERE "Delivery".id = v.column1 AND "Delivery"."lockedBy" = ${q.value(workerId)} AND "Delivery".status = 'sending'`;
  });
}

/**
 * Records "sent" outcomes by group commit: outcomes that arrive within `groupMs` of the first one go
 * together in one UPDATE … FROM (VALUES …) (a statement costs about half a millisecond through Prisma
 * here, more than an SMTP transaction to a nearby relay; writing each outcome alone capped a worker at
 * ~650 msg/s). Each lane waits for its own outcome to be committed before it sends its next message, so a
 * lane never has more than one accepted-but-unrecorded message, and that one for at most a few ms.
 */
/**
 * Per worker: messages the server took whose outcome still could not be written when the lease ended (a
 * disk that stays full). deliverBatch writes them before anything else and sends nothing until that works:
 * otherwise their rows would be claimed and sent again at every lease.
 */
const held = new Map<string, SentOutcome[]>();

const writeSent = (workerId: string, items: SentOutcome[]) =>
  rawExec(db, (q) => {
    const now = new Date();
    // The per-send record goes in the same statement: basis, reason code, facts hash, decision time per
    // row; the rules version is one parameter for all.
    return `UPDATE "Delivery" SET status = 'sent', reason = NULL, "messageId" = v.column2, "smtpReply" = v.column3,
              basis = v.column4, "decisionReason" = v.column5, "factsHash" = v.column6, "decidedAt" = v.column7, "rulesVersion" = ${q.value(RULES_VERSION)},
              backend = v.column8, "sentAt" = ${q.date(now)}, "updatedAt" = ${q.date(now)}, "lockedBy" = NULL, "lockedUntil" = NULL
            FROM (VALUES ${items.map((o) => `(${q.value(o.id)}, ${q.value(o.messageId.slice(0, 300))}, ${q.value(o.reply.slice(0, 500))}, ${q.value(o.record.basis)}, ${q.value(o.record.reason)}, ${q.value(o.record.factsHash)}, ${q.date(o.record.decidedAt)}, ${q.value(o.backend)})`).join(", ")}) AS v
            WHERE "Delivery".id = v.column1 AND "Delivery"."lockedBy" = ${q.value(workerId)}`;
  });

function sentWriter(workerId: string, groupMs: number, persist: <T>(what: string, write: () => Promise<T>) => Promise<T>) {
  const queue: { item: SentOutcome; done: (err?: unknown) => void }[] = [];
  let running = false;
  const flush = (items: SentOutcome[]) => persist(`${items.length} sent deliveries`, () => writeSent(workerId, items));
  const loop = async () => {
    running = true;
    await new Promise((r) => setTimeout(r, groupMs));
    while (queue.length) {
      const batch = queue.splice(0, 400);
      try {
        await flush(batch.map((b) => b.item));
        for (const b of batch) b.done();
      } catch (err) {
        held.set(workerId, [...(held.get(workerId) ?? []), ...batch.map((b) => b.item)]);
        for (const b of batch) b.done(err);
      }
    }
    running = false;
  };
  return (item: SentOutcome) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ item, done: (err) => (err ? reject(err) : resolve()) });
      if (!running) void loop();
    });
}

/** A backend's mail server is unavailable: it waits (doubling) before this worker tries it again. Returns when. */
function noteUnavailable(backend: string, p: { sendId: string; outageBaseMs: number; outageMaxMs: number }, error: MailError): number {
  const sendId = p.sendId;
  const w = outageOf(backend).failed({ now: Date.now(), baseMs: p.outageBaseMs, maxMs: p.outageMaxMs });
  const which = backend === "default" ? "mail server" : `mail server of backend "${backend}"`;
  if (w.news) log.warn({ sendId, backend, retryInMs: w.retryAt - Date.now(), error: error.message }, `${which} ${w.news === "began" ? "unavailable" : "still unavailable"}; next try in ${((w.retryAt - Date.now()) / 1000).toFixed(1)} s`);
  return w.retryAt;
}

/** Back to the queue until the mail server answers again; not an attempt, not a bounce. */
async function recordUnavailable(d: Claimed, workerId: string, retryAt: number, error: MailError) {
  await db.delivery.updateMany({
    where: { id: d.id, lockedBy: workerId },
    data: {
      status: "queued", reason: "SMTP_UNAVAILABLE", smtpReply: error.message.slice(0, 500), nextAttemptAt: new Date(retryAt),
      lockedBy: null, lockedUntil: null, attempts: { decrement: 1 },
    },
  });
}

/** The mail server answers again: every delivery that waited for it is due now. */
async function endOutage(backend: string, began: number) {
  const { count } = await db.delivery.updateMany({ where: { status: "queued", reason: "SMTP_UNAVAILABLE" }, data: { reason: null, nextAttemptAt: new Date() } });
  const which = backend === "default" ? "mail server" : `mail server of backend "${backend}"`;
  log.info({ backend, outageMs: Date.now() - began, resumed: count }, `${which} back after ${Math.round((Date.now() - began) / 1000)} s; ${count} waiting deliveries resume`);
}

async function recordFailure(d: Claimed, p: { workerId: string; retryBaseMs: number; maxAttempts: number }, error: MailError, record: SendRecord, backend: string) {
  const reply = `${error.responseCode ?? ""} ${error.message}`.trim().slice(0, 500);
  const retry = error.temporary && d.attempts < p.maxAttempts;
  // The gate allowed it: its record is kept with the failure (a retry decides again and overwrites it).
  const decided = { basis: record.basis, decisionReason: record.reason, factsHash: record.factsHash, decidedAt: record.decidedAt, rulesVersion: RULES_VERSION, backend };
  await db.delivery.updateMany({
    where: { id: d.id, lockedBy: p.workerId },
    data: retry
      ? { status: "queued", reason: "SMTP_TEMPORARY", smtpReply: reply, nextAttemptAt: new Date(Date.now() + backoffMs(d.attempts, p.retryBaseMs)), lockedBy: null, lockedUntil: null, ...decided }
      : { status: "failed", reason: error.temporary ? "SMTP_RETRIES_EXHAUSTED" : "SMTP_REJECTED", smtpReply: reply, lockedBy: null, lockedUntil: null, ...decided },
  });
}

/** A running send with nothing queued or in flight is done; its issue is sent. */
export async function finishIfComplete(sendId: string): Promise<boolean> {
  const open = await db.delivery.count({ where: { sendId, status: { in: ["queued", "sending"] } } });
  if (open) return false;
  return db.$transaction(async (tx) => {
    const { count } = await tx.send.updateMany({ where: { id: sendId, status: "running" }, data: { status: "done", finishedAt: new Date() } });
    if (count) {
      const send = await tx.send.findUnique({ where: { id: sendId }, select: { issueId: true } });
      await tx.issue.updateMany({ where: { id: send!.issueId, status: "sending" }, data: { status: "sent" } });
      await emitEvent(tx, { type: "send.finished", data: { sendId, issueId: send!.issueId, status: "done" } });
    }
    return count > 0;
  });
}
