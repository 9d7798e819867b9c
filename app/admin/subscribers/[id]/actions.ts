"use server";
import { redirect } from "next/navigation";
import { protectedAction } from "@/lib/auth/guard";
import { eraseSubscriber } from "@/lib/subscribers/erase-subscriber";

/** Erasure on request (AVG art. 17): everything but the suppression entry; audited by eraseSubscriber. */
export const erase = protectedAction("subscribers.manage", async (staff, form: FormData) => {
  const id = String(form.get("subscriberId") ?? "");
  if (form.get("confirm") !== "yes") redirect(`/admin/subscribers/${encodeURIComponent(id)}?error=${encodeURIComponent("Tick the box to confirm the erasure.")}`);
  await eraseSubscriber({ subscriberId: id, actor: `user:${staff.id}`, auditActor: staff });
  redirect(`/admin/subscribers?notice=erased`);
});
