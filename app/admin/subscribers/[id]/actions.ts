"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, fields, prevState, text } from "@/lib/http/boundary";
import { eraseSubscriber } from "@/lib/subscribers/erase-subscriber";
import { recordObjection } from "@/lib/subscribers/record-objection";
import type { FormState } from "@/components/objection-forms";
import { staffTranslator } from "@/lib/i18n/staff-translator";

/** Erasure on request (AVG art. 17): everything but the suppression entry; audited by eraseSubscriber. */
export const erase = action({ access: "subscribers.manage", input: z.tuple([fields({ subscriberId: text(64), confirm: text(10) })]) }, async ({ staff }, form) => {
  const id = form.subscriberId;
  if (form.confirm !== "yes") redirect(`/admin/subscribers/${encodeURIComponent(id)}?error=${encodeURIComponent((await staffTranslator("admin.subscribers.detail"))("eraseTick"))}`);
  await eraseSubscriber({ subscriberId: id, actor: `user:${staff.id}`, auditActor: staff });
  redirect(`/admin/subscribers?notice=erased`);
});

const objectionFields = fields({ subscriberId: text(64), kind: text(40), scope: text(64), channel: text(40), note: text(10_000) });

/** A withdrawal or objection the person made by reply mail, phone, letter or in person; audited by recordObjection. */
export const recordObjectionAction = action(
  { access: "objections.record", input: z.tuple([prevState<FormState>(), objectionFields]), invalid: (e): FormState => ({ error: e.message, field: e.extra.field }) },
  async ({ staff }, _prev, values): Promise<FormState> => {
  const r = await recordObjection({ ...values, staff });
  if (!r.ok) return { error: r.error, field: r.field, values };
  revalidatePath(`/admin/subscribers/${values.subscriberId}`);
  const t = await staffTranslator("admin.subscribers.detail");
  return {
    notice: r.withdrawn.length
      ? t("recordedFor", { newsletters: r.withdrawn.map((w) => w.newsletterName).join(", ") })
      : t("recordedSuppression"),
  };
  },
);
