"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { protectedAction } from "@/lib/auth/guard";
import { inviteUser } from "@/lib/users/invite-user";
import { changeUserRole } from "@/lib/users/change-user-role";
import { removeUser } from "@/lib/users/remove-user";
import { signOutEverywhere } from "@/lib/auth/sessions";

const back = (r: { ok: true } | { ok: false; error: string }, ok: string): never => {
  revalidatePath("/admin/users");
  redirect(r.ok ? `/admin/users?notice=${encodeURIComponent(ok)}` : `/admin/users?error=${encodeURIComponent(r.error)}`);
};

export const invite = protectedAction("users.manage", async (staff, form: FormData) => {
  const r = await inviteUser({ actor: staff, email: form.get("email"), role: form.get("role"), name: form.get("name") });
  back(r, "Invitation sent.");
});

export const setRole = protectedAction("users.manage", async (staff, form: FormData) => {
  back(await changeUserRole({ actor: staff, userId: String(form.get("userId") ?? ""), role: form.get("role") }), "Role changed.");
});

export const remove = protectedAction("users.manage", async (staff, form: FormData) => {
  back(await removeUser({ actor: staff, userId: String(form.get("userId") ?? "") }), "User removed.");
});

export const endSessions = protectedAction("users.manage", async (staff, form: FormData) => {
  const userId = String(form.get("userId") ?? "");
  const count = await signOutEverywhere({ userId, actor: staff });
  back({ ok: true }, `Signed out everywhere (${count} session${count === 1 ? "" : "s"} ended).`);
});
