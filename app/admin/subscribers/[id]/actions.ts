"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { protectedAction } from "@/lib/auth/guard";
import { eraseSubscriber } from "@/lib/subscribers/erase-subscriber";
import { recordObjection } from "@/lib/subscribers/record-objection";
import type { FormState } from "@/components/objection-forms";

/** Erasure on request (AVG art. 17): everything but the suppression entry; audited by eraseSubscriber. */
export const erase = protectedAction("subscribers.manage", async (staff, form: FormData) => {
  const id = String(form.get("subscriberId") ?? "");
  if (form.get("confirm") !== "yes") redirect(`/admin/subscribers/${encodeURIComponent(id)}?error=${encodeURIComponent("Tick the box to confirm the erasure.")}`);
  await eraseSubscriber({ subscriberId: id, actor: `user:${staff.id}`, auditActor: staff });
  redirect(`/admin/subscribers?notice=erased`);
});

/** A withdrawal or objection the person made by reply mail, phone, letter or in person; audited by recordObjection. */
export const recordObjectionAction = protectedAction("objections.record", async (staff, _prev: FormState, form: FormData): Promise<FormState> => {
  const field = (k: string) => String(form.get(k) ?? "");
  const values = { subscriberId: field("subscriberId"), kind: field("kind"), scope: field("scope"), channel: field("channel"), note: field("note") };
  const r = await recordObjection({ ...values, staff });
  if (!r.ok) return { error: r.error, field: r.field, values };
  revalidatePath(`/admin/subscribers/${values.subscriberId}`);
  return {
    notice: r.withdrawn.length
      ? `Recorded for ${r.withdrawn.map((w) => w.newsletterName).join(", ")}.`
      : "Recorded on the suppression list; no subscription was still active.",
  };
});
