// Staff (editors too) record a withdrawal or objection someone made by reply mail, phone, letter or in
// person, knowing only their address (O-OTHER-CHANNELS, R-WITHDRAW-ANYTIME, R-OBJECTION-ABSOLUTE). A
// subscriber gets exactly what recordObjection does (ledger event with channel, note and staff actor,
// suppression, audit); anyone else, or a subscriber without that newsletter, gets the keyed-hash suppression
// entry only, as the admin's "add addresses" writes it. The answer is the same either way, so the form
// cannot be used to learn who subscribes (editors may not read subscriber data). Bad input: a field
// message, nothing written.
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { normaliseEmail } from "./normalise-email.ts";
import { suppress } from "./suppression.ts";
import { checkObjectionFields } from "./check-objection-fields.ts";
import { recordObjection } from "./record-objection.ts";

export type RecordObjectionByAddressInput = {
  email: unknown;
  /** "all" or the id of any newsletter */
  scope: unknown;
  kind: unknown;
  channel: unknown;
  note: unknown;
  staff: { id: string; email: string };
  at?: Date;
};

export type RecordObjectionByAddressResult =
  | { ok: true; notice: string }
  | { ok: false; status: 400; field: "email" | "scope" | "kind" | "channel" | "note"; error: string };

export async function recordObjectionByAddress(input: RecordObjectionByAddressInput): Promise<RecordObjectionByAddressResult> {
  const address = normaliseEmail(input.email);
  if (!address.ok) return { ok: false, status: 400, field: "email", error: address.error };
  const fields = checkObjectionFields(input);
  if (!fields.ok) return fields;
  const newsletter = input.scope === "all" || typeof input.scope !== "string" || input.scope.length > 64
    ? null : await db.newsletter.findUnique({ where: { id: input.scope }, select: { id: true, name: true } });
  if (input.scope !== "all" && !newsletter) return { ok: false, status: 400, field: "scope", error: "Choose a newsletter, or all newsletters." };
  const email = address.email;
  const notice = `Recorded: ${email} will get no more mail for ${newsletter ? newsletter.name : "all newsletters"}.`;

  const subscriber = await db.subscriber.findUnique({ where: { email }, select: { id: true, subscriptions: { select: { newsletterId: true } } } });
  if (subscriber && (!newsletter || subscriber.subscriptions.some((s) => s.newsletterId === newsletter.id))) {
    const r = await recordObjection({
      subscriberId: subscriber.id, scope: newsletter ? newsletter.id : "all", kind: fields.kind, channel: fields.channel, note: fields.note,
      staff: input.staff, via: "staff", at: input.at,
    });
    // Every field was checked above and the scope is one of theirs, so a refusal here is not the person's doing.
    if (!r.ok) throw new Error(`recordObjection refused checked input: ${r.error}`);
    return { ok: true, notice };
  }

  // Not a subscriber (for this newsletter): only the keyed hash, with what they asked for as the reason.
  // The note is not kept: without a subscriber there is no ledger event to hold it, and the audit log
  // must not carry personal data about someone we otherwise know nothing of.
  const scope = newsletter ? newsletter.id : "all";
  await db.$transaction(async (tx) => {
    await suppress(tx, email, scope, fields.kind, input.at ?? new Date());
    await audit(tx, input.staff as AuditActor, "suppression.add", null, { count: 1, reason: fields.kind, scope, channel: fields.channel });
  });
  return { ok: true, notice };
}
