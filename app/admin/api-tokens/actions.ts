"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, fields, id, prevState, text } from "@/lib/http/boundary";
import { createApiToken, revokeApiToken } from "@/lib/customers/api-tokens";
import type { ApiTokenState } from "@/components/api-token-form";

export const create = action(
  { access: "settings.manage", input: z.tuple([prevState<ApiTokenState>(), fields({ name: text(1000) })]), invalid: (e): ApiTokenState => ({ error: e.message }) },
  async ({ staff }, _prev, form): Promise<ApiTokenState> => {
    const r = await createApiToken({ actor: staff, name: form.name });
    revalidatePath("/admin/api-tokens");
    return r.ok ? { token: r.token } : { error: r.error };
  },
);

export const revoke = action({ access: "settings.manage", input: z.tuple([fields({ id: id() })]) }, async ({ staff }, form) => {
  await revokeApiToken({ actor: staff, id: form.id });
  revalidatePath("/admin/api-tokens");
});
