"use server";
import { revalidatePath } from "next/cache";
import { protectedAction } from "@/lib/auth/guard";
import { createApiToken, revokeApiToken } from "@/lib/customers/api-tokens";
import type { ApiTokenState } from "@/components/api-token-form";

export const create = protectedAction("settings.manage", async (staff, _prev: ApiTokenState, form: FormData): Promise<ApiTokenState> => {
  const r = await createApiToken({ actor: staff, name: form.get("name") });
  revalidatePath("/admin/api-tokens");
  return r.ok ? { token: r.token } : { error: r.error };
});

export const revoke = protectedAction("settings.manage", async (staff, form: FormData) => {
  await revokeApiToken({ actor: staff, id: String(form.get("id") ?? "") });
  revalidatePath("/admin/api-tokens");
});
