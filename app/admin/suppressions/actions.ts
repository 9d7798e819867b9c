"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, fields, prevState, text } from "@/lib/http/boundary";
import { addSuppressions } from "@/lib/subscribers/add-suppressions";
import { recordReplyUnsubscribe } from "@/lib/subscribers/record-reply-unsubscribe";
import { recordObjectionByAddress } from "@/lib/subscribers/record-objection-by-address";
import type { FormState } from "@/components/objection-forms";

const state = prevState<FormState>();
const invalid = (e: { message: string; extra: { field?: string } }): FormState => ({ error: e.message, field: e.extra.field });

/** Admins: addresses onto the suppression list (keyed hash only; all lines valid or nothing written). */
export const addSuppressionsAction = action(
  { access: "subscribers.manage", input: z.tuple([state, fields({ addresses: text(2_000_000), reason: text(1000) })]), invalid },
  async ({ staff }, _prev, values): Promise<FormState> => {
  const r = await addSuppressions({ text: values.addresses, reason: values.reason, actor: staff });
  if (!r.ok) return { error: r.error, lines: r.lines, values };
  revalidatePath("/admin/suppressions");
  return { notice: `${r.added} address(es) are on the suppression list.`, values: { reason: values.reason } };
  },
);

/** Staff: a reply to the List-Unsubscribe mailto address, recorded as a withdrawal by reply mail. */
export const replyUnsubscribeAction = action(
  { access: "objections.record", input: z.tuple([state, fields({ subject: text(5000), note: text(10_000) })]), invalid },
  async ({ staff }, _prev, values): Promise<FormState> => {
  const r = await recordReplyUnsubscribe({ subject: values.subject, note: values.note, staff });
  if (!r.ok) return { error: r.error, values };
  revalidatePath("/admin/suppressions");
  return { notice: r.changed ? `Withdrawal recorded for ${r.newsletterName}.` : `Already withdrawn from ${r.newsletterName}; nothing changed.` };
  },
);

/** Staff (editors too): a withdrawal or objection by address; the same answer whether or not it subscribes. */
export const recordByAddressAction = action(
  { access: "objections.record", input: z.tuple([state, fields({ email: text(1000), kind: text(40), scope: text(64), channel: text(40), note: text(10_000) })]), invalid },
  async ({ staff }, _prev, values): Promise<FormState> => {
  const r = await recordObjectionByAddress({ ...values, staff });
  if (!r.ok) return { error: r.error, field: r.field, values };
  revalidatePath("/admin/suppressions");
  return { notice: r.notice, values: { kind: values.kind, scope: values.scope, channel: values.channel } };
  },
);
