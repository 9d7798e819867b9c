"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, fields, id, prevState, text } from "@/lib/http/boundary";
import { createApiToken, revokeApiToken } from "@/lib/customers/api-tokens";
import { API_SCOPES } from "@/lib/api/scopes";
import type { ApiTokenState } from "@/components/api-token-form";

export const create = action(
  { access: "settings.manage", input: z.tuple([prevState<ApiTokenState>(), fields({
      name: text(1000),
      scopes: z.array(z.enum(API_SCOPES, { message: "Choose scopes from the list." })).max(API_SCOPES.length),
      ratePerMinute: z.coerce.number({ message: "Requests per minute: a whole number." }).int({ message: "Requests per minute: a whole number." }),
    })]),
    invalid: (e): ApiTokenState => ({ error: e.message }),
  },
  async ({ staff }, _prev, form): Promise<ApiTokenState> => {
    const r = await createApiToken({ actor: staff, name: form.name, scopes: form.scopes, ratePerMinute: form.ratePerMinute });
    revalidatePath("/admin/api-tokens");
    return r.ok ? { token: r.token } : { error: r.error };
  },
);

export const revoke = action({ access: "settings.manage", input: z.tuple([fields({ id: id() })]) }, async ({ staff }, form) => {
  await revokeApiToken({ actor: staff, id: form.id });
  revalidatePath("/admin/api-tokens");
});
