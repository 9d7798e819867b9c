"use server";
import { revalidatePath } from "next/cache";
import { protectedAction } from "@/lib/auth/guard";
import { addSuppressions } from "@/lib/subscribers/add-suppressions";
import { recordReplyUnsubscribe } from "@/lib/subscribers/record-reply-unsubscribe";
import { recordObjectionByAddress } from "@/lib/subscribers/record-objection-by-address";
import type { FormState } from "@/components/objection-forms";

const str = (form: FormData, name: string) => String(form.get(name) ?? "");

/** Admins: addresses onto the suppression list (keyed hash only; all lines valid or nothing written). */
export const addSuppressionsAction = protectedAction("subscribers.manage", async (staff, _prev: FormState, form: FormData): Promise<FormState> => {
  const values = { addresses: str(form, "addresses"), reason: str(form, "reason") };
  const r = await addSuppressions({ text: values.addresses, reason: values.reason, staff });
  if (!r.ok) return { error: r.error, lines: r.lines, values };
  revalidatePath("/admin/suppressions");
  return { notice: `${r.added} address(es) are on the suppression list.`, values: { reason: values.reason } };
});

/** Staff: a reply to the List-Unsubscribe mailto address, recorded as a withdrawal by reply mail. */
export const replyUnsubscribeAction = protectedAction("objections.record", async (staff, _prev: FormState, form: FormData): Promise<FormState> => {
  const values = { subject: str(form, "subject"), note: str(form, "note") };
  const r = await recordReplyUnsubscribe({ subject: values.subject, note: values.note, staff });
  if (!r.ok) return { error: r.error, values };
  revalidatePath("/admin/suppressions");
  return { notice: r.changed ? `Withdrawal recorded for ${r.newsletterName}.` : `Already withdrawn from ${r.newsletterName}; nothing changed.` };
});

/** Staff (editors too): a withdrawal or objection by address; the same answer whether or not it subscribes. */
export const recordByAddressAction = protectedAction("objections.record", async (staff, _prev: FormState, form: FormData): Promise<FormState> => {
  const values = { email: str(form, "email"), kind: str(form, "kind"), scope: str(form, "scope"), channel: str(form, "channel"), note: str(form, "note") };
  const r = await recordObjectionByAddress({ ...values, staff });
  if (!r.ok) return { error: r.error, field: r.field, values };
  revalidatePath("/admin/suppressions");
  return { notice: r.notice, values: { kind: values.kind, scope: values.scope, channel: values.channel } };
});
