// Staff record a withdrawal or objection the person made by reply mail, phone, letter or in person
// (R-WITHDRAW-ANYTIME, R-OBJECTION-ABSOLUTE, O-OTHER-CHANNELS). It goes through withdraw(): the same
// ledger event and suppression as the unsubscribe link, with the channel, a note and the staff actor in
// the event's details. Audited. Bad input is a field message; nothing is written then.
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { withdraw, OBJECTION_CHANNELS, type ObjectionChannel, type WithdrawResult } from "./withdraw.ts";

export const NOTE_MAX = 500;

export type RecordObjectionInput = {
  subscriberId: unknown;
  /** "all" or the id of one of the person's newsletters */
  scope: unknown;
  kind: unknown;
  channel: unknown;
  note: unknown;
  staff: { id: string; email: string };
  via?: string;
  at?: Date;
};

export type RecordObjectionResult =
  | { ok: true; withdrawn: WithdrawResult["withdrawn"] }
  | { ok: false; status: 400 | 404; field?: "scope" | "kind" | "channel" | "note"; error: string };

const OBJECTION_KINDS = ["withdrawal", "objection"] as const;
const isObjectionKind = (v: unknown): v is (typeof OBJECTION_KINDS)[number] => OBJECTION_KINDS.includes(v as never);

// Line breaks are fine in a note; other control characters are not.
const CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/;

export async function recordObjection(input: RecordObjectionInput): Promise<RecordObjectionResult> {
  if (!isObjectionKind(input.kind)) return { ok: false, status: 400, field: "kind", error: "Choose withdrawal or objection." };
  if (typeof input.channel !== "string" || !OBJECTION_CHANNELS.includes(input.channel as ObjectionChannel)) {
    return { ok: false, status: 400, field: "channel", error: "Choose how the person told you (reply mail, phone, letter or in person)." };
  }
  const note = typeof input.note === "string" ? input.note.trim() : "";
  if (note.length > NOTE_MAX) return { ok: false, status: 400, field: "note", error: `The note is too long (${NOTE_MAX} characters at most).` };
  if (CONTROL.test(note)) return { ok: false, status: 400, field: "note", error: "The note contains characters that are not allowed." };
  if (typeof input.subscriberId !== "string" || input.subscriberId.length > 64) return { ok: false, status: 404, error: "This subscriber does not exist." };
  const subscriber = await db.subscriber.findUnique({ where: { id: input.subscriberId }, select: { id: true, subscriptions: { select: { newsletterId: true } } } });
  if (!subscriber) return { ok: false, status: 404, error: "This subscriber does not exist." };
  const scope = input.scope === "all" ? "all" : subscriber.subscriptions.find((s) => s.newsletterId === input.scope) ? { newsletterId: input.scope as string } : null;
  if (!scope) return { ok: false, status: 400, field: "scope", error: "Choose one of this person's newsletters, or all newsletters." };

  const result = await withdraw({
    subscriberId: subscriber.id, scope, kind: input.kind, actor: `user:${input.staff.id}`, via: input.via ?? "staff",
    recorded: { channel: input.channel as ObjectionChannel, note }, at: input.at,
  });
  await audit(db, input.staff as AuditActor, `subscriber.${input.kind}`, subscriber.id, {
    channel: input.channel, scope: scope === "all" ? "all" : scope.newsletterId, changed: result.withdrawn.length,
  });
  return { ok: true, withdrawn: result.withdrawn };
}
