// Staff acting on an inbound message nobody could be matched to (issue 14 D3). "Dismiss" marks it handled.
// "Suppress this address" takes an address the staff member typed — never one read from the message, so
// it stays a deliberate human decision — and lets lib/rules decideStaffInbound say what the message's kind
// does: a hard bounce suppresses (reason bounce), a complaint objects to everything (reason complaint, every
// subscription ends), an unsubscribe reply withdraws from all newsletters. A subscriber's change gets its
// ledger event (actor the staff member, channel "staff-unmatched-inbound"); anyone else only the keyed hash.
// Each message is acted on once: the handled mark is set in the same transaction, conditioned on being unset.
// Audited without the address.
import { db, type Tx } from "../db/index.ts";
import { audit } from "../audit/log.ts";
import { appendEvent } from "../consent/ledger.ts";
import { decideStaffInbound, reasonLabel } from "../rules/index.ts";
import { normaliseEmail } from "../subscribers/normalise-email.ts";
import { suppress, suppressionsFor } from "../subscribers/suppression.ts";
import { withdraw } from "../subscribers/withdraw.ts";
import { endForComplaint } from "./end-for-complaint.ts";

/** Suppression.channel and the ledger events' channel for what staff do from here. */
export const STAFF_INBOUND_CHANNEL = "staff-unmatched-inbound";

type Staff = { id: string; email: string };
export type ActResult =
  | { ok: true; notice: string }
  | { ok: false; status: 400 | 404 | 409; field?: "email" | "id"; error: string };

const HANDLED = { ok: false, status: 409, field: "id", error: "This message has already been handled." } as const;
const MISSING = { ok: false, status: 404, field: "id", error: "No such unmatched message." } as const;

class AlreadyHandled extends Error {}

/** Sets the handled mark, once: throws AlreadyHandled (rolling the transaction back) when someone was first. */
async function markHandled(tx: Tx, id: string, staff: Staff, action: string, at: Date) {
  const { count } = await tx.inboundMessage.updateMany({
    where: { id, handledAt: null, deliveryId: null, subscriberId: null },
    data: { handledAt: at, handledById: staff.id, handledAction: action },
  });
  if (count !== 1) throw new AlreadyHandled();
}

async function load(id: unknown) {
  if (typeof id !== "string" || id.length === 0 || id.length > 64) return null;
  return db.inboundMessage.findFirst({ where: { id, deliveryId: null, subscriberId: null }, select: { id: true, kind: true, handledAt: true } });
}

export async function dismissInbound(input: { id: unknown; staff: Staff; at?: Date }): Promise<ActResult> {
  const m = await load(input.id);
  if (!m) return MISSING;
  if (m.handledAt) return HANDLED;
  const at = input.at ?? new Date();
  try {
    await db.$transaction(async (tx) => {
      await markHandled(tx, m.id, input.staff, "dismissed", at);
      await audit(tx, input.staff, "inbound.dismiss", m.id, { kind: m.kind });
    });
  } catch (err) {
    if (err instanceof AlreadyHandled) return HANDLED;
    throw err;
  }
  return { ok: true, notice: "Dismissed: the message is marked as handled." };
}

export async function suppressFromInbound(input: { id: unknown; email: unknown; staff: Staff; at?: Date }): Promise<ActResult> {
  const m = await load(input.id);
  if (!m) return MISSING;
  if (m.handledAt) return HANDLED;
  const address = normaliseEmail(input.email);
  if (!address.ok) return { ok: false, status: 400, field: "email", error: address.error };
  const email = address.email;
  const at = input.at ?? new Date();
  const subscriber = await db.subscriber.findUnique({ where: { email }, select: { id: true } });

  try {
    const code = await db.$transaction(async (tx) => {
      const entries = await suppressionsFor(tx, email);
      const decision = decideStaffInbound({
        kind: m.kind as Parameters<typeof decideStaffInbound>[0]["kind"], isSubscriber: !!subscriber,
        activeAllScopeReasons: entries.filter((e) => e.scope === "all" && !e.liftedAt).map((e) => e.reason),
      });
      if (decision.action === "refuse") return decision;
      await markHandled(tx, m.id, input.staff, decision.code, at);
      const details = { via: "staff", channel: STAFF_INBOUND_CHANNEL, inboundMessageId: m.id, kind: m.kind, code: decision.code, scope: "all" };
      const actor = `user:${input.staff.id}`;
      switch (decision.action) {
        case "suppress":
          await suppress(tx, email, decision.scope, decision.reason, at, STAFF_INBOUND_CHANNEL);
          if (subscriber && decision.event) await appendEvent(tx, { type: decision.event, at, subscriberId: subscriber.id, actor, details });
          break;
        case "object": {
          const ended = await endForComplaint(tx, { email, subscriberId: subscriber?.id ?? null, at, channel: STAFF_INBOUND_CHANNEL });
          if (subscriber && decision.event) await appendEvent(tx, { type: decision.event, at, subscriberId: subscriber.id, newsletterIds: ended.length ? ended : null, actor, details });
          break;
        }
        case "withdraw":
          // The same path as every other withdrawal (decideWithdrawal: one ledger event per subscription ended).
          if (subscriber) await withdraw({ subscriberId: subscriber.id, scope: "all", actor, via: STAFF_INBOUND_CHANNEL, at, channel: STAFF_INBOUND_CHANNEL, tx });
          else await suppress(tx, email, decision.scope, decision.reason, at, STAFF_INBOUND_CHANNEL);
          break;
      }
      await audit(tx, input.staff, "inbound.suppress", m.id, { kind: m.kind, code: decision.code, channel: STAFF_INBOUND_CHANNEL });
      return decision;
    });
    if (code.action === "refuse") return { ok: false, status: 409, error: `Not suppressed: ${reasonLabel(code.code, "en")}.` };
    return { ok: true, notice: `Recorded: ${email} — ${reasonLabel(code.code, "en")}.` };
  } catch (err) {
    if (err instanceof AlreadyHandled) return HANDLED;
    throw err;
  }
}
