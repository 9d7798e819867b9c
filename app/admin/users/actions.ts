"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, fields, id, text } from "@/lib/http/boundary";
import { inviteUser } from "@/lib/users/invite-user";
import { changeUserRole } from "@/lib/users/change-user-role";
import { removeUser } from "@/lib/users/remove-user";
import { signOutEverywhere } from "@/lib/auth/sessions";
import { staffTranslator } from "@/lib/i18n/staff-translator";

const back = (r: { ok: true } | { ok: false; error: string }, ok: string): never => {
  revalidatePath("/admin/users");
  redirect(r.ok ? `/admin/users?notice=${encodeURIComponent(ok)}` : `/admin/users?error=${encodeURIComponent(r.error)}`);
};
// A refused input answers like the page's own errors: back to the list with the message.
const invalid = (e: { message: string }) => back({ ok: false, error: e.message }, "");

export const invite = action(
  { access: "users.manage", input: z.tuple([fields({ email: text(1000), role: text(20), name: text(1000) })]), invalid },
  async ({ staff }, form) => {
    back(await inviteUser({ actor: staff, email: form.email, role: form.role, name: form.name }), (await staffTranslator("admin.users"))("invited"));
  },
);

export const setRole = action({ access: "users.manage", input: z.tuple([fields({ userId: id(), role: text(20) })]), invalid }, async ({ staff }, form) => {
  back(await changeUserRole({ actor: staff, userId: form.userId, role: form.role }), (await staffTranslator("admin.users"))("roleChanged"));
});

export const remove = action({ access: "users.manage", input: z.tuple([fields({ userId: id() })]), invalid }, async ({ staff }, form) => {
  back(await removeUser({ actor: staff, userId: form.userId }), (await staffTranslator("admin.users"))("removed"));
});

export const endSessions = action({ access: "users.manage", input: z.tuple([fields({ userId: id() })]), invalid }, async ({ staff }, form) => {
  const count = await signOutEverywhere({ userId: form.userId, actor: staff });
  back({ ok: true }, (await staffTranslator("admin.users"))("sessionsEnded", { count }));
});
