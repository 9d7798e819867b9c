"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action, fields, id, prevState, text } from "@/lib/http/boundary";
import { createWebhookEndpoint, deleteWebhookEndpoint, enableWebhookEndpoint, replayWebhookDelivery } from "@/lib/webhooks/endpoints";
import type { WebhookEndpointState } from "@/components/webhook-endpoint-form";

export const create = action(
  {
    access: "settings.manage",
    input: z.tuple([prevState<WebhookEndpointState>(), fields({ url: text(2000), events: z.array(z.string().max(40)).max(20), payloadMode: text(20) })]),
    invalid: (e): WebhookEndpointState => ({ error: e.message }),
  },
  async ({ staff }, _prev, form): Promise<WebhookEndpointState> => {
    const r = await createWebhookEndpoint({ actor: staff, ...form });
    revalidatePath("/admin/webhooks");
    return r.ok ? { secret: r.secret } : { error: r.error, field: r.field };
  },
);

export const enable = action({ access: "settings.manage", input: z.tuple([fields({ id: id() })]) }, async ({ staff }, form) => {
  await enableWebhookEndpoint({ actor: staff, id: form.id });
  revalidatePath("/admin/webhooks");
});

export const remove = action({ access: "settings.manage", input: z.tuple([fields({ id: id() })]) }, async ({ staff }, form) => {
  await deleteWebhookEndpoint({ actor: staff, id: form.id });
  revalidatePath("/admin/webhooks");
});

export const replay = action({ access: "settings.manage", input: z.tuple([fields({ id: id(), endpointId: id() })]) }, async ({ staff }, form) => {
  const r = await replayWebhookDelivery({ actor: staff, id: form.id });
  const to = `/admin/webhooks/${encodeURIComponent(form.endpointId)}`;
  revalidatePath(to);
  redirect(r.ok ? `${to}?notice=replayed` : `${to}?error=${encodeURIComponent(r.error)}`);
});
