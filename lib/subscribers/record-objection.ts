// Staff record a withdrawal or objection the person made by reply mail, phone, letter or in person
// (R-WITHDRAW-ANYTIME, R-OBJECTION-ABSOLUTE, O-OTHER-CHANNELS). It goes through withdraw(): the same
// ledger event and suppression as the unsubscribe link, with the channel, a note and the staff actor in
// the event's details. Audited. Bad input is a field message; nothing is written then.
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { withdraw, type WithdrawResult } from "./withdraw.ts";
import { checkObjectionFields } from "./check-objection-fields.ts";

export { NOTE_MAX } from "./check-objection-fields.ts";

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

export async function recordObjection(input: RecordObjectionInput): Promise<RecordObjectionResult> {
  const fields = checkObjectionFields(input);
  if (!fields.ok) return fields;
  if (typeof input.subscriberId !== "string" || input.subscriberId.length > 64) return { ok: false, status: 404, error: "This subscriber does not exist." };
  const subscriber = await db.subscriber.findUnique({ where: { id: input.subscriberId }, select: { id: true, subscriptions: { select: { newsletterId: true } } } });
  if (!subscriber) return { ok: false, status: 404, error: "This subscriber does not exist." };
  const scope = input.scope === "all" ? "all" : subscriber.subscriptions.find((s) => s.newsletterId === input.scope) ? { newsletterId: input.scope as string } : null;
  if (!scope) return { ok: false, status: 400, field: "scope", error: "Choose one of this person's newsletters, or all newsletters." };

  const result = await withdraw({
    subscriberId: subscriber.id, scope, kind: fields.kind, actor: `user:${input.staff.id}`, via: input.via ?? "staff",
    recorded: { channel: fields.channel, note: fields.note }, at: input.at,
  });
  await audit(db, input.staff as AuditActor, `subscriber.${fields.kind}`, subscriber.id, {
    channel: fields.channel, scope: scope === "all" ? "all" : scope.newsletterId, changed: result.withdrawn.length,
  });
  return { ok: true, withdrawn: result.withdrawn };
}
